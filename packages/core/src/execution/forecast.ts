/**
 * The September forecast of a cumulative rate (disbursement, or committed), and of the carry-over
 * without obligation that follows from it. The method, so that an analyst can trust or challenge it:
 *
 * 1. Input: the current year's cumulative rate in percent at the end of fiscal months 1..m
 *    (October = 1), the same unit's full 12-month curves of prior years (`history`) and other
 *    units' prior curves (`pool`).
 * 2. Ratio to September: for each reference curve c with c[m-1] > 0, r = c[11] ÷ c[m-1], "how
 *    many times its month-m rate the year ended at" (a ratio too large to represent is dropped). The unit's own ratios are used when it has
 *    at least 2; otherwise the pool's (shrinkage towards the organisation when the unit's own
 *    history is thin); with no pool, whatever own ratios there are.
 * 3. Point = current × median(r); interval = current × the 10th and 90th percentiles of r (linear
 *    interpolation between order statistics). All three are capped to [current, 100]: a
 *    cumulative rate cannot fall, nor (by rule) pass 100 — if the current rate already exceeds 100
 *    the cap is the current rate.
 * 4. When the current rate is 0 there is nothing to scale: the median (10th, 90th percentile) of
 *    the reference curves' September rates is used instead.
 * 5. At m = 12 the year is over: the forecast is the actual, with a zero-width interval.
 * 6. No reference data at all: point = current, interval [current, 100] ("it cannot fall").
 * Figures are rounded to 3 decimals. `backtest` measures the method on past years.
 *
 * Carry-over without obligation (`forecastCarryOver`): forecast the committed rate (disbursed +
 * open obligations, over the carry-over base) at September by the method above; the uncommitted
 * share 100 − committed is what can be carried over without obligation; the part of it that was,
 * in the reference years, is k = median of carry-over% ÷ (100 − committed% at September), each
 * share taken within [0, 1] (0.5 when there is no reference year). Forecast = (100 − committed) × k;
 * the interval pairs the committed interval with the 10th and 90th percentile shares.
 */
import { AppError } from '../errors.js';

/** A forecast of a cumulative rate at the end of September, in percent. */
export interface SeptemberForecast {
  pointPercent: number;
  lowPercent: number;
  highPercent: number;
  method: 'ratio_to_september';
  /** Months observed (1 = October only … 12 = the whole year). */
  months: number;
  /** How many reference curves the ratios (or September rates) came from. */
  referenceCurves: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function checkCurve(c: readonly number[], what: string, full: boolean): void {
  const ok = full ? c.length === 12 : c.length >= 1 && c.length <= 12;
  if (!ok) {
    const want = full ? '12 months' : '1 to 12 months';
    throw new AppError('validation', `${what} must have ${want}, got ${c.length}`);
  }
  if (!c.every(Number.isFinite)) {
    throw new AppError('validation', `${what} must be finite numbers`);
  }
}

/** The p-th quantile (0..1) of values sorted ascending (non-empty), by linear interpolation. */
function quantile(sorted: readonly number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a === b ? a : a + (pos - lo) * (b - a);
}

/** Median, 10th and 90th percentile of a non-empty list. */
function spread(values: readonly number[]): { mid: number; low: number; high: number } {
  const s = [...values].sort((x, y) => x - y);
  return { mid: quantile(s, 0.5), low: quantile(s, 0.1), high: quantile(s, 0.9) };
}

/** The unit's own values when it has at least 2, else the pool's, else whatever it has. */
const reference = <T>(own: T[], pool: T[]): T[] =>
  own.length >= 2 || pool.length === 0 ? own : pool;

/**
 * The September forecast of a cumulative rate by the ratio-to-September method (see the top of
 * this file). `curve` holds months 1..m of the current year; `history` and `pool` full 12-month
 * curves. A malformed curve is AppError('validation').
 */
export function forecastSeptember(
  curve: readonly number[],
  history: readonly (readonly number[])[],
  pool: readonly (readonly number[])[],
): SeptemberForecast {
  checkCurve(curve, 'the current curve', false);
  history.forEach((c, i) => checkCurve(c, `prior curve ${i + 1} of the unit`, true));
  pool.forEach((c, i) => checkCurve(c, `prior curve ${i + 1} of the pool`, true));
  const m = curve.length;
  const current = curve[m - 1]!;
  const result = (point: number, low: number, high: number, n: number): SeptemberForecast => ({
    pointPercent: round3(point),
    lowPercent: round3(low),
    highPercent: round3(high),
    method: 'ratio_to_september',
    months: m,
    referenceCurves: n,
  });
  if (m === 12) return result(current, current, current, 0);
  const top = Math.max(100, current);
  const cap = (x: number) => Math.min(top, Math.max(current, x));
  const september = (c: readonly number[]) => c[11]!;
  let values: number[];
  let scale: number;
  if (current > 0) {
    const ratios = (cs: readonly (readonly number[])[]) =>
      cs
        .filter((c) => c[m - 1]! > 0)
        .map((c) => september(c) / c[m - 1]!)
        .filter(Number.isFinite);
    values = reference(ratios(history), ratios(pool));
    scale = current;
  } else {
    values = reference(history.map(september), pool.map(september));
    scale = 1;
  }
  if (values.length === 0) return result(current, current, top, 0);
  const s = spread(values);
  return result(cap(scale * s.mid), cap(scale * s.low), cap(scale * s.high), values.length);
}

/** A reference year for the carry-over forecast. */
export interface CarryOverReferenceYear {
  /** The full 12-month cumulative committed curve (disbursed + open obligations), in percent. */
  committedCurve: readonly number[];
  /** The carry-over without obligation of that year, in percent of the carry-over base. */
  carryOverPercent: number;
}

/** A forecast of the carry-over without obligation, in percent of the carry-over base. */
export interface CarryOverForecast {
  pointPercent: number;
  lowPercent: number;
  highPercent: number;
  method: 'uncommitted_share';
  months: number;
  /** How many reference years the share k came from (0: k = 0.5 by default). */
  referenceYears: number;
  /** The median share k of the uncommitted budget that was carried over without obligation. */
  share: number;
  /** The forecast committed rate at September it rests on. */
  committed: SeptemberForecast;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * The carry-over without obligation forecast (see the top of this file): from the current year's
 * committed curve (months 1..m) and the unit's own and the pool's reference years.
 */
export function forecastCarryOver(
  committedCurve: readonly number[],
  history: readonly CarryOverReferenceYear[],
  pool: readonly CarryOverReferenceYear[],
): CarryOverForecast {
  const committed = forecastSeptember(
    committedCurve,
    history.map((h) => h.committedCurve),
    pool.map((h) => h.committedCurve),
  );
  const shares = (ys: readonly CarryOverReferenceYear[]) =>
    ys
      .filter((y) => Number.isFinite(y.carryOverPercent) && 100 - y.committedCurve[11]! > 0)
      .map((y) => clamp01(y.carryOverPercent / (100 - y.committedCurve[11]!)));
  const ks = reference(shares(history), shares(pool));
  const k = ks.length === 0 ? { mid: 0.5, low: 0.5, high: 0.5 } : spread(ks);
  const uncommitted = (c: number) => Math.max(0, 100 - c);
  return {
    pointPercent: round3(uncommitted(committed.pointPercent) * k.mid),
    lowPercent: round3(uncommitted(committed.highPercent) * k.low),
    highPercent: round3(uncommitted(committed.lowPercent) * k.high),
    method: 'uncommitted_share',
    months: committed.months,
    referenceYears: ks.length,
    share: round3(k.mid),
    committed,
  };
}

/** One curve of a unit in a fiscal year, for `backtest`. */
export interface BacktestCurve {
  unitId: string;
  fiscalYear: number;
  /** The full 12-month cumulative curve, in percent. */
  curve: readonly number[];
}

/** The error of the September forecast made after `month` months, over `n` curves. */
export interface BacktestRow {
  month: number;
  /** Mean |forecast point − actual September rate|, 3 decimals; null when n = 0. */
  meanAbsoluteError: number | null;
  n: number;
}

/**
 * How well `forecastSeptember` did on past years: for every month m = 1..11 and every curve,
 * forecast its September rate from its first m months, with as reference the other curves of
 * earlier fiscal years (`earlier_years`, the default: what was known at the time) or all other
 * curves (`leave_one_out`, where years are few) — the unit's own as history, other units' as
 * pool. Curves with no reference at all are not counted.
 */
export function backtest(
  curves: readonly BacktestCurve[],
  options: { reference?: 'earlier_years' | 'leave_one_out' } = {},
): BacktestRow[] {
  curves.forEach((c, i) => checkCurve(c.curve, `curve ${i + 1}`, true));
  const loo = options.reference === 'leave_one_out';
  const references = curves.map((target, i) => {
    const refs = curves.filter((c, j) => (loo ? j !== i : c.fiscalYear < target.fiscalYear));
    return {
      history: refs.filter((c) => c.unitId === target.unitId).map((c) => c.curve),
      pool: refs.filter((c) => c.unitId !== target.unitId).map((c) => c.curve),
    };
  });
  const rows: BacktestRow[] = [];
  for (let month = 1; month <= 11; month++) {
    let sum = 0;
    let n = 0;
    curves.forEach((target, i) => {
      const { history, pool } = references[i]!;
      const f = forecastSeptember(target.curve.slice(0, month), history, pool);
      if (f.referenceCurves === 0) return;
      sum += Math.abs(f.pointPercent - target.curve[11]!);
      n += 1;
    });
    rows.push({ month, meanAbsoluteError: n === 0 ? null : round3(sum / n), n });
  }
  return rows;
}
