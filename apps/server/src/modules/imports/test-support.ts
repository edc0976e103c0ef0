import { importKindListSchema } from '@pbis/contract';
import type { ModuleAccess, ModuleResponses } from '../../test/module-support.js';

/*
 * The import screen's reads (kinds-routes.ts). POST /imports/{kind} and GET /exports/{kind} are
 * the foundation's, listed in access-matrix.test.ts and contract-responses.test.ts.
 */

/** Who may call them (read by access-matrix.test.ts): those who may import. */
export const access: ModuleAccess = {
  'GET /api/v1/imports/kinds': ['admin', 'budget_office'],
  'GET /api/v1/imports/kinds/{kind}/example': ['admin', 'budget_office'],
};

/** The JSON answer (read by contract-responses.test.ts); the example is a CSV file. */
export const responses: ModuleResponses = {
  'GET /api/v1/imports/kinds': {
    schema: importKindListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/imports/kinds'),
  },
};
