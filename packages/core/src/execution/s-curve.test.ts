import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cumulative, evenPlan, percentCurve } from './s-curve.js';

describe('s-curve', () => {
  it('accumulates monthly amounts', () => {
    expect(cumulative([])).toEqual([]);
    expect(cumulative([5n, 0n, -2n, 10n])).toEqual([5n, 5n, 3n, 13n]);
  });

  it.each([
    [12n, 12, Array.from({ length: 12 }, () => 1n)],
    [14n, 12, [2n, 2n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n]],
    [0n, 3, [0n, 0n, 0n]],
    [100n, 3, [34n, 33n, 33n]],
    [-100n, 3, [-34n, -33n, -33n]],
    [7n, 1, [7n]],
  ])('evenPlan(%s, %i)', (total, months, want) => {
    expect(evenPlan(total, months)).toEqual(want);
  });

  it('refuses a nonsensical number of months', () => {
    expect(() => evenPlan(10n, 0)).toThrow('months must be a whole number from 1 to 120, got 0');
    expect(() => evenPlan(10n, 1.5)).toThrow(/got 1.5/);
  });

  it('plans evenly to the satang: 12 parts, sum exact, at most 1 satang apart', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 1, max: 24 }),
        (total, months) => {
          const plan = evenPlan(total, months);
          expect(plan).toHaveLength(months);
          expect(cumulative(plan).at(-1)).toBe(total);
          const min = plan.reduce((a, b) => (b < a ? b : a));
          const max = plan.reduce((a, b) => (b > a ? b : a));
          expect(max - min <= 1n).toBe(true);
          expect(evenPlan(total)).toHaveLength(12);
        },
      ),
    );
  });

  it('writes a curve as percentages of its base', () => {
    expect(percentCurve(cumulative([250n, 500n, 250n]), 1000n)).toEqual([
      '25.000',
      '75.000',
      '100.000',
    ]);
    expect(percentCurve([1n, 2n], 3n)).toEqual(['33.333', '66.667']);
    expect(percentCurve([1n, 2n], 0n)).toEqual([null, null]);
  });
});
