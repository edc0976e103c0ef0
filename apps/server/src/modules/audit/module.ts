import type { ServerModule } from '../module.js';
import { auditRoutes } from './routes.js';

export const auditModule: ServerModule = {
  name: 'audit',
  routes: auditRoutes,
  // audit_log last: every row it records may name rows of any table above.
  tables: ['sign_in_failure', 'audit_log'],
};
