import { ROLES } from '@pbis/core';
import {
  alertRulesSchema,
  alertsSchema,
  budgetLineListSchema,
  budgetVsActualSchema,
  forecastSchema,
  rankingsSchema,
  executionSummarySchema,
  lineDocumentsSchema,
  moneyIndicatorsSchema,
  postedEntrySchema,
} from '@pbis/contract';
import type { ModuleAccess, ModuleResponses } from '../../test/module-support.js';
import type { Client, TestContext } from '../../test/harness.js';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { transferAccess, transferResponses } from './transfers-test-support.js';

/** Who may call budget execution's routes (read by access-matrix.test.ts). */
export const access: ModuleAccess = {
  'GET /api/v1/execution/money-indicators': [...ROLES],
  'GET /api/v1/execution/lines': [...ROLES],
  'GET /api/v1/execution/summary': [...ROLES],
  'POST /api/v1/execution/reservations': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/obligations': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/disbursements': ['admin', 'budget_office', 'unit_officer'],
  ...transferAccess,
  'GET /api/v1/execution/budget-vs-actual': [...ROLES],
  'GET /api/v1/execution/budget-vs-actual/report': [...ROLES],
  'GET /api/v1/execution/lines/{id}/documents': [...ROLES],
  // analysis (analysis-routes.ts)
  'GET /api/v1/execution/forecast': [...ROLES],
  'GET /api/v1/execution/alerts': [...ROLES],
  'GET /api/v1/execution/alert-rules': [...ROLES],
  'PUT /api/v1/execution/alert-rules': ['admin', 'budget_office'],
  'GET /api/v1/execution/rankings': [...ROLES],
};

const lines = new WeakMap<TestContext, Promise<string>>();
/** One budget line of the Budget Office with room for the entries below. */
function aLine(admin: Client, t: TestContext): Promise<string> {
  const known = lines.get(t);
  if (known) return known;
  const line = (async () => {
    const csv =
      'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount\n' +
      '2565,BDO,,แผนงานทดสอบ,,,งานทดสอบสัญญา,operating,,1000.00\n';
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: new TextEncoder().encode(csv),
      name: 'contract-line.csv',
    });
    const res = await admin.get('/api/v1/execution/lines?fiscalYear=2565');
    return budgetLineListSchema.parse(res.json()).items.find((l) => l.project === 'งานทดสอบสัญญา')!
      .id;
  })();
  lines.set(t, line);
  return line;
}

/** How to get each route's answer (read by contract-responses.test.ts). */
export const responses: ModuleResponses = {
  'GET /api/v1/execution/money-indicators': {
    schema: moneyIndicatorsSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/money-indicators?fiscalYear=2565'),
  },
  'GET /api/v1/execution/lines': {
    schema: budgetLineListSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/lines?fiscalYear=2565');
    },
  },
  'GET /api/v1/execution/summary': {
    schema: executionSummarySchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/summary?fiscalYear=2565'),
  },
  'POST /api/v1/execution/reservations': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/reservations', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-R-1',
        date: '2022-01-04',
        amount: '10.00',
      }),
  },
  'POST /api/v1/execution/obligations': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/obligations', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-O-1',
        date: '2022-01-05',
        amount: '100.00',
        vendor: 'บริษัท ทดสอบ จำกัด',
      }),
  },
  'POST /api/v1/execution/disbursements': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/disbursements', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-D-1',
        date: '2022-01-06',
        amount: '50.00',
      }),
  },
  ...transferResponses,
  'GET /api/v1/execution/budget-vs-actual': {
    schema: budgetVsActualSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/budget-vs-actual?fiscalYear=2565');
    },
  },
  'GET /api/v1/execution/lines/{id}/documents': {
    schema: lineDocumentsSchema,
    status: 200,
    call: async (a, t) => a.get(`/api/v1/execution/lines/${await aLine(a, t)}/documents`),
  },
  // analysis (analysis-routes.ts)
  'GET /api/v1/execution/forecast': {
    schema: forecastSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/forecast?fiscalYear=2565&asOf=2022-03-31');
    },
  },
  'GET /api/v1/execution/alerts': {
    schema: alertsSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/alerts?fiscalYear=2565&asOf=2022-03-31');
    },
  },
  'GET /api/v1/execution/alert-rules': {
    schema: alertRulesSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/alert-rules'),
  },
  'PUT /api/v1/execution/alert-rules': {
    schema: alertRulesSchema,
    status: 200,
    call: async (a) => {
      const now = alertRulesSchema.parse((await a.get('/api/v1/execution/alert-rules')).json());
      return a.request('PUT', '/api/v1/execution/alert-rules', {
        version: now.version,
        rules: now.rules,
        targets: now.targets,
      });
    },
  },
  'GET /api/v1/execution/rankings': {
    schema: rankingsSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/rankings?fiscalYear=2565');
    },
  },
};
