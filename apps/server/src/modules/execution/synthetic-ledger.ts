import { AppError } from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { runWrite } from '../../write.js';
import { systemActor } from '../auth/actor.js';
import * as periodsRepo from '../periods/repository.js';
import { DEMO_EXECUTION_YEARS, SYNTHETIC, seedDemoExecution } from './demo.js';
import * as repo from './repository.js';
import * as reads from './repositories/synthetic.js';

/*
 * The synthetic ledger of the benchmarks (`pbis db seed --synthetic --transactions N`, issue 15
 * "Demo"): N obligations and disbursements on the demo's units and lines of FY2563–2565, clearly
 * labelled (document numbers SYN-TX<seed>-<n>, vendor ข้อมูลสังเคราะห์), written in batches of
 * BATCH rows, each one transaction of the write path with its audit entry, through the same
 * running-total maintenance as the imports (repo.applyLineDeltas / applyMonthDeltas: one
 * set-based statement per table per batch, the balance check included), so every line's and
 * month's totals stay exactly the sum of its entries.
 *
 * Deterministic: entry n's line, kind, month, day and weight are a function of (seed, n) alone;
 * its amount shares out half of its line's available balance at the time of seeding among the
 * entries this run puts on the line (at least 1 baht each), so the same database and the same
 * command give the same ledger, and no line is ever overspent. A second run with a larger N adds
 * entries N_before … N−1; with the same or a smaller N it adds nothing.
 */

export const SYNTHETIC_BATCH = 50_000;
const MIN_SATANG = 100n;
/** The weight of a fiscal month (slow Q1, a September rush), as the demo's operating shape. */
const MONTH_SHAPE = [3, 5, 6, 7, 8, 8, 8, 8, 9, 9, 10, 19];
const SHAPE_TOTAL = MONTH_SHAPE.reduce((a, b) => a + b, 0);

export const syntheticPrefix = (seed: number) => `SYN-TX${seed}-`;

/** The draws of entry n: a few numbers from a generator seeded with (seed, n). */
function draws(seed: number, n: number) {
  let a = (Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(seed + 0x632be5ab, 0x85ebca6b)) >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const line = next();
  const kind = next() < 0.2 ? ('obligation' as const) : ('disbursement' as const);
  let pick = next() * SHAPE_TOTAL;
  let month = 1;
  for (; month < 12; month++) {
    if (pick < MONTH_SHAPE[month - 1]!) break;
    pick -= MONTH_SHAPE[month - 1]!;
  }
  const day = 1 + Math.floor(next() * 28);
  const weight = 1 + Math.floor(next() * 1000);
  return { line, kind, month, day, weight };
}

/** The CE date of day `day` of fiscal month `m` (1 = October) of fiscal year `fy` (BE). */
function dateOf(fy: number, m: number, day: number): string {
  const month = ((m + 8) % 12) + 1;
  const year = fy - 543 - (month >= 10 ? 1 : 0);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface SyntheticResult {
  /** Entries added by this run. */
  added: number;
  /** Entries of this seed now in the ledger. */
  total: number;
  obligations: number;
  disbursements: number;
  lines: number;
}

/**
 * Tops the synthetic ledger of `seed` up to `transactions` entries (seeding the demo's execution
 * first when it is not there). `onBatch` hears the running count after each committed batch.
 */
export async function seedSyntheticTransactions(
  database: Database,
  organizationId: string,
  opts: { transactions: number; seed?: number; onBatch?: (done: number) => void },
): Promise<SyntheticResult> {
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(opts.transactions) || opts.transactions < 0)
    throw new AppError('validation', 'transactions must be a whole number ≥ 0', {
      reason: 'invalid_format',
    });
  const actor = systemActor(organizationId, 'pbis-seed');
  await seedDemoExecution(database, organizationId);
  const prefix = syntheticPrefix(seed);
  const { lines, existing } = await withScope(database, actor, async (db) => ({
    lines: await reads.syntheticLines(db, organizationId, DEMO_EXECUTION_YEARS, SYNTHETIC),
    existing: await reads.countEntriesWithPrefix(db, organizationId, prefix),
  }));
  const from = existing;
  const to = opts.transactions;
  const result = { added: 0, total: Math.max(existing, to), obligations: 0, disbursements: 0 };
  if (to <= from) return { ...result, total: existing, lines: 0 };

  // Lines with room for at least 4 baht per entry of this run on average; then the entries'
  // line shares, and each line's weight total, so that the amounts add to at most half of it.
  const perLine = Math.ceil((to - from) / Math.max(1, lines.length));
  const usable = lines.filter((l) => l.available >= 4n * MIN_SATANG * BigInt(perLine));
  if (usable.length === 0)
    throw new AppError(
      'business_rule',
      `the demo's lines have no room for ${to - from} more synthetic transactions`,
      { reason: 'insufficient_balance' },
    );
  const count = new Array<number>(usable.length).fill(0);
  const weights = new Array<number>(usable.length).fill(0);
  for (let n = from; n < to; n++) {
    const d = draws(seed, n);
    const at = Math.floor(d.line * usable.length);
    count[at]! += 1;
    weights[at]! += d.weight;
  }
  const budget = usable.map((l, i) => l.available / 2n - MIN_SATANG * BigInt(count[i]!));
  if (budget.some((b) => b < 0n))
    throw new AppError(
      'business_rule',
      `the demo's lines have no room for ${to - from} more synthetic transactions`,
      { reason: 'insufficient_balance' },
    );

  for (let start = from; start < to; start += SYNTHETIC_BATCH) {
    const end = Math.min(to, start + SYNTHETIC_BATCH);
    const obligations: repo.CommitmentInsert[] = [];
    const disbursements: repo.DisbursementInsert[] = [];
    const lineDeltas = new Map<string, repo.LineDelta>();
    const monthDeltas = new Map<string, repo.MonthDelta>();
    const periods = new Set<string>();
    for (let n = start; n < end; n++) {
      const d = draws(seed, n);
      const at = Math.floor(d.line * usable.length);
      const line = usable[at]!;
      const amount = MIN_SATANG + (budget[at]! * BigInt(d.weight)) / BigInt(weights[at]!);
      const entry = {
        organizationId,
        unitId: line.unitId,
        lineId: line.id,
        fiscalYear: line.fiscalYear,
        fiscalMonth: d.month,
        documentNo: `${prefix}${n}`,
        date: dateOf(line.fiscalYear, d.month, d.day),
        amountSatang: amount,
      };
      const ld = lineDeltas.get(line.id) ?? { lineId: line.id, obligated: 0n, disbursed: 0n };
      const mk = `${line.id}:${d.month}`;
      const md = monthDeltas.get(mk) ?? {
        lineId: line.id,
        fiscalMonth: d.month,
        organizationId,
        unitId: line.unitId,
        fiscalYear: line.fiscalYear,
        obligated: 0n,
        disbursed: 0n,
      };
      if (d.kind === 'obligation') {
        obligations.push({ ...entry, kind: 'obligation', vendor: SYNTHETIC });
        ld.obligated! += amount;
        md.obligated! += amount;
      } else {
        disbursements.push(entry);
        ld.disbursed! += amount;
        ld.disbursedDirect = (ld.disbursedDirect ?? 0n) + amount;
        md.disbursed! += amount;
      }
      lineDeltas.set(line.id, ld);
      monthDeltas.set(mk, md);
      periods.add(`${line.fiscalYear}:${d.month}`);
    }
    const units = [...new Set([...monthDeltas.values()].map((m) => m.unitId))];
    await runWrite(database, actor, { units }, async (w) => {
      for (const p of periods) {
        const [year, month] = p.split(':').map(Number) as [number, number];
        const state = await periodsRepo.periodForWrite(w.tx, organizationId, year, month);
        if (!state.yearExists || state.yearLocked || state.monthLocked)
          throw new AppError('locked', `fiscal month ${month} of ${year} is closed`, {
            reason: 'period_locked',
            fiscalYear: year,
            month,
          });
      }
      await repo.insertObligations(w.tx, obligations);
      await repo.insertDisbursements(w.tx, disbursements);
      const shortfalls = await repo.applyLineDeltas(w.tx, [...lineDeltas.values()], w.now);
      if (shortfalls.length)
        throw new AppError('business_rule', 'a synthetic batch would overspend a line', {
          reason: 'insufficient_balance',
        });
      await repo.applyMonthDeltas(w.tx, [...monthDeltas.values()]);
      w.audit({
        action: 'create',
        entity: 'synthetic_transactions',
        after: {
          label: SYNTHETIC,
          seed,
          from: `${prefix}${start}`,
          to: `${prefix}${end - 1}`,
          obligations: obligations.length,
          disbursements: disbursements.length,
        },
      });
    });
    result.added += end - start;
    result.obligations += obligations.length;
    result.disbursements += disbursements.length;
    opts.onBatch?.(end);
  }
  return { ...result, lines: usable.length };
}
