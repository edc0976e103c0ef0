import {
  classifyCarryOver,
  classifyForCarryOverBase,
  classifyForDisbursementRate,
  compareCivil,
  fiscalMonthEnd,
  fiscalYearEnd,
  parseFiscalYear,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  isoOf,
  ratioPercent,
  unitIncludedInCarryOverIndicator,
  type CivilDate,
  type LaggardLine,
  type MoneyCarryOver,
  type MoneyLine,
  type UnitKindForIndicators,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import { asOfDate } from './money.js';
import * as reads from './repositories/analysis.js';
import type { LineRow } from './repository.js';

/*
 * The monthly curves the forecast and the alerts rest on, from the lines' monthly running totals
 * (budget_line_month), never by summing entries. Per unit and fiscal year, at the end of each
 * fiscal month k (cumulative):
 *   base51[k]      budget after transfers of the lines indicator 5.1 counts
 *   disbursed51[k] their disbursements
 *   base2[k]       budget after transfers of the lines in indicator 2's base
 *   committed2[k]  their obligations (net, the paid part included) + payments without obligation
 * The monthly totals keep obligations and all payments per month but not the payments without
 * obligation apart; a line's share of them in its running totals (disbursed_direct ÷ disbursed)
 * apportions its monthly payments — exact for a line paid wholly with or wholly without
 * obligations (salaries, contracts), and exact for every line at the end of the year.
 */

export const MONTHS = 12;

export interface UnitYearCurves {
  unitId: string;
  base51: bigint[];
  disbursed51: bigint[];
  base2: bigint[];
  committed2: bigint[];
}

const zeros = (): bigint[] => Array.from({ length: MONTHS }, () => 0n);

/** How many month ends of fiscal year `fy` lie on or before `asOf` (0 … 12). */
export function monthsObservedAt(fy: number, asOf: CivilDate): number {
  const year = fiscalYearOfDate(asOf);
  if (year < fy) return 0;
  if (year > fy) return MONTHS;
  const m = fiscalMonthOfDate(asOf);
  return compareCivil(asOf, fiscalMonthEnd(fy, m)) === 0 ? m : m - 1;
}

/** The last month end on or before asOf, as ISO text; null when none. */
export const figuresAsOf = (fy: number, months: number): string | null =>
  months === 0 ? null : isoOf(fiscalMonthEnd(fy, months));

const moneyLineOf = (l: LineRow, revisedSatang: bigint, disbursedSatang: bigint): MoneyLine => ({
  lineId: l.id,
  unitId: l.unitId,
  expenseCategory: l.expenseCategory as MoneyLine['expenseCategory'],
  fundSource: l.fundSource as MoneyLine['fundSource'],
  expenseItem: l.expenseItem,
  revisedSatang,
  disbursedSatang,
});

/** Each line's cumulative transfer, obligated, disbursed and committed at each month end. */
export function lineCumulatives(lines: readonly LineRow[], months: readonly reads.MonthRow[]) {
  const byLine = new Map<
    string,
    { transfer: bigint[]; obligated: bigint[]; disbursed: bigint[] }
  >();
  for (const l of lines)
    byLine.set(l.id, { transfer: zeros(), obligated: zeros(), disbursed: zeros() });
  for (const m of months) {
    const c = byLine.get(m.lineId);
    if (!c || m.fiscalMonth < 1 || m.fiscalMonth > MONTHS) continue;
    c.transfer[m.fiscalMonth - 1]! += m.transferNetSatang;
    c.obligated[m.fiscalMonth - 1]! += m.obligatedSatang;
    c.disbursed[m.fiscalMonth - 1]! += m.disbursedSatang;
  }
  const out = new Map<
    string,
    { line: LineRow; revised: bigint[]; disbursed: bigint[]; committed: bigint[] }
  >();
  for (const l of lines) {
    const c = byLine.get(l.id)!;
    let t = 0n;
    let o = 0n;
    let d = 0n;
    const revised: bigint[] = [];
    const disbursed: bigint[] = [];
    const committed: bigint[] = [];
    for (let k = 0; k < MONTHS; k++) {
      t += c.transfer[k]!;
      o += c.obligated[k]!;
      d += c.disbursed[k]!;
      const direct =
        l.disbursedSatang === 0n ? 0n : (d * l.disbursedDirectSatang) / l.disbursedSatang;
      revised.push(l.enactedSatang + t);
      disbursed.push(d);
      committed.push(o + direct);
    }
    out.set(l.id, { line: l, revised, disbursed, committed });
  }
  return out;
}

/** The curves of every unit with lines in one fiscal year. */
export function unitCurves(
  lines: readonly LineRow[],
  months: readonly reads.MonthRow[],
): Map<string, UnitYearCurves> {
  const out = new Map<string, UnitYearCurves>();
  for (const { line, revised, disbursed, committed } of lineCumulatives(lines, months).values()) {
    let u = out.get(line.unitId);
    if (!u) {
      u = {
        unitId: line.unitId,
        base51: zeros(),
        disbursed51: zeros(),
        base2: zeros(),
        committed2: zeros(),
      };
      out.set(line.unitId, u);
    }
    const ml = moneyLineOf(line, 0n, 0n);
    const in51 = classifyForDisbursementRate(ml).counted;
    const in2 = classifyForCarryOverBase(ml).counted;
    for (let k = 0; k < MONTHS; k++) {
      if (in51) {
        u.base51[k]! += revised[k]!;
        u.disbursed51[k]! += disbursed[k]!;
      }
      if (in2) {
        u.base2[k]! += revised[k]!;
        u.committed2[k]! += committed[k]!;
      }
    }
  }
  return out;
}

/** The sum of several units' curves (the whole organisation). */
export function sumCurves(curves: readonly UnitYearCurves[], unitId = 'ALL'): UnitYearCurves {
  const s: UnitYearCurves = {
    unitId,
    base51: zeros(),
    disbursed51: zeros(),
    base2: zeros(),
    committed2: zeros(),
  };
  for (const c of curves)
    for (let k = 0; k < MONTHS; k++) {
      s.base51[k]! += c.base51[k]!;
      s.disbursed51[k]! += c.disbursed51[k]!;
      s.base2[k]! += c.base2[k]!;
      s.committed2[k]! += c.committed2[k]!;
    }
  return s;
}

/** n ÷ d in percent (3 decimals, exact then rounded), 0 where d ≤ 0. */
export const pct = (n: bigint, d: bigint): number => (d <= 0n ? 0 : Number(ratioPercent(n, d, 3)));

/** The rate curves of months 1..n (n ≤ 12). */
export const disbursementCurve = (c: UnitYearCurves, n = MONTHS): number[] =>
  c.disbursed51.slice(0, n).map((d, k) => pct(d, c.base51[k]!));
export const committedCurve = (c: UnitYearCurves, n = MONTHS): number[] =>
  c.committed2.slice(0, n).map((d, k) => pct(d, c.base2[k]!));

/** Each unit's counted carry-over without obligation of a year (satang), as indicator 2 counts it. */
export function countedCarryOvers(
  lines: readonly LineRow[],
  carryOvers: readonly {
    lineId: string;
    unitId: string;
    kind: string;
    amountSatang: bigint;
    exemption: string | null;
    status: string;
  }[],
): Map<string, bigint> {
  const byId = new Map(lines.map((l) => [l.id, l]));
  const out = new Map<string, bigint>();
  for (const c of carryOvers) {
    const l = byId.get(c.lineId);
    const mc: MoneyCarryOver = {
      lineId: c.lineId,
      unitId: c.unitId,
      kind: c.kind as MoneyCarryOver['kind'],
      amountSatang: c.amountSatang,
      exemption: c.exemption as MoneyCarryOver['exemption'],
      approved: c.status === 'approved',
    };
    if (!classifyCarryOver(mc, l ? moneyLineOf(l, 0n, 0n) : undefined).counted) continue;
    out.set(c.unitId, (out.get(c.unitId) ?? 0n) + c.amountSatang);
  }
  return out;
}

/** Whether indicator 2 counts a unit of this kind. */
export const includedIn2 = (kind: string): boolean =>
  unitIncludedInCarryOverIndicator(kind as UnitKindForIndicators);

/** The lines as the laggard rules see them, after `observed` month ends. */
export function laggardLines(
  lines: readonly LineRow[],
  months: readonly reads.MonthRow[],
  observed: number,
): LaggardLine[] {
  return [...lineCumulatives(lines, months).values()].map(({ line, revised, committed }) => ({
    unitId: line.unitId,
    expenseCategory: line.expenseCategory as LaggardLine['expenseCategory'],
    fundSource: line.fundSource as LaggardLine['fundSource'],
    expenseItem: line.expenseItem,
    revisedSatang: observed === 0 ? line.enactedSatang : revised[observed - 1]!,
    committedByMonth: committed.slice(0, observed),
  }));
}

/**
 * The date an analysis is made at: the one asked for (validated like money-indicators' asOf), or
 * today in Bangkok — but 30 September for a fiscal year already over.
 */
export function analysisAsOf(fy: number, text: string | undefined, today: CivilDate): CivilDate {
  if (text) return asOfDate(fy, text);
  const end = fiscalYearEnd(fy);
  return compareCivil(today, end) > 0 ? end : today;
}

/** Today's date in Bangkok (UTC+7, no daylight saving). */
export function todayInBangkok(now = new Date()): CivilDate {
  const d = new Date(now.getTime() + 7 * 3_600_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The fiscal year an analysis is of: the one asked for, or the latest with budget lines in the
 * actor's scope not after the current one, or the current one when there is none.
 */
export async function analysisYear(
  database: Database,
  actor: Actor,
  text: string | undefined,
  today: CivilDate = todayInBangkok(),
): Promise<number> {
  if (text) return parseFiscalYear(text);
  const current = fiscalYearOfDate(today);
  const latest = await withScope(database, actor, (db) =>
    reads.latestYearWithLines(db, actor.organizationId, current),
  );
  return latest ?? current;
}
