import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  activityListSchema,
  auditListSchema,
  auditVerifySchema,
  createdUserSchema,
  fiscalYearListSchema,
  fiscalYearSchema,
  healthSchema,
  importSummarySchema,
  organizationOverviewSchema,
  periodLocksSchema,
  resetPasswordSchema,
  sessionSchema,
  signInFailureListSchema,
  unitListSchema,
  unitSchema,
  userListSchema,
  userSchema,
} from '@pbis/contract';
import {
  ADMIN_PASSWORD,
  login,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from './harness.js';
import { csvText, UNIT_COLUMNS, upload, utf8 } from './fixtures.js';
import { mergeByRoute, moduleTestSupport, type ModuleResponses } from './module-support.js';

/*
 * Every route of the OpenAPI document that declares a 200 or 201 answer is called as admin, and
 * its answer is parsed with the contract's schema — and encoded back to the very same JSON, so the
 * server sends no field the contract does not name. A route added without an entry here or in its
 * module's test-support.ts (module-support.ts) fails.
 */
let unitId = '';
let userId = '';

const FOUNDATION: ModuleResponses = {
  'GET /api/v1/health': { schema: healthSchema, status: 200, call: (a) => a.get('/api/v1/health') },
  'POST /api/v1/auth/login': {
    schema: sessionSchema,
    status: 200,
    call: (_a, t) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      }),
  },
  'GET /api/v1/auth/me': {
    schema: sessionSchema,
    status: 200,
    call: (a) => a.get('/api/v1/auth/me'),
  },
  'GET /api/v1/organization': {
    schema: organizationOverviewSchema,
    status: 200,
    call: (a) => a.get('/api/v1/organization'),
  },
  'GET /api/v1/units': {
    schema: unitListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/units?includeInactive=true&sort=code'),
  },
  'POST /api/v1/units': {
    schema: unitSchema,
    status: 201,
    call: async (a) => {
      const res = await a.request('POST', '/api/v1/units', {
        code: 'CT01',
        nameTh: 'ศูนย์ทดสอบสัญญา',
        kind: 'department',
        analysisDivisionNo: 2,
      });
      unitId = (res.json() as { id: string }).id;
      return res;
    },
  },
  'GET /api/v1/units/{id}': {
    schema: unitSchema,
    status: 200,
    call: (a) => a.get(`/api/v1/units/${unitId}`),
  },
  'PATCH /api/v1/units/{id}': {
    schema: unitSchema,
    status: 200,
    call: (a) =>
      a.request('PATCH', `/api/v1/units/${unitId}`, { nameEn: 'Contract Test Centre', version: 1 }),
  },
  'GET /api/v1/users': {
    schema: userListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/users?limit=200'),
  },
  'POST /api/v1/users': {
    schema: createdUserSchema,
    status: 201,
    call: async (a) => {
      const res = await a.request('POST', '/api/v1/users', {
        username: 'contract.officer',
        displayName: 'เจ้าหน้าที่ทดสอบ',
        role: 'unit_officer',
        unitCode: 'CT01',
      });
      userId = (res.json() as { user: { id: string } }).user.id;
      return res;
    },
  },
  'PATCH /api/v1/users/{id}': {
    schema: userSchema,
    status: 200,
    call: (a) =>
      a.request('PATCH', `/api/v1/users/${userId}`, { displayName: 'ผู้ทดสอบ', version: 1 }),
  },
  'POST /api/v1/users/{id}/reset-password': {
    schema: resetPasswordSchema,
    status: 200,
    call: (a) => a.request('POST', `/api/v1/users/${userId}/reset-password`, {}),
  },
  'GET /api/v1/fiscal-years': {
    schema: fiscalYearListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/fiscal-years'),
  },
  'POST /api/v1/fiscal-years': {
    schema: fiscalYearSchema,
    status: 201,
    call: (a) => a.request('POST', '/api/v1/fiscal-years', { year: 2570 }),
  },
  'PUT /api/v1/period-locks': {
    schema: periodLocksSchema,
    status: 200,
    call: (a) =>
      a.request('PUT', '/api/v1/period-locks', { fiscalYear: 2570, month: 2, locked: true }),
  },
  'GET /api/v1/period-locks': {
    schema: periodLocksSchema,
    status: 200,
    call: (a) => a.get('/api/v1/period-locks?fiscalYear=2570'),
  },
  'POST /api/v1/imports/{kind}': {
    schema: importSummarySchema,
    status: 200,
    call: (a, t) =>
      upload(
        t.app,
        a,
        'units',
        {
          bytes: utf8(csvText([UNIT_COLUMNS, ['CT02', 'ศูนย์นำเข้าสัญญา', '', '', '', '']])),
          name: 'c.csv',
        },
        '?dryRun=true',
      ),
  },
  'GET /api/v1/audit': {
    schema: auditListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/audit?limit=20'),
  },
  'GET /api/v1/activity': {
    schema: activityListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/activity'),
  },
  'GET /api/v1/audit/sign-in-failures': {
    schema: signInFailureListSchema,
    status: 200,
    call: async (a, t) => {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'contract.officer', password: 'not-the-password' },
      });
      return a.get('/api/v1/audit/sign-in-failures');
    },
  },
  'GET /api/v1/audit/verify': {
    schema: auditVerifySchema,
    status: 200,
    call: (a) => a.get('/api/v1/audit/verify'),
  },
};

/** The foundation's routes and every module's (its test-support.ts). */
const CALLS = mergeByRoute(FOUNDATION, await moduleTestSupport(), (m) => m.responses);

describe.each(testDatabases())('answers parse with the contract on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let operations: string[];

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
      >;
    };
    // A route without a declared answer gets swagger's "Default Response", with no content.
    const declared = (op: { responses?: Record<string, { content?: Record<string, unknown> }> }) =>
      ['200', '201'].some((s) => op.responses?.[s]?.content?.['application/json'] !== undefined);
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => declared(op))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => t?.close());

  it('covers every route with a 200/201 answer in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((op) => !(op in CALLS))).toEqual([]);
  });

  // In the order written: the unit and the user created first are read and edited after.
  it.each(Object.keys(CALLS))('%s', async (op) => {
    if (!operations.includes(op)) return; // a route this version does not have
    const { schema, status, call } = CALLS[op]!;
    const res = await call(admin, t);
    expect(res.statusCode, res.body).toBe(status);
    const wire = res.json() as unknown;
    const parsed = schema.safeParse(wire);
    expect(parsed.error?.issues ?? [], res.body.slice(0, 500)).toEqual([]);
    // Encoded back, the parsed answer is the answer: the server sent nothing the contract lacks.
    expect(z.encode(schema, parsed.data)).toEqual(wire);
  });
});
