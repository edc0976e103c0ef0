import { auditModule } from './audit/module.js';
import { authModule } from './auth/module.js';
import { executionModule } from './execution/module.js';
import { importsModule } from './imports/module.js';
import type { ServerModule } from './module.js';
import { orgModule } from './org/module.js';
import { periodsModule } from './periods/module.js';
import { plansModule } from './plans/module.js';
import { systemModule } from './system/module.js';
import { usersModule } from './users/module.js';

/**
 * Every feature of the server, one line each. The order is the tables' load order (a module
 * after the modules whose tables its tables reference) and the order routes are registered in.
 */
export const serverModules: readonly ServerModule[] = [
  systemModule,
  orgModule,
  usersModule,
  authModule,
  periodsModule,
  importsModule,
  executionModule,
  plansModule,
  auditModule,
];

/**
 * Every table, in load order: what a backup holds (less the tables it leaves out) and what a
 * restore empties and loads. A table no module declares fails backup-catalogue.test.ts.
 */
export const tablesInLoadOrder: readonly string[] = serverModules.flatMap((m) => m.tables ?? []);
