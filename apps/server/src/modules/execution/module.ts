import type { ServerModule } from '../module.js';
import { budgetLinesImport } from './import-budget-lines.js';
import { carryOversImport } from './import-carry-overs.js';
import { disbursementsImport, obligationsImport } from './import-ledger.js';
import { transfersImport } from './import-transfers.js';
import { executionRoutes } from './routes.js';

export const executionModule: ServerModule = {
  name: 'execution',
  routes: executionRoutes,
  importKinds: [
    budgetLinesImport,
    transfersImport,
    obligationsImport,
    disbursementsImport,
    carryOversImport,
  ] as never,
  tables: [
    'budget_line',
    'budget_line_month',
    'commitment',
    'disbursement',
    'budget_transfer',
    'carry_over',
    'execution_rule',
    'fiscal_year_close',
  ],
};
