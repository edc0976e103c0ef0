import type { ServerModule } from '../module.js';
import { unitsImport } from './kinds/units.js';
import type { ImportKind } from './pipeline.js';
import { importRoutes } from './routes.js';

/** The one import pipeline; a file kind arrives with the module that owns its data. */
export const importsModule: ServerModule = {
  name: 'imports',
  routes: importRoutes,
  // The units kind writes the org module's table; it lives here until org holds its own kinds.
  importKinds: [unitsImport as ImportKind<never>],
  tables: ['import_batch'],
};
