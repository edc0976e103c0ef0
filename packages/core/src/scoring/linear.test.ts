import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from '../decimal.js';
import { scoreLinear, validateLinear } from './linear.js';
import type { LinearCriteria } from './schema.js';

const SPEC: LinearCriteria = {
  kind: 'linear',
  points: [
    { x: 80, score: 60 },
    { x: 100, score: 100 },
  ],
  clamp: true,
};
const score = (c: LinearCriteria, x: string) => scoreLinear(c, parseDecimal(x), x);
const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('scoreLinear', () => {
  it.each([
    ['80', '60.000', 1, false],
    ['90', '80.000', 1, false],
    ['97.977', '95.954', 1, false],
    ['100', '100.000', 1, false],
    ['79', '60.000', 0, true],
    ['150', '100.000', 2, true],
  ])('SPEC example: %s → %s', (x, expected, segment, clamped) => {
    expect(score(SPEC, x)).toEqual({
      kind: 'linear',
      result: x,
      level: null,
      points: expected,
      score: expected,
      segment,
      clamped,
    });
  });

  it('several segments, points in any order, rounding once half-up', () => {
    const c: LinearCriteria = {
      kind: 'linear',
      points: [
        { x: '100', score: '100' },
        { x: '0', score: '0' },
        { x: '3', score: '1' },
      ],
      decimals: 2,
    };
    expect(score(c, '1').score).toBe('0.33');
    expect(score(c, '2').score).toBe('0.67');
    expect(score(c, '3').score).toBe('1.00');
    expect(score(c, '51.5').score).toBe('50.50');
    expect(score(c, '3').segment).toBe(1);
    expect(score(c, '3.0001').segment).toBe(2);
  });

  it('out of range without clamp is an error', () => {
    const c = { ...SPEC, clamp: false };
    const e = failure(() => score(c, '79.99'));
    expect(e.code).toBe('business_rule');
    expect(e.message).toBe(
      '79.99 is outside the range of the criteria (80 ≤ x ≤ 100) and clamp is off',
    );
    expect(failure(() => score({ kind: 'linear', points: SPEC.points }, '101')).code).toBe(
      'business_rule',
    );
  });

  it('two points at the same x are refused when scoring and reported when validating', () => {
    const c: LinearCriteria = {
      kind: 'linear',
      points: [
        { x: 1, score: 1 },
        { x: '1.0', score: 2 },
      ],
    };
    expect(failure(() => score(c, '1')).message).toBe('linear criteria have two points at x = 1.0');
    expect(validateLinear(c)).toEqual([
      {
        code: 'x_not_increasing',
        message: 'point 2 (x = 1.0) does not come after point 1 (x = 1): x must strictly increase',
      },
    ]);
    expect(validateLinear(SPEC)).toEqual([]);
  });

  it('the score stays between the end scores and is monotonic for rising criteria', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 80_000, max: 100_000 }),
        fc.integer({ min: 80_000, max: 100_000 }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const sLo = Number(score(SPEC, String(lo / 1000)).score);
          const sHi = Number(score(SPEC, String(hi / 1000)).score);
          expect(sLo).toBeGreaterThanOrEqual(60);
          expect(sHi).toBeLessThanOrEqual(100);
          expect(sLo).toBeLessThanOrEqual(sHi);
        },
      ),
    );
  });
});
