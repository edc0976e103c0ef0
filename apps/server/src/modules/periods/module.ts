import type { ServerModule } from '../module.js';
import { periodRoutes } from './routes.js';

export const periodsModule: ServerModule = {
  name: 'periods',
  routes: periodRoutes,
  tables: ['fiscal_year', 'period_lock'],
};
