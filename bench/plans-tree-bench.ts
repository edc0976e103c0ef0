/**
 * The plans tree's API (GET /api/v1/plans/tree, as the Budget Office) on the demo's Budget Office
 * FY2565 plan and on a synthetic plan of 1,000 projects × 3 indicators × 12 monthly results
 * (36,000 results): p50 and p95 of sequential requests through Fastify's inject (no network), on
 * PGlite and, given a URL, on a fresh PostgreSQL database created for the run and dropped after.
 * Prints {"bench":"plans_tree","engine":…,"plan":…,"rows":…,"p50_ms":…,"p95_ms":…}.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { migrateDatabase, openDatabase, type Database } from '../apps/server/src/db/client.js';
import { loadConfig } from '../apps/server/src/env.js';
import { systemActor } from '../apps/server/src/modules/auth/actor.js';
import { BUDGET_OFFICE_PLAN_2565, SYNTHETIC } from '../apps/server/src/modules/plans/demo.js';
import * as plansRepo from '../apps/server/src/modules/plans/repository.js';
import { loadPlanSeed, type PlanSeed } from '../apps/server/src/modules/plans/seed-loader.js';
import { ensureOrganization, seedDemoAccounts } from '../apps/server/src/seed/seed.js';
import { runWrite } from '../apps/server/src/write.js';

const YEAR = 2565;

/** The big plan's projects (1,000 under the synthetic measure); indicators are added in slices. */
function bigPlan(unitCode: string, projects: number): PlanSeed {
  return {
    unitCode,
    fiscalYear: YEAR,
    titleTh: `แผนทดสอบสมรรถนะ (${SYNTHETIC})`,
    synthetic: true,
    strategy: {
      ...BUDGET_OFFICE_PLAN_2565.strategy,
      nodes: [
        ...BUDGET_OFFICE_PLAN_2565.strategy.nodes,
        {
          kind: 'measure',
          code: 'BENCH-M1',
          parentCode: BUDGET_OFFICE_PLAN_2565.strategy.nodes.find((n) => n.kind === 'goal')!.code,
          nameTh: `มาตรการทดสอบสมรรถนะ (${SYNTHETIC})`,
        },
      ],
    },
    projects: Array.from({ length: projects }, (_, i) => ({
      key: `p${i}`,
      measureCode: 'BENCH-M1',
      kind: 'project' as const,
      code: `B-${i + 1}`,
      nameTh: `โครงการทดสอบที่ ${i + 1}`,
      budget: `${(i % 97) * 1000 + 500}.00`,
    })),
  };
}

/** Three indicators per project (at the measure) and twelve monthly results each. */
async function addIndicators(
  database: Database,
  organizationId: string,
  unitId: string,
  count: number,
) {
  const system = systemActor(organizationId, 'pbis-bench');
  const plan = (await runWrite(database, system, ({ tx }) =>
    plansRepo.latestPlan(tx, organizationId, unitId, YEAR),
  ))!;
  const measure = (
    await runWrite(database, system, ({ tx }) => plansRepo.strategyNodes(tx, organizationId))
  ).find((n) => n.code === 'BENCH-M1')!;
  const slice = 500;
  for (let from = 0; from < count; from += slice) {
    const indicators = Array.from({ length: Math.min(slice, count - from) }, (_, j) => ({
      id: randomUUID(),
      organizationId,
      unitId,
      actionPlanId: plan.plan.id,
      level: 'measure' as const,
      strategyNodeId: measure.id,
      code: `BK-${from + j + 1}`,
      nameTh: `ตัวชี้วัดทดสอบที่ ${from + j + 1}`,
      unitOfMeasure: 'ร้อยละ',
      criteria: {
        kind: 'linear',
        points: [
          { x: 0, score: 0 },
          { x: 100, score: 100 },
        ],
        clamp: true,
      },
      position: from + j,
    }));
    await runWrite(database, system, async ({ tx }) => {
      await plansRepo.insertMany(tx, {
        indicators,
        targets: indicators.map((i) => ({
          indicatorId: i.id,
          fiscalYear: YEAR,
          kind: 'numeric' as const,
          value: '100',
        })),
      });
      const results = indicators.flatMap((i, k) =>
        Array.from({ length: 12 }, (_, m) => ({
          indicatorId: i.id,
          fiscalYear: YEAR,
          periodKind: 'month' as const,
          periodNo: m + 1,
          value: String(((k + m) % 10) * 10),
        })),
      );
      for (let r = 0; r < results.length; r += 2000)
        await plansRepo.insertMany(tx, { results: results.slice(r, r + 2000) });
    });
  }
}

async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `pbis_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function runPlansTreeBench(opts: {
  databaseUrl?: string | undefined;
  /** Synthetic projects (1,000 by default; three indicators each). */
  projects?: number;
  requests?: number;
}): Promise<object[]> {
  const fresh = opts.databaseUrl ? await freshPostgres(opts.databaseUrl) : undefined;
  const database = await openDatabase({ databaseUrl: fresh?.url });
  try {
    await migrateDatabase(database);
    const { organizationId } = await ensureOrganization(database, 'bench-admin-password');
    await seedDemoAccounts(database, organizationId, 'bench-demo-password');
    await loadPlanSeed(database, organizationId, BUDGET_OFFICE_PLAN_2565);
    const projects = opts.projects ?? 1000;
    const app = await buildApp({
      database,
      config: loadConfig({ PBIS_LOG_LEVEL: 'silent', PBIS_WEB_DIST: '/nonexistent' }),
      logger: false,
      loginRateLimit: 1000,
    });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'office', password: 'bench-demo-password' },
    });
    const cookie = String(login.headers['set-cookie'] ?? '').split(';')[0]!;
    const units = (
      await app.inject({ method: 'GET', url: '/api/v1/units?limit=200', headers: { cookie } })
    ).json() as { items: { id: string; code: string }[] };
    const bdo = units.items.find((u) => u.code === 'BDO')!;
    const other = units.items.find((u) => u.code !== 'BDO')!;
    await loadPlanSeed(database, organizationId, bigPlan(other.code, projects));
    await addIndicators(database, organizationId, other.id, projects * 3);

    const engine = fresh ? 'postgres' : 'pglite';
    const out: object[] = [];
    for (const [plan, unit, requests] of [
      ['demo_budget_office_2565', bdo, opts.requests ?? 200],
      [`synthetic_${projects}x3x12`, other, Math.max(10, Math.round((opts.requests ?? 200) / 10))],
    ] as const) {
      const url = `/api/v1/plans/tree?unitId=${unit.id}&fiscalYear=${YEAR}`;
      const first = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (first.statusCode !== 200) throw new Error(`tree ${first.statusCode}: ${first.body}`);
      const tree = first.json() as { nodes: unknown[] };
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie } });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`tree ${res.statusCode}`);
      }
      times.sort((a, b) => a - b);
      const rows = await runWrite(database, systemActor(organizationId), async ({ tx }) => {
        const p = (await plansRepo.latestPlan(tx, organizationId, unit.id, YEAR))!;
        const c = await plansRepo.planContents(tx, p.plan.id);
        const results = await plansRepo.resultsOf(
          tx,
          c.indicators.map((i) => i.id),
        );
        return c.projects.length + c.indicators.length + c.targets.length + results.length;
      });
      out.push({
        bench: 'plans_tree',
        engine,
        plan,
        rows,
        tree_nodes: tree.nodes.length,
        requests,
        p50_ms: Number(percentile(times, 50).toFixed(2)),
        p95_ms: Number(percentile(times, 95).toFixed(2)),
      });
    }
    await app.close();
    return out;
  } finally {
    await database.close();
    await fresh?.drop();
  }
}

// `npx tsx bench/plans-tree-bench.ts [postgres-url]`: this bench alone (PGlite, or PostgreSQL).
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runPlansTreeBench({ databaseUrl: process.argv[2], requests: 100 }))
    console.log(JSON.stringify(line));
}
