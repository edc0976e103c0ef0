/**
 * The status of an indicator in a fiscal year (docs/plans.md, "Indicator status"): on track, at
 * risk, missed, or no result — from its target, its latest result and the time left in the year.
 *
 * 1. No result in the year → `no_result`. No target for the year → `no_result` too (nothing to
 *    measure against), with the basis `no_target`.
 * 2. The result is compared with the target as exact decimals; a level target (milestone, success
 *    level) compares the level the criteria give the result — a result the criteria cannot score
 *    (a gap between bands) is `no_result` with basis `result_not_scored`, never a guessed level.
 * 3. Target met (≥ for higher-is-better, ≤ for lower-is-better) → `on_track`.
 * 4. Not met and the year is over (12 of 12 months elapsed) → `missed`.
 * 5. Not met, year not over: higher-is-better is `on_track` when the result has reached the
 *    target pro rata to the months elapsed (target × elapsed ÷ 12), else `at_risk`;
 *    lower-is-better is `at_risk` (the result is above the ceiling it must end under).
 */
import {
  compareDecimal,
  decimalFromBigInt,
  decimalToString,
  divideDecimal,
  multiplyDecimal,
  parseDecimal,
  type Decimal,
} from '../decimal.js';

export const INDICATOR_STATUSES = ['on_track', 'at_risk', 'missed', 'no_result'] as const;
export type IndicatorStatus = (typeof INDICATOR_STATUSES)[number];

export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export interface IndicatorStatusInput {
  readonly direction: IndicatorDirection;
  /** The year's target as a decimal string (a level target: the level, e.g. "5"); null for none. */
  readonly target: string | null;
  /**
   * The latest result of the year, as the number compared with the target (a level target: the
   * level the criteria gave it); null when there is none.
   */
  readonly latest: string | null;
  /** True when the latest result exists but could not be scored to a level (criteria gap). */
  readonly latestNotScored?: boolean;
  /** Fiscal months elapsed, 0 (before October) … 12 (the year is over). */
  readonly monthsElapsed: number;
}

export interface IndicatorStatusOutcome {
  readonly status: IndicatorStatus;
  readonly basis:
    | 'no_result'
    | 'no_target'
    | 'result_not_scored'
    | 'target_met'
    | 'year_over'
    | 'on_pace'
    | 'behind_pace'
    | 'above_ceiling';
  /** What the result should have reached by now (higher-is-better, year not over). */
  readonly expected?: string;
}

function read(text: string): Decimal | null {
  try {
    return parseDecimal(text);
  } catch {
    return null;
  }
}

export function indicatorStatus(input: IndicatorStatusInput): IndicatorStatusOutcome {
  const months = Math.min(12, Math.max(0, Math.trunc(input.monthsElapsed)));
  if (input.latestNotScored) return { status: 'no_result', basis: 'result_not_scored' };
  if (input.latest === null) return { status: 'no_result', basis: 'no_result' };
  const latest = read(input.latest);
  if (!latest) return { status: 'no_result', basis: 'result_not_scored' };
  const target = input.target === null ? null : read(input.target);
  if (!target) return { status: 'no_result', basis: 'no_target' };
  const cmp = compareDecimal(latest, target);
  const met = input.direction === 'higher_is_better' ? cmp >= 0 : cmp <= 0;
  if (met) return { status: 'on_track', basis: 'target_met' };
  if (months >= 12) return { status: 'missed', basis: 'year_over' };
  if (input.direction === 'lower_is_better') return { status: 'at_risk', basis: 'above_ceiling' };
  // target × months ÷ 12, exact: scale by 12 on the other side instead of dividing.
  const scaledLatest = multiplyDecimal(latest, decimalFromBigInt(12n));
  const scaledExpected = multiplyDecimal(target, decimalFromBigInt(BigInt(months)));
  const expected = proRata(target, months);
  return compareDecimal(scaledLatest, scaledExpected) >= 0
    ? { status: 'on_track', basis: 'on_pace', expected }
    : { status: 'at_risk', basis: 'behind_pace', expected };
}

/** target × months ÷ 12 rounded half-up to 3 decimals, for display. */
function proRata(target: Decimal, months: number): string {
  return decimalToString(
    divideDecimal(
      multiplyDecimal(target, decimalFromBigInt(BigInt(months))),
      decimalFromBigInt(12n),
      3,
    ),
  );
}

/** Fiscal months elapsed at a fiscal year and month (1 = October): the month counts as elapsed. */
export function monthsElapsedAt(fiscalYear: number, at: { fiscalYear: number; month: number }) {
  if (at.fiscalYear < fiscalYear) return 0;
  if (at.fiscalYear > fiscalYear) return 12;
  return Math.min(12, Math.max(0, at.month));
}

/** Counts of each status, every status present (0 when none). */
export function statusCounts(statuses: Iterable<IndicatorStatus>): Record<IndicatorStatus, number> {
  const counts = { on_track: 0, at_risk: 0, missed: 0, no_result: 0 };
  for (const s of statuses) counts[s] += 1;
  return counts;
}
