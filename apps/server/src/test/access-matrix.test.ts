import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Audience } from '@pbis/core';
import {
  login,
  ROLE_ACCOUNTS,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from './harness.js';
import { mergeByRoute, moduleTestSupport } from './module-support.js';

/*
 * Walks every route of the OpenAPI document with every role (and signed out) and checks the
 * answer against the expectation below (and each module's test-support.ts): a route that no
 * expectation lists fails the test, and one that forgets to declare its access is closed (403),
 * which the walk reports.
 */
interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

/**
 * Who may call what — the expectation written out, not read from the routes: the foundation's
 * here, a later module's in its own test-support.ts (module-support.ts).
 */
const FOUNDATION: Record<string, Audience[]> = {
  'GET /api/v1/health': ['public', ...ROLES],
  'POST /api/v1/auth/login': ['public', ...ROLES],
  'POST /api/v1/auth/logout': [...ROLES],
  'GET /api/v1/auth/me': [...ROLES],
  'POST /api/v1/auth/password': [...ROLES],
  'GET /api/v1/organization': [...ROLES],
  'GET /api/v1/units': [...ROLES],
  'GET /api/v1/units/{id}': [...ROLES],
  'POST /api/v1/units': ['admin', 'budget_office'],
  'PATCH /api/v1/units/{id}': ['admin', 'budget_office'],
  'GET /api/v1/users': ['admin'],
  'POST /api/v1/users': ['admin'],
  'PATCH /api/v1/users/{id}': ['admin'],
  'POST /api/v1/users/{id}/reset-password': ['admin'],
  'POST /api/v1/users/{id}/unlock': ['admin'],
  'GET /api/v1/fiscal-years': [...ROLES],
  'POST /api/v1/fiscal-years': ['admin'],
  'GET /api/v1/period-locks': [...ROLES],
  'PUT /api/v1/period-locks': ['admin'],
  'GET /api/v1/audit': ['admin', 'budget_office'],
  'GET /api/v1/audit/verify': ['admin', 'budget_office'],
  'GET /api/v1/audit/sign-in-failures': ['admin'],
  'GET /api/v1/activity': [...ROLES],
  'POST /api/v1/imports/{kind}': ['admin', 'budget_office'],
  'GET /api/v1/exports/{kind}': ['admin', 'budget_office'],
};

const PLACEHOLDER = { id: '00000000-0000-4000-8000-000000000000', kind: 'units' };

const EXPECTED = mergeByRoute(FOUNDATION, await moduleTestSupport(), (m) => m.access);

describe.each(testDatabases())('role × route matrix on $name', (kind) => {
  let t: TestContext;
  let operations: Operation[];
  const clients = new Map<Audience, Client | undefined>();

  beforeAll(async () => {
    t = await setupApp(kind);
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => ({ method: m.toUpperCase() as Operation['method'], path })),
    );
    clients.set('public', undefined);
    for (const role of ROLES) clients.set(role, await login(t.app, ROLE_ACCOUNTS[role]));
  });
  afterAll(() => t.close());

  it('documents exactly the routes the expectation lists', () => {
    const documented = operations.map((o) => `${o.method} ${o.path}`).sort();
    expect(documented).toEqual(Object.keys(EXPECTED).sort());
  });

  /** Every route × audience, through `urlOf` (the plain path, or a disguised one). */
  async function walk(urlOf: (path: string) => string, body: () => unknown = () => ({})) {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const allowed = EXPECTED[key] ?? [];
      const url = urlOf(
        op.path.replace(/\{(\w+)\}/g, (_m, p: keyof typeof PLACEHOLDER) => PLACEHOLDER[p]),
      );
      for (const [audience, client] of clients) {
        if (key === 'POST /api/v1/auth/logout') continue; // checked below: it ends the session
        const payload = op.method === 'GET' ? undefined : body();
        const res = client
          ? await client.request(op.method, url, payload)
          : await t.app.inject({ method: op.method, url, payload: payload as object });
        checked += 1;
        const denied = res.statusCode === 401 || res.statusCode === 403;
        const shouldAllow = allowed.includes(audience);
        if (shouldAllow && denied)
          wrong.push(`${key} as ${audience}: denied (${res.statusCode}) but should be allowed`);
        if (!shouldAllow && !denied)
          wrong.push(`${key} as ${audience}: allowed (${res.statusCode}) but should be denied`);
        if (!shouldAllow && audience === 'public' && res.statusCode !== 401)
          wrong.push(`${key} signed out: ${res.statusCode}, expected 401`);
        if (res.statusCode >= 500)
          wrong.push(`${key} as ${audience}: ${res.statusCode} ${res.body}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual((operations.length - 1) * (ROLES.length + 1));
  }

  it('allows and denies every route for every role as declared', () => walk((url) => url));

  it('decides the same for every route reached by a percent-encoded path', () =>
    // /api/v1/units → /%61pi/v1/unit%73: the router decodes both; access must follow the route
    walk((url) =>
      url
        .replace(/^\/api\//, '/%61pi/')
        .replace(
          /([a-z])(\/|$)/,
          (_m, c: string, end: string) => `%${c.charCodeAt(0).toString(16)}${end}`,
        ),
    ));

  it('never answers 5xx to a NUL in the query string and in every body field', () =>
    walk(
      (url) => `${url}?q=%00&year=%00`,
      () => ({
        username: 'admin\u0000',
        password: '\u0000',
        nameTh: '\u0000',
        code: '\u0000',
        displayName: '\u0000',
        fiscalYear: 2565,
        month: 1,
        locked: true,
      }),
    ));

  it('logout is refused signed out and works for every role', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(
      401,
    );
    for (const role of ROLES) {
      const c = await login(t.app, ROLE_ACCOUNTS[role]);
      expect((await c.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
      expect((await c.get('/api/v1/auth/me')).statusCode).toBe(401);
    }
  });
});
