/**
 * budget_vs_actual (issue 15 "Performance"): the synthetic ledger (`seedSyntheticTransactions`,
 * what `pbis db seed --synthetic --transactions N` writes) grown to N = 10k, 100k, 1M entries in one
 * scratch database; at each N, the BMA-wide rollup and one unit's dashboard (`executionSummary`,
 * the service behind GET /execution/summary, reading the running totals of ADR 0010) against a
 * hand-written SQL computing the same figures from the raw entry rows (commitment, disbursement,
 * budget_transfer) in the same run. Before timing, the bench asserts both give identical figures
 * (it throws otherwise). p50/p95 over `iterations` runs of the pair (BMA + unit) after 2 warm-ups.
 */
import { evenPlan, ratioPercent, satangToDecimalString } from '@pbis/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../apps/server/src/db/client.js';
import { asOwner } from '../apps/server/src/db/scoped.js';
import { systemActor, type Actor } from '../apps/server/src/modules/auth/actor.js';
import { moneyIndicators } from '../apps/server/src/modules/execution/money.js';
import { executionSummary } from '../apps/server/src/modules/execution/service.js';
import { seedSyntheticTransactions } from '../apps/server/src/modules/execution/synthetic-ledger.js';
import { openBenchDatabase, percentile } from './bench-db.js';

export const BENCH_YEAR = 2565;

type Summary = Awaited<ReturnType<typeof executionSummary>>;

interface Figures {
  enacted: bigint;
  revised: bigint;
  reserved: bigint;
  obligated: bigint;
  disbursed: bigint;
  available: bigint;
}
const b = satangToDecimalString;
const show = (f: Figures) => ({
  enactedBaht: b(f.enacted),
  revisedBaht: b(f.revised),
  reservedBaht: b(f.reserved),
  obligatedBaht: b(f.obligated),
  disbursedBaht: b(f.disbursed),
  availableBaht: b(f.available),
  disbursementRate: f.revised === 0n ? null : ratioPercent(f.disbursed, f.revised, 3),
});
const zero = (): Figures => ({
  enacted: 0n,
  revised: 0n,
  reserved: 0n,
  obligated: 0n,
  disbursed: 0n,
  available: 0n,
});

interface RawGroup {
  unit_id: string;
  code: string;
  name_th: string;
  expense_category: string;
  enacted: string;
  transfer: string;
  reserved: string;
  obligated: string;
  disbursed: string;
  direct: string;
}

/**
 * The same figures as `executionSummary`, from the entries: per line, sums of the approved
 * transfers, open reservations, obligations and disbursements (direct ones apart), grouped by unit
 * and category; the S-curve from the entries' months. Reads as the owner (no row-level security).
 */
export async function rawSummary(
  database: Database,
  organizationId: string,
  fiscalYear: number,
  unitId?: string,
): Promise<Summary> {
  const unit = unitId ? sql`and l.unit_id = ${unitId}` : sql``;
  return asOwner(database, async (tx) => {
    const groups = await queryRows<RawGroup>(
      tx,
      sql`with l as (
          select l.id, l.unit_id, l.expense_category, l.enacted_satang
          from budget_line l where l.organization_id = ${organizationId}
            and l.fiscal_year = ${fiscalYear} ${unit}),
        o as (select c.line_id,
            sum(c.amount_satang) filter (where c.kind = 'obligation') as obligated,
            sum(c.amount_satang - c.settled_satang) filter (where c.kind = 'reservation') as reserved
          from commitment c join l on l.id = c.line_id group by c.line_id),
        d as (select x.line_id, sum(x.amount_satang) as disbursed,
            sum(x.amount_satang) filter (where x.obligation_id is null) as direct
          from disbursement x join l on l.id = x.line_id group by x.line_id),
        t as (select line_id, sum(a) as net from (
            select t.to_line_id as line_id, t.amount_satang as a from budget_transfer t
              where t.organization_id = ${organizationId} and t.fiscal_year = ${fiscalYear} and t.status = 'approved'
            union all
            select t.from_line_id, -t.amount_satang from budget_transfer t
              where t.organization_id = ${organizationId} and t.fiscal_year = ${fiscalYear} and t.status = 'approved'
          ) s group by line_id)
        select l.unit_id, u.code, u.name_th, l.expense_category,
          sum(l.enacted_satang)::text as enacted,
          coalesce(sum(t.net), 0)::text as transfer,
          coalesce(sum(o.reserved), 0)::text as reserved,
          coalesce(sum(o.obligated), 0)::text as obligated,
          coalesce(sum(d.disbursed), 0)::text as disbursed,
          coalesce(sum(d.direct), 0)::text as direct
        from l join receiving_unit u on u.id = l.unit_id
          left join o on o.line_id = l.id left join d on d.line_id = l.id
          left join t on t.line_id = l.id
        group by l.unit_id, u.code, u.name_th, l.expense_category`,
    );
    const months = await queryRows<{ m: number; obligated: string; disbursed: string }>(
      tx,
      sql`with l as (select l.id from budget_line l where l.organization_id = ${organizationId}
            and l.fiscal_year = ${fiscalYear} ${unit})
        select m, sum(o)::text as obligated, sum(d)::text as disbursed from (
          select c.fiscal_month as m, c.amount_satang as o, 0::bigint as d
            from commitment c join l on l.id = c.line_id where c.kind = 'obligation'
          union all
          select x.fiscal_month, 0, x.amount_satang from disbursement x join l on l.id = x.line_id
        ) e group by m`,
    );
    const total = zero();
    const byUnit = new Map<string, { code: string; name: string; f: Figures }>();
    const byCategory = new Map<string, Figures>();
    for (const g of groups) {
      const enacted = BigInt(g.enacted);
      const revised = enacted + BigInt(g.transfer);
      const add = (f: Figures) => {
        f.enacted += enacted;
        f.revised += revised;
        f.reserved += BigInt(g.reserved);
        f.obligated += BigInt(g.obligated);
        f.disbursed += BigInt(g.disbursed);
        f.available += revised - BigInt(g.reserved) - BigInt(g.obligated) - BigInt(g.direct);
      };
      add(total);
      if (!byUnit.has(g.unit_id))
        byUnit.set(g.unit_id, { code: g.code, name: g.name_th, f: zero() });
      add(byUnit.get(g.unit_id)!.f);
      if (!byCategory.has(g.expense_category)) byCategory.set(g.expense_category, zero());
      add(byCategory.get(g.expense_category)!);
    }
    const perMonth = new Map(months.map((m) => [Number(m.m), m]));
    let planned = 0n;
    let obligated = 0n;
    let disbursed = 0n;
    const curve = evenPlan(total.revised).map((p, i) => {
      const m = perMonth.get(i + 1);
      planned += p;
      obligated += m ? BigInt(m.obligated) : 0n;
      disbursed += m ? BigInt(m.disbursed) : 0n;
      return {
        fiscalMonth: i + 1,
        plannedBaht: b(planned),
        obligatedBaht: b(obligated),
        disbursedBaht: b(disbursed),
      };
    });
    return {
      fiscalYear,
      total: show(total),
      units: [...byUnit]
        .map(([id, u]) => ({ unitId: id, unitCode: u.code, unitName: u.name, ...show(u.f) }))
        .sort((x, y) => x.unitCode.localeCompare(y.unitCode)),
      byCategory: [...byCategory].map(([c, f]) => ({
        expenseCategory: c as Summary['byCategory'][number]['expenseCategory'],
        ...show(f),
      })),
      months: curve,
    };
  });
}

/** The figures, with the categories in a fixed order (the service lists them as the lines come). */
const canonical = (s: Summary) =>
  JSON.stringify({
    ...s,
    byCategory: [...s.byCategory].sort((x, y) =>
      x.expenseCategory.localeCompare(y.expenseCategory),
    ),
  });

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Times `fn` `iterations` times (after 2 warm-ups), or until `budgetMs` is spent (at least 5). */
async function sample(fn: () => Promise<unknown>, iterations: number, budgetMs: number) {
  await fn();
  await fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < iterations && (out.length < 5 || performance.now() - start < budgetMs))
    out.push(await time(fn));
  return out;
}

export interface LedgerBenchOptions {
  databaseUrl?: string | undefined;
  /** Ledger sizes, ascending; the ledger grows from one to the next in the same database. */
  sizes: readonly number[];
  iterations: number;
  /** Skip the budget_vs_actual measurement (only grow the ledger, for `after`). */
  measure?: boolean;
  /** Called after the last size is measured, with the database still open (api_dashboard). */
  after?: (ctx: { database: Database; organizationId: string; rows: number }) => Promise<void>;
  print: (o: object) => void;
}

export async function runBudgetVsActualBench(opts: LedgerBenchOptions): Promise<void> {
  const { database, organizationId, close } = await openBenchDatabase(opts.databaseUrl);
  try {
    const actor: Actor = systemActor(organizationId, 'pbis-bench');
    const sizes = [...opts.sizes].sort((x, y) => x - y);
    for (const rows of sizes) {
      const s0 = performance.now();
      await seedSyntheticTransactions(database, organizationId, { transactions: rows });
      const seedSeconds = (performance.now() - s0) / 1000;
      if (opts.measure === false) continue;
      const q = { fiscalYear: BENCH_YEAR };
      const bma = await executionSummary(database, actor, q);
      // The unit with the most entries this year: the heaviest dashboard.
      const unitId = [...bma.units].sort(
        (x, y) =>
          Number(y.disbursedBaht) - Number(x.disbursedBaht) || x.unitCode.localeCompare(y.unitCode),
      )[0]!.unitId;
      const unit = await executionSummary(database, actor, { ...q, unitId });
      const rawBma = await rawSummary(database, organizationId, BENCH_YEAR);
      const rawUnit = await rawSummary(database, organizationId, BENCH_YEAR, unitId);
      if (canonical(bma) !== canonical(rawBma) || canonical(unit) !== canonical(rawUnit))
        throw new Error(
          `budget_vs_actual at ${rows} rows: the service and the raw SQL disagree\n${canonical(bma)}\n${canonical(rawBma)}`,
        );
      const budgetMs = 60_000;
      const service = await sample(
        async () => {
          await executionSummary(database, actor, q);
          await executionSummary(database, actor, { ...q, unitId });
        },
        opts.iterations,
        budgetMs,
      );
      const raw = await sample(
        async () => {
          await rawSummary(database, organizationId, BENCH_YEAR);
          await rawSummary(database, organizationId, BENCH_YEAR, unitId);
        },
        opts.iterations,
        budgetMs,
      );
      const money = await sample(
        () => moneyIndicators(database, actor, { fiscalYear: BENCH_YEAR }),
        opts.iterations,
        budgetMs,
      );
      const p95 = percentile(service, 95);
      const rawP95 = percentile(raw, 95);
      opts.print({
        bench: 'budget_vs_actual',
        engine: database.dialect,
        rows,
        what: `BMA-wide rollup + one unit's dashboard (executionSummary FY${BENCH_YEAR}) vs hand-written SQL over the entries; figures asserted identical`,
        iterations: service.length,
        p50_ms: percentile(service, 50),
        p95_ms: p95,
        raw_p50_ms: percentile(raw, 50),
        raw_p95_ms: rawP95,
        raw_iterations: raw.length,
        ratio_p95_to_raw: Number((p95 / rawP95).toFixed(3)),
        money_indicators_p95_ms: percentile(money, 95),
        identical: true,
        seed_seconds: Number(seedSeconds.toFixed(2)),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
    if (opts.after) await opts.after({ database, organizationId, rows: sizes.at(-1) ?? 0 });
  } finally {
    await close();
  }
}
