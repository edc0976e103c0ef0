import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compositeScore, weightedScore } from './weighted.js';

const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('weightedScore', () => {
  it.each([
    ['92.820', 10, '9.282'],
    [92.82, 10, '9.282'],
    ['91.572', 10, '9.157'],
    [100, 10, '10.000'],
    ['97.977', '10', '9.798'],
    ['0.005', 10, '0.001'],
    ['0.0049', 10, '0.000'],
    [30, 20, '6.000'],
    ['33.3333', 15, '5.000'],
    ['๙๒.๘๒๐', '๑๐', '9.282'],
  ])('%s × %s ÷ 100 = %s', (score, weight, expected) => {
    expect(weightedScore(score, weight)).toBe(expected);
  });

  it('refuses non-numbers', () => {
    expect(failure(() => weightedScore('abc', 10)).code).toBe('validation');
  });

  it('always has 3 decimals and is within 0.0005 of the exact product', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100 }),
        (milli, weight) => {
          const text = weightedScore({ coefficient: BigInt(milli), scale: 3 }, weight);
          expect(text).toMatch(/^\d+\.\d{3}$/);
          const got = BigInt(text.replace('.', '')) * 100_000n; // in units of 10^-8
          const exact = BigInt(milli) * BigInt(weight) * 1000n; // milli × weight ÷ 100 in 10^-8
          const diff = got - exact;
          expect(diff <= 50_000n && -diff <= 50_000n).toBe(true);
        },
      ),
    );
  });
});

describe('compositeScore', () => {
  it('adds the printed weighted scores of components whose weights add up to 100', () => {
    const result = compositeScore([
      { weight: 30, score: 60 },
      { weight: 20, score: '100' },
      { weight: 10, score: '100' },
      { weight: 10, score: '91.572' },
      { weight: 10, score: '92.820' },
      { weight: 10, score: 100 },
      { weight: 10, score: '85.5' },
    ]);
    expect(result.components.map((c) => c.weightedScore)).toEqual([
      '18.000',
      '20.000',
      '10.000',
      '9.157',
      '9.282',
      '10.000',
      '8.550',
    ]);
    expect(result.total).toBe('84.989');
    expect(result.totalWeight).toBe('100');
    expect(result.components[3]).toEqual({ weight: '10', score: '91.572', weightedScore: '9.157' });
  });

  it('checks the weights against the agreed total', () => {
    const e = failure(() =>
      compositeScore([
        { weight: 50, score: 1 },
        { weight: 40, score: 1 },
      ]),
    );
    expect(e.code).toBe('business_rule');
    expect(e.message).toBe('the weights add up to 90, not 100');
    expect(
      compositeScore([{ weight: 10, score: '92.820' }], { expectedTotalWeight: 10 }).total,
    ).toBe('9.282');
    expect(
      compositeScore(
        [
          { weight: '0.5', score: 10 },
          { weight: '0.5', score: 20 },
        ],
        { expectedTotalWeight: '1.0' },
      ).total,
    ).toBe('0.150');
  });

  it('refuses no components and negative weights', () => {
    expect(failure(() => compositeScore([])).code).toBe('validation');
    expect(
      failure(() =>
        compositeScore([
          { weight: -10, score: 1 },
          { weight: 110, score: 1 },
        ]),
      ).code,
    ).toBe('validation');
  });

  it('total = sum of the component weighted scores, for any split of 100', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
        (scores) => {
          const base = Math.floor(100 / scores.length);
          const weights = scores.map((_, i) => (i === 0 ? 100 - base * (scores.length - 1) : base));
          const result = compositeScore(
            scores.map((s, i) => ({
              weight: weights[i] ?? 0,
              score: { coefficient: BigInt(s), scale: 3 },
            })),
          );
          const sum = result.components.reduce(
            (acc, c) => acc + BigInt(c.weightedScore.replace('.', '')),
            0n,
          );
          expect(BigInt(result.total.replace('.', ''))).toBe(sum);
        },
      ),
    );
  });
});
