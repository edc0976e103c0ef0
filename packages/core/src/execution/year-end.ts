/**
 * The fiscal year's end (issue 15 "Year end"), exact on satang.
 *
 * What a line has not disbursed at the close of fiscal year N (unpaid = revised − disbursed)
 * splits into three parts, and nothing else:
 * - carried over WITH obligation: the open obligations (obligated − what was paid on them,
 *   i.e. obligated − (disbursed − disbursed without obligation));
 * - carried over WITHOUT obligation: what the council approved (at most the line's uncommitted
 *   remainder = revised − obligated − disbursed without obligation, open reservations included);
 * - the rest lapses (ตกพับ).
 *   with + without + lapse = revised − disbursed, each part ≥ 0.
 *
 * Carried amounts open in N+1 as lines of fund source `carried_over`, with a deadline: by default
 * the last day of the sixth month after the year's end (31 March of N+1), configurable per
 * organisation in whole months. After the deadline the carried line's remainder lapses unless the
 * Budget Office extended it.
 */
import { civilFromDays, daysFromCivil } from '../civil-date.js';
import { parseBaht, satangToDecimalString } from '../money.js';
import { fiscalYearEnd, isoOf, parseEntryDate } from './entry-date.js';

/** A line's running totals at the close. */
export interface YearEndLine {
  revisedSatang: bigint;
  obligatedSatang: bigint;
  disbursedSatang: bigint;
  disbursedDirectSatang: bigint;
}

/** What a line's unpaid balance becomes at closing. */
export interface YearEndSplit {
  unpaidSatang: bigint;
  withObligationSatang: bigint;
  withoutObligationSatang: bigint;
  lapseSatang: bigint;
}

/** Open obligations: obligated less what was paid on obligations (never below 0). */
export const openObligationsOf = (l: YearEndLine): bigint => {
  const open = l.obligatedSatang - (l.disbursedSatang - l.disbursedDirectSatang);
  return open > 0n ? open : 0n;
};

/**
 * The most a line may carry without obligation: revised − obligated − disbursed without
 * obligation (the available balance with open reservations added back; never below 0).
 */
export const uncommittedRemainderOf = (l: YearEndLine): bigint => {
  const r = l.revisedSatang - l.obligatedSatang - l.disbursedDirectSatang;
  return r > 0n ? r : 0n;
};

/**
 * The split of a line at closing, with `withoutObligationSatang` the approved carry-over without
 * obligation; a request over the remainder is an error (the caller reports it, never trims it).
 */
export function splitAtYearEnd(
  l: YearEndLine,
  approvedWithoutSatang: bigint,
): YearEndSplit | { exceeds: true; remainderSatang: bigint } {
  const remainder = uncommittedRemainderOf(l);
  if (approvedWithoutSatang < 0n || approvedWithoutSatang > remainder)
    return { exceeds: true, remainderSatang: remainder };
  const unpaid = l.revisedSatang - l.disbursedSatang;
  const withObligation = openObligationsOf(l);
  const lapse = unpaid - withObligation - approvedWithoutSatang;
  return {
    unpaidSatang: unpaid,
    withObligationSatang: withObligation,
    withoutObligationSatang: approvedWithoutSatang,
    // Only a ledger that paid more than its revised budget leaves nothing: lapse never below 0.
    lapseSatang: lapse > 0n ? lapse : 0n,
  };
}

/** Default months a carried line stays open after 30 September. */
export const DEFAULT_CARRY_MONTHS = 6;
export const MAX_CARRY_MONTHS = 24;

/**
 * The carried lines' deadline for a fiscal year closed: the last day of the `months`-th month
 * after September of the year's end (6 → 31 March of the next fiscal year).
 */
export function carryDeadlineOf(fiscalYear: number, months = DEFAULT_CARRY_MONTHS): string {
  if (!Number.isInteger(months) || months < 1 || months > MAX_CARRY_MONTHS)
    throw new RangeError(`months must be a whole number from 1 to ${MAX_CARRY_MONTHS}`);
  const end = fiscalYearEnd(fiscalYear);
  const index = end.month - 1 + months + 1; // the month after the deadline's, 0-based
  const year = end.year + Math.floor(index / 12);
  const month = (index % 12) + 1;
  return isoOf(civilFromDays(daysFromCivil(year, month, 1) - 1));
}

/** How a carried line stands at a date. */
export type CarriedLineState = 'open' | 'past_deadline' | 'lapsed';

/**
 * `lapsed` once its remainder was lapsed; `past_deadline` when the date is after the deadline and
 * the lapse has not been run yet; otherwise `open`. Dates are ISO days.
 */
export function carriedLineState(
  l: { carryDeadline: string | null; lapsedOn: string | null },
  asOf: string,
): CarriedLineState {
  if (l.lapsedOn) return 'lapsed';
  if (l.carryDeadline && asOf > l.carryDeadline) return 'past_deadline';
  return 'open';
}

/** A new deadline must be a real day after the current one. */
export function checkExtension(current: string | null, next: string): string | null {
  const d = parseEntryDate(next);
  if (typeof d === 'string' || isoOf(d) !== next) return 'not an ISO date (YYYY-MM-DD)';
  if (current && next <= current) return `the new deadline must be after ${current}`;
  return null;
}

/** One later fiscal year of a multi-year obligation. */
export interface LaterYearAmount {
  fiscalYear: number;
  amountSatang: bigint;
}

/**
 * Multi-year obligations (ผูกพันข้ามปี): the portion of a later fiscal year is obligated on the
 * matching line of that year when year N closes (or later, once the line exists). Answers the
 * portion for `year` and the years still after it; years must be after `ownYear`, each once.
 */
export function laterYearPortion(
  ownYear: number,
  laterYears: readonly LaterYearAmount[],
  year: number,
): { amountSatang: bigint; rest: LaterYearAmount[] } | null {
  const hit = laterYears.find((l) => l.fiscalYear === year);
  if (!hit || year <= ownYear) return null;
  return { amountSatang: hit.amountSatang, rest: laterYears.filter((l) => l.fiscalYear > year) };
}

/** Why a multi-year schedule is not valid, or null. */
export function checkLaterYears(
  ownYear: number,
  laterYears: readonly LaterYearAmount[],
): string | null {
  const seen = new Set<number>();
  for (const l of laterYears) {
    if (l.fiscalYear <= ownYear) return `fiscal year ${l.fiscalYear} is not after ${ownYear}`;
    if (seen.has(l.fiscalYear)) return `fiscal year ${l.fiscalYear} is given twice`;
    if (l.amountSatang <= 0n) return `the amount of fiscal year ${l.fiscalYear} must be above 0`;
    seen.add(l.fiscalYear);
  }
  return null;
}

/**
 * A file's `later_years` cell: `2566:200000.00;2567:150000` (fiscal year: baht, separated by
 * `;`), empty for none. Answers the schedule, or why it is not one (a string).
 */
export function parseLaterYears(text: string, ownYear: number): LaterYearAmount[] | string {
  const t = text.trim();
  if (t === '') return [];
  const out: LaterYearAmount[] = [];
  for (const part of t.split(';')) {
    const m = /^\s*(\d{4})\s*:\s*([\d,]+(?:\.\d{1,2})?)\s*$/.exec(part);
    if (!m) return `later_years '${part.trim()}' is not fiscal_year:amount (e.g. 2566:200000.00)`;
    let amount: bigint;
    try {
      amount = parseBaht(m[2]!);
    } catch {
      return `later_years '${part.trim()}': ${m[2]} is not an amount`;
    }
    out.push({ fiscalYear: Number(m[1]), amountSatang: amount });
  }
  return checkLaterYears(ownYear, out) ?? out;
}

/** The `later_years` cell of a schedule (parseLaterYears reads it back). */
export const formatLaterYears = (laterYears: readonly LaterYearAmount[]): string =>
  laterYears.map((l) => `${l.fiscalYear}:${satangToDecimalString(l.amountSatang)}`).join(';');
