import type { ServerModule } from '../module.js';
import { orgRoutes } from './routes.js';

export const orgModule: ServerModule = {
  name: 'org',
  routes: orgRoutes,
  tables: ['organization', 'receiving_unit', 'division'],
};
