import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planTreeSchema } from '@pbis/contract';
import { aUnit, aUser } from '../../test/factories.js';
import { setupApp, testDatabases, type Client, type TestContext } from '../../test/harness.js';
import { BMA_STRATEGY, seedDemoPlans } from './demo.js';
import { loadPlanSeed, type PlanSeed } from './seed-loader.js';

/*
 * The cascade tree at scale (issue 14's closing note): the demo's plans, and one plan of 1,000
 * projects × 3 indicators × 12 monthly results. The tree is a fixed number of queries whatever the
 * plan's size; the figures (p50/p95 of 20 reads after a warm-up) are printed for the record.
 */

function bigPlan(unitCode: string): PlanSeed {
  const projects = Array.from({ length: 1000 }, (_, i) => ({
    key: `p${i}`,
    measureCode: 'SYN-M1',
    kind: (i % 2 ? 'activity' : 'project') as 'activity' | 'project',
    code: `P${i}`,
    nameTh: `โครงการสังเคราะห์ที่ ${i + 1} (ข้อมูลสังเคราะห์)`,
    budget: String(10_000 + i),
  }));
  const indicators = Array.from({ length: 3000 }, (_, i) => ({
    level: 'measure' as const,
    anchor: 'SYN-M1',
    code: `K${i}`,
    nameTh: `ตัวชี้วัดสังเคราะห์ที่ ${i + 1}`,
    criteria: {
      kind: 'linear',
      points: [
        { x: 0, score: 0 },
        { x: 100, score: 100 },
      ],
      clamp: true,
    },
    targets: [{ fiscalYear: 2565, kind: 'numeric' as const, value: '100' }],
    results: Array.from({ length: 12 }, (_, m) => ({
      fiscalYear: 2565,
      periodKind: 'month' as const,
      periodNo: m + 1,
      value: String((m + 1) * 8 - (i % 5)),
    })),
  }));
  return {
    unitCode,
    fiscalYear: 2565,
    titleTh: 'แผนขนาดใหญ่ (ข้อมูลสังเคราะห์)',
    synthetic: true,
    strategy: BMA_STRATEGY,
    projects,
    indicators,
  };
}

async function timings(c: Client, url: string, n = 20) {
  expect((await c.get(url)).statusCode).toBe(200); // warm-up
  const ms: number[] = [];
  let last: unknown;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await c.get(url);
    ms.push(performance.now() - start);
    expect(res.statusCode).toBe(200);
    last = res.json();
  }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  return { p50: Math.round(p(0.5)), p95: Math.round(p(0.95)), tree: planTreeSchema.parse(last) };
}

describe.each(testDatabases())('the cascade tree at scale on $name', (kind) => {
  let t: TestContext;
  let office: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    office = await (await aUser().office().create(t)).signIn(t.app);
  }, 600_000);
  afterAll(() => t?.close());

  it('the demo plans, and 1,000 projects × 3 indicators × 12 periods', async () => {
    await seedDemoPlans(t.database, t.organizationId);
    const units = (await office.get('/api/v1/units?limit=200')).json() as {
      items: { id: string; code: string }[];
    };
    const bdo = units.items.find((u) => u.code === 'BDO')!;
    const demo = await timings(office, `/api/v1/plans/tree?unitId=${bdo.id}&fiscalYear=2565`);
    const big = await aUnit().inDivision(1).create(t);
    await loadPlanSeed(t.database, t.organizationId, bigPlan(big.code));
    const scale = await timings(office, `/api/v1/plans/tree?unitId=${big.id}&fiscalYear=2565`, 10);
    expect(scale.tree.indicators).toHaveLength(3000);
    expect(
      scale.tree.nodes.filter((n) => n.kind === 'project' || n.kind === 'activity'),
    ).toHaveLength(1000);
    console.log(
      `[tree ${kind.name}] demo (Budget Office): p50 ${demo.p50} ms, p95 ${demo.p95} ms; ` +
        `1,000 projects × 3 indicators × 12 periods: p50 ${scale.p50} ms, p95 ${scale.p95} ms`,
    );
    expect(scale.p95).toBeLessThan(15_000);
  }, 600_000);
});
