import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planHomeSchema, planTreeSchema } from '@pbis/contract';
import { aUnit, aUser } from '../../test/factories.js';
import { setupApp, testDatabases, type Client, type TestContext } from '../../test/harness.js';
import { BUDGET_OFFICE_PLAN_2565, syntheticPlan } from './demo.js';
import { resultDue } from './home.js';
import { loadPlanSeed } from './seed-loader.js';

describe('resultDue', () => {
  it.each([
    [null, true, 5, true],
    [null, false, 5, true],
    [{ periodKind: 'month', periodNo: 4 }, true, 5, true],
    [{ periodKind: 'month', periodNo: 5 }, true, 5, false],
    [{ periodKind: 'quarter', periodNo: 1 }, true, 5, true],
    [{ periodKind: 'quarter', periodNo: 2 }, true, 5, false],
    [{ periodKind: 'year', periodNo: 0 }, true, 1, false],
    [{ periodKind: 'month', periodNo: 1 }, false, 5, false],
  ] as const)('latest %o, current year %s, month %i → due %s', (latest, current, month, due) => {
    expect(resultDue(latest, current, month)).toBe(due);
  });
});

describe.each(testDatabases())('plans home-page cards on $name', (kind) => {
  let t: TestContext;
  let unitA: { id: string; code: string; nameTh: string };
  let unitB: { id: string; code: string; nameTh: string };
  let officerA: Client;
  let analyst4: Client;
  let analyst5: Client;
  let office: Client;
  let bdoId = '';

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    unitA = await aUnit().inDivision(4).create(t);
    unitB = await aUnit().inDivision(5).create(t);
    officerA = await (await aUser().officerOf(unitA).create(t)).signIn(t.app);
    analyst4 = await (await aUser().analystOf(4).create(t)).signIn(t.app);
    analyst5 = await (await aUser().analystOf(5).create(t)).signIn(t.app);
    office = await (await aUser().office().create(t)).signIn(t.app);
    expect(await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitA, 1))).toBe(true);
    expect(await loadPlanSeed(t.database, t.organizationId, syntheticPlan(unitB, 2))).toBe(true);
    expect(await loadPlanSeed(t.database, t.organizationId, BUDGET_OFFICE_PLAN_2565)).toBe(true);
    const units = (await office.get('/api/v1/units?limit=500')).json() as {
      items: { id: string; code: string }[];
    };
    bdoId = units.items.find((u) => u.code === 'BDO')!.id;
  });
  afterAll(() => t?.close());

  const home = async (c: Client, q = '') => {
    const res = await c.get(`/api/v1/plans/home${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return planHomeSchema.parse(res.json());
  };
  const tree = async (c: Client, unitId: string) => {
    const res = await c.get(`/api/v1/plans/tree?unitId=${unitId}&fiscalYear=2565`);
    expect(res.statusCode, res.body).toBe(200);
    return planTreeSchema.parse(res.json());
  };
  const sum = (list: { statusCounts: Record<string, number> }[]) =>
    list.reduce(
      (acc, x) => {
        for (const [k, v] of Object.entries(x.statusCounts)) acc[k] = (acc[k] ?? 0) + v;
        return acc;
      },
      {} as Record<string, number>,
    );

  it("an officer sees their own unit's figures, the same counts as their tree", async () => {
    const h = await home(officerA);
    expect(h.scope).toBe('unit');
    expect(h.fiscalYear).toBe(2565); // the newest year with plans, up to the current one
    expect(h.currentYear).toBe(false);
    expect(h.units).toBe(1);
    expect(h.statusCounts).toEqual((await tree(officerA, unitA.id)).statusCounts);
    for (const i of [...h.due, ...h.atRisk]) expect(i.unitId).toBe(unitA.id);
    // A past year: due means no result at all in the year.
    for (const i of h.due) expect(i.latest).toBeNull();
    expect(h.dueTotal).toBeGreaterThanOrEqual(h.due.length);
  });

  it("an analyst sees their division's units only; the Budget Office the whole BMA", async () => {
    const h4 = await home(analyst4);
    expect(h4.scope).toBe('division');
    expect(h4.units).toBe(2); // unit A and the Budget Office (division 4), not unit B
    expect(h4.statusCounts).toEqual(sum([await tree(office, unitA.id), await tree(office, bdoId)]));
    const seen = new Set([...h4.due, ...h4.atRisk].map((i) => i.unitId));
    expect(seen.has(unitB.id)).toBe(false);
    const h5 = await home(analyst5);
    expect(h5.units).toBe(1);
    expect(h5.statusCounts).toEqual((await tree(office, unitB.id)).statusCounts);
    const all = await home(office);
    expect(all.scope).toBe('all');
    expect(all.units).toBe(3);
    expect(all.statusCounts).toEqual(
      sum([await tree(office, unitA.id), await tree(office, unitB.id), await tree(office, bdoId)]),
    );
    // At risk first, then missed; only those two statuses.
    const statuses = all.atRisk.map((i) => i.status);
    expect(statuses.every((s) => s === 'at_risk' || s === 'missed')).toBe(true);
    expect(statuses.join(',')).toMatch(/^(at_risk,)*(at_risk|missed)?(,missed)*$/);
    expect(all.atRiskTotal).toBe(all.statusCounts.at_risk + all.statusCounts.missed);
  });

  it('a result entered leaves the due list', async () => {
    const before = await home(office);
    // The Budget Office's seed plan has entered indicators without a FY2565 result (1, 3, 5.2).
    const due = before.due.find((i) => i.unitId === bdoId)!;
    expect(due).toBeDefined();
    const res = await office.request('PUT', `/api/v1/plans/indicators/${due.indicatorId}/results`, {
      fiscalYear: 2565,
      periodKind: 'year',
      periodNo: 0,
      value: '1',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await home(office);
    expect(after.dueTotal).toBe(before.dueTotal - 1);
    expect(after.due.map((i) => i.indicatorId)).not.toContain(due.indicatorId);
  });

  it('a year without plans answers empty figures; a bad year is 400; no session is 401', async () => {
    const h = await home(office, '?fiscalYear=2570');
    expect(h.plans).toBe(0);
    expect(h.due).toEqual([]);
    expect(h.statusCounts).toEqual({ on_track: 0, at_risk: 0, missed: 0, no_result: 0 });
    expect((await office.get('/api/v1/plans/home?fiscalYear=65')).statusCode).toBe(400);
    expect((await office.get('/api/v1/plans/home?fiscalYear=%00')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/plans/home' })).statusCode).toBe(401);
  });
});
