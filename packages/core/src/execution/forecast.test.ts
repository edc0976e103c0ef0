import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  backtest,
  forecastCarryOver,
  forecastSeptember,
  type BacktestCurve,
  type CarryOverReferenceYear,
} from './forecast.js';

/** A 12-month curve through `atM` at month m and `september` at month 12, linear in between. */
const through = (m: number, atM: number, september: number): number[] =>
  Array.from({ length: 12 }, (_, i) => {
    const k = i + 1;
    return k <= m ? (atM * k) / m : atM + ((september - atM) * (k - m)) / (12 - m);
  });
/** The first m months of a curve ending at `current`. */
const upTo = (m: number, current: number) => through(m, current, 100).slice(0, m);

const OWN = [through(6, 40, 90), through(6, 50, 95), through(6, 60, 100)];

describe('forecastSeptember', () => {
  it('scales the current rate by the median ratio to September of its own years', () => {
    // ratios 2.25, 1.9, 1.6667: median 1.9; 10th pct 1.71333; 90th pct 2.18
    expect(forecastSeptember(upTo(6, 45), OWN, [])).toEqual({
      pointPercent: 85.5,
      lowPercent: 77.1,
      highPercent: 98.1,
      method: 'ratio_to_september',
      months: 6,
      referenceCurves: 3,
    });
  });

  it('caps the forecast at 100', () => {
    expect(forecastSeptember(upTo(6, 55), OWN, [])).toMatchObject({
      pointPercent: 100,
      lowPercent: 94.233,
      highPercent: 100,
    });
  });

  it("uses the pool's ratios when the unit has fewer than 2 prior years", () => {
    const own = [through(3, 10, 90)]; // ratio 9, not used
    const pool = [through(3, 20, 80), through(3, 25, 100), through(3, 0, 50)]; // 4, 4, (no ratio)
    expect(forecastSeptember(upTo(3, 10), own, pool)).toMatchObject({
      pointPercent: 40,
      lowPercent: 40,
      highPercent: 40,
      referenceCurves: 2,
    });
    // with no pool, the one own year is better than nothing
    expect(forecastSeptember(upTo(3, 10), own, [])).toMatchObject({
      pointPercent: 90,
      referenceCurves: 1,
    });
  });

  it('uses the September rates of the reference when nothing is disbursed yet', () => {
    expect(forecastSeptember([0, 0], OWN, [])).toMatchObject({
      pointPercent: 95,
      lowPercent: 91,
      highPercent: 99,
      referenceCurves: 3,
    });
  });

  it('returns the actual at month 12, and what it can without any reference', () => {
    const year = through(6, 50, 97.5);
    expect(forecastSeptember(year, OWN, OWN)).toEqual({
      pointPercent: 97.5,
      lowPercent: 97.5,
      highPercent: 97.5,
      method: 'ratio_to_september',
      months: 12,
      referenceCurves: 0,
    });
    expect(forecastSeptember(upTo(4, 30), [], [])).toMatchObject({
      pointPercent: 30,
      lowPercent: 30,
      highPercent: 100,
      referenceCurves: 0,
    });
  });

  it('never lets the rate fall, even when a reference year did', () => {
    const fell = [through(6, 60, 50), through(6, 60, 55)];
    expect(forecastSeptember(upTo(6, 40), fell, [])).toMatchObject({
      pointPercent: 40,
      lowPercent: 40,
      highPercent: 40,
    });
    // a rate already above 100 stays where it is
    expect(forecastSeptember(upTo(11, 101), OWN, [])).toMatchObject({
      pointPercent: 101,
      highPercent: 101,
    });
  });

  it.each([
    [[], [], 'the current curve must have 1 to 12 months, got 0'],
    [Array(13).fill(1), [], 'the current curve must have 1 to 12 months, got 13'],
    [[1, Number.NaN], [], 'the current curve must be finite numbers'],
    [[1], [[1, 2, 3]], 'prior curve 1 of the unit must have 12 months, got 3'],
  ])('refuses a malformed curve: %s', (curve, history, message) => {
    expect(() => forecastSeptember(curve, history, [])).toThrow(message);
  });
  it('refuses a malformed pool curve', () => {
    expect(() => forecastSeptember([1], [], [[1]])).toThrow(
      'prior curve 1 of the pool must have 12 months, got 1',
    );
  });

  const rate = fc.double({ min: 0, max: 100, noNaN: true });
  const fullCurve = fc
    .array(rate, { minLength: 12, maxLength: 12 })
    .map((c) => c.sort((a, b) => a - b));
  it('keeps the point inside its interval, inside [current, 100]', () => {
    fc.assert(
      fc.property(
        fc.array(rate, { minLength: 1, maxLength: 11 }).map((c) => c.sort((a, b) => a - b)),
        fc.array(fullCurve, { maxLength: 5 }),
        fc.array(fullCurve, { maxLength: 5 }),
        (curve, history, pool) => {
          const f = forecastSeptember(curve, history, pool);
          const current = Math.round(curve.at(-1)! * 1000) / 1000;
          expect(f.lowPercent).toBeLessThanOrEqual(f.pointPercent);
          expect(f.pointPercent).toBeLessThanOrEqual(f.highPercent);
          expect(f.lowPercent).toBeGreaterThanOrEqual(current);
          expect(f.highPercent).toBeLessThanOrEqual(100);
          expect(f.months).toBe(curve.length);
        },
      ),
    );
  });
  it('at month 12 returns the actual', () => {
    fc.assert(
      fc.property(fullCurve, fc.array(fullCurve, { maxLength: 3 }), (curve, history) => {
        const f = forecastSeptember(curve, history, history);
        const actual = Math.round(curve[11]! * 1000) / 1000;
        expect([f.pointPercent, f.lowPercent, f.highPercent]).toEqual([actual, actual, actual]);
      }),
    );
  });
});

describe('forecastCarryOver', () => {
  const years: CarryOverReferenceYear[] = [
    { committedCurve: OWN[0]!, carryOverPercent: 4 }, // 4 of 10 uncommitted: share 0.4
    { committedCurve: OWN[1]!, carryOverPercent: 1 }, // 1 of 5: share 0.2
    { committedCurve: OWN[2]!, carryOverPercent: 0 }, // nothing uncommitted: no share
  ];
  it('applies the median uncommitted share to the forecast uncommitted budget', () => {
    // committed forecast 85.5 [77.1, 98.1]; shares 0.2, 0.4: median 0.3, 10th 0.22, 90th 0.38
    const f = forecastCarryOver(upTo(6, 45), years, []);
    expect(f).toMatchObject({
      pointPercent: 4.35,
      lowPercent: 0.418,
      highPercent: 8.702,
      method: 'uncommitted_share',
      months: 6,
      referenceYears: 2,
      share: 0.3,
    });
    expect(f.committed.pointPercent).toBe(85.5);
  });
  it('takes k = 0.5 without reference data, and caps a share at 1', () => {
    expect(forecastCarryOver(upTo(6, 60), [], [])).toMatchObject({
      pointPercent: 20,
      lowPercent: 0,
      highPercent: 20,
      referenceYears: 0,
      share: 0.5,
    });
    const greedy = [{ committedCurve: OWN[0]!, carryOverPercent: 30 }];
    expect(forecastCarryOver(through(6, 50, 80), greedy, [])).toMatchObject({
      pointPercent: 20,
      share: 1,
    });
  });
  it('keeps the interval around the point and within the uncommitted budget', () => {
    const rate = fc.double({ min: 0, max: 100, noNaN: true });
    const year = fc.record({
      committedCurve: fc
        .array(rate, { minLength: 12, maxLength: 12 })
        .map((c) => c.sort((a, b) => a - b)),
      carryOverPercent: rate,
    });
    fc.assert(
      fc.property(
        fc.array(rate, { minLength: 1, maxLength: 12 }).map((c) => c.sort((a, b) => a - b)),
        fc.array(year, { maxLength: 4 }),
        fc.array(year, { maxLength: 4 }),
        (curve, history, pool) => {
          const f = forecastCarryOver(curve, history, pool);
          expect(f.lowPercent).toBeLessThanOrEqual(f.pointPercent);
          expect(f.pointPercent).toBeLessThanOrEqual(f.highPercent);
          expect(f.lowPercent).toBeGreaterThanOrEqual(0);
          expect(f.highPercent).toBeLessThanOrEqual(
            100 - Math.round(curve.at(-1)! * 1000) / 1000 + 1e-9,
          );
        },
      ),
    );
  });
});

describe('backtest', () => {
  // cumulative 5k, 4k, 6k percent in months 1..11, then 80, 90, 100 in September
  const linear = (step: number, september: number) => [
    ...Array.from({ length: 11 }, (_, i) => step * (i + 1)),
    september,
  ];
  const table: BacktestCurve[] = [
    { unitId: 'A', fiscalYear: 2563, curve: linear(5, 80) },
    { unitId: 'A', fiscalYear: 2564, curve: linear(4, 90) },
    { unitId: 'A', fiscalYear: 2565, curve: linear(6, 100) },
  ];
  it('measures forecasts from earlier years only (exact figures)', () => {
    // 2563: no reference; 2564 from 2563: 64 vs 90; 2565 from both: 115.5 capped to 100 vs 100
    expect(backtest(table)).toEqual(
      Array.from({ length: 11 }, (_, i) => ({ month: i + 1, meanAbsoluteError: 13, n: 2 })),
    );
  });
  it('measures leave-one-out forecasts (exact figures)', () => {
    // 2563: 97.917 vs 80; 2564: 65.333 vs 90; 2565: 100 vs 100
    expect(backtest(table, { reference: 'leave_one_out' })[5]).toEqual({
      month: 6,
      meanAbsoluteError: 14.195,
      n: 3,
    });
  });
  it('reports no error where it could forecast nothing', () => {
    expect(backtest(table.slice(0, 1))[0]).toEqual({ month: 1, meanAbsoluteError: null, n: 0 });
    expect(() => backtest([{ unitId: 'A', fiscalYear: 1, curve: [1] }])).toThrow(
      'curve 1 must have 12 months',
    );
  });
  it('is exact on curves that differ by a scale factor', () => {
    const shape = [2, 5, 9, 14, 20, 28, 37, 47, 58, 70, 84, 100];
    const curves = [0.5, 0.7, 0.9, 0.95].flatMap((s, u) =>
      [2563, 2564, 2565].map((fiscalYear) => ({
        unitId: `u${u}`,
        fiscalYear,
        curve: shape.map((x) => x * s),
      })),
    );
    for (const row of backtest(curves)) {
      expect(row.n).toBe(8);
      expect(row.meanAbsoluteError).toBe(0);
    }
  });
  it('errs less as the months go by, on curves of one family', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }).chain((k) =>
          fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), {
            minLength: 2 * k,
            maxLength: 2 * k,
          }),
        ),
        (exponents) => {
          const curves = exponents.map((a, y) => ({
            unitId: 'A',
            fiscalYear: 2560 + y,
            curve: Array.from({ length: 12 }, (_, i) => 100 * ((i + 1) / 12) ** a),
          }));
          const rows = backtest(curves, { reference: 'leave_one_out' });
          for (let i = 1; i < rows.length; i++) {
            expect(rows[i]!.meanAbsoluteError!).toBeLessThanOrEqual(
              rows[i - 1]!.meanAbsoluteError! + 1e-9,
            );
          }
        },
      ),
    );
  });
});
