import { ROLES } from '@pbis/core';
import {
  budgetLineListSchema,
  transferDetailSchema,
  transferListSchema,
  transferRulesSchema,
} from '@pbis/contract';
import type { ModuleAccess, ModuleResponses } from '../../test/module-support.js';
import type { Client, TestContext } from '../../test/harness.js';
import { aUser } from '../../test/factories.js';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';

/** Who may call the transfer routes (merged into execution's test-support.ts). */
export const transferAccess: ModuleAccess = {
  'GET /api/v1/execution/transfer-rules': [...ROLES],
  'PUT /api/v1/execution/transfer-rules': ['admin', 'budget_office'],
  'GET /api/v1/execution/transfers': [...ROLES],
  'GET /api/v1/execution/transfers/{id}': [...ROLES],
  'POST /api/v1/execution/transfers': ['admin', 'budget_office', 'unit_officer'],
  'PATCH /api/v1/execution/transfers/{id}': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/transfers/{id}/approve': ['admin', 'budget_office', 'budget_analyst'],
  'POST /api/v1/execution/transfers/{id}/reject': ['admin', 'budget_office', 'budget_analyst'],
  'POST /api/v1/execution/transfers/{id}/cancel': ['admin', 'budget_office', 'unit_officer'],
};

const linePairs = new WeakMap<TestContext, Promise<{ from: string; to: string }>>();
/** Two operating lines of the Budget Office unit with room for the transfers below. */
function twoLines(admin: Client, t: TestContext) {
  const known = linePairs.get(t);
  if (known) return known;
  const made = (async () => {
    const csv =
      'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount\n' +
      '2565,BDO,,แผนงานทดสอบ,,,งานทดสอบโอนออก,operating,,10000.00\n' +
      '2565,BDO,,แผนงานทดสอบ,,,งานทดสอบโอนเข้า,operating,,10000.00\n';
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: new TextEncoder().encode(csv),
      name: 'contract-transfer-lines.csv',
    });
    const items = budgetLineListSchema.parse(
      (await admin.get('/api/v1/execution/lines?fiscalYear=2565')).json(),
    ).items;
    const id = (project: string) => items.find((l) => l.project === project)!.id;
    return { from: id('งานทดสอบโอนออก'), to: id('งานทดสอบโอนเข้า') };
  })();
  linePairs.set(t, made);
  return made;
}

/** A fresh request by `admin`: its id and version. */
async function aRequest(admin: Client, t: TestContext) {
  const { from, to } = await twoLines(admin, t);
  const res = await admin.request('POST', '/api/v1/execution/transfers', {
    fromLineId: from,
    toLineId: to,
    amount: '100.00',
    reason: 'ปรับแผนการใช้จ่าย',
    date: '2022-01-10',
  });
  const body = transferDetailSchema.parse(res.json());
  return { id: body.id, version: body.version };
}

const deciders = new WeakMap<TestContext, Promise<Client>>();
/** A Budget Office user who is not the maker (the maker never decides their own request). */
function aDecider(t: TestContext) {
  const known = deciders.get(t);
  if (known) return known;
  const made = aUser()
    .office()
    .create(t)
    .then((u) => u.signIn(t.app));
  deciders.set(t, made);
  return made;
}

/** How to get each transfer route's answer (merged into execution's test-support.ts). */
export const transferResponses: ModuleResponses = {
  'GET /api/v1/execution/transfer-rules': {
    schema: transferRulesSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/transfer-rules'),
  },
  'PUT /api/v1/execution/transfer-rules': {
    schema: transferRulesSchema,
    status: 200,
    // An empty table restores the defaults: the other calls see the usual rules.
    call: (a) => a.request('PUT', '/api/v1/execution/transfer-rules', { rules: [] }),
  },
  'POST /api/v1/execution/transfers': {
    schema: transferDetailSchema,
    status: 201,
    call: async (a, t) => {
      const { from, to } = await twoLines(a, t);
      return a.request('POST', '/api/v1/execution/transfers', {
        fromLineId: from,
        toLineId: to,
        amount: '10.00',
        reason: 'ปรับแผนการใช้จ่าย',
        date: '2022-01-10',
      });
    },
  },
  'GET /api/v1/execution/transfers': {
    schema: transferListSchema,
    status: 200,
    call: async (a, t) => {
      await aRequest(a, t);
      return a.get('/api/v1/execution/transfers?fiscalYear=2565');
    },
  },
  'GET /api/v1/execution/transfers/{id}': {
    schema: transferDetailSchema,
    status: 200,
    call: async (a, t) => a.get(`/api/v1/execution/transfers/${(await aRequest(a, t)).id}`),
  },
  'PATCH /api/v1/execution/transfers/{id}': {
    schema: transferDetailSchema,
    status: 200,
    call: async (a, t) => {
      const { id, version } = await aRequest(a, t);
      return a.request('PATCH', `/api/v1/execution/transfers/${id}`, {
        version,
        amount: '20.00',
        reason: 'ปรับแผนการใช้จ่าย (แก้ไข)',
      });
    },
  },
  'POST /api/v1/execution/transfers/{id}/approve': {
    schema: transferDetailSchema,
    status: 200,
    call: async (a, t) => {
      const { id, version } = await aRequest(a, t);
      const office = await aDecider(t);
      return office.request('POST', `/api/v1/execution/transfers/${id}/approve`, { version });
    },
  },
  'POST /api/v1/execution/transfers/{id}/reject': {
    schema: transferDetailSchema,
    status: 200,
    call: async (a, t) => {
      const { id, version } = await aRequest(a, t);
      const office = await aDecider(t);
      return office.request('POST', `/api/v1/execution/transfers/${id}/reject`, {
        version,
        note: 'ไม่มีความจำเป็น',
      });
    },
  },
  'POST /api/v1/execution/transfers/{id}/cancel': {
    schema: transferDetailSchema,
    status: 200,
    call: async (a, t) => {
      const { id, version } = await aRequest(a, t);
      return a.request('POST', `/api/v1/execution/transfers/${id}/cancel`, { version });
    },
  },
};
