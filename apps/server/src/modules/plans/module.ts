import type { ServerModule } from '../module.js';
import { indicatorsImport, plansImport, resultsImport } from './imports.js';
import { planRoutes } from './routes.js';

export const plansModule: ServerModule = {
  name: 'plans',
  routes: planRoutes,
  importKinds: [plansImport, indicatorsImport, resultsImport] as never,
  tables: [
    'development_plan',
    'strategy_node',
    'action_plan',
    'unit_statement',
    'mission_task',
    'plan_project',
    'indicator',
    'indicator_target',
    'indicator_result',
    'evidence_file',
    'work_plan_step',
    'work_plan_progress',
  ],
};
