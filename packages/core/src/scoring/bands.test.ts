import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from '../decimal.js';
import { scoreBands, validateBands } from './bands.js';
import { parseCriteria, type BandsCriteria } from './schema.js';
import { KPI2 } from './seed-criteria.js';

const bands = (list: BandsCriteria['bands']): BandsCriteria =>
  parseCriteria({ kind: 'bands', bands: list }) as BandsCriteria;
const score = (c: BandsCriteria, x: string) => scoreBands(c, parseDecimal(x), x);
const failure = (f: () => unknown): { code?: string; message?: string; details?: unknown } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('scoreBands', () => {
  it.each([
    ['0', 5, '20', 'x = 0'],
    ['0.00', 5, '20', 'x = 0'],
    ['0.001', 4, '18', '0 < x < 2.00'],
    ['1.999999', 4, '18', '0 < x < 2.00'],
    ['2.01', 3, '16', '2.01 ≤ x < 3.00'],
    ['2.999', 3, '16', '2.01 ≤ x < 3.00'],
    ['3.22', 2, '14', '3.01 ≤ x < 4.00'],
    ['3.999', 2, '14', '3.01 ≤ x < 4.00'],
    ['4', 1, '12', 'x ≥ 4.00'],
    ['1000000', 1, '12', 'x ≥ 4.00'],
  ])('seed indicator 2: %s → level %d (%s points) in %s', (x, level, points, range) => {
    expect(score(KPI2, x)).toMatchObject({ kind: 'bands', level, points, range });
  });

  it.each([
    ['2', 'between level 4 (0 < x < 2.00) and level 3 (2.01 ≤ x < 3.00)'],
    ['2.009', 'between level 4'],
    ['3.00', 'between level 3 (2.01 ≤ x < 3.00) and level 2 (3.01 ≤ x < 4.00)'],
    ['-0.01', '-0.01 is negative and no band covers it; the lowest band is level 5 (x = 0)'],
  ])('%s is refused: %s', (x, message) => {
    const e = failure(() => score(KPI2, x));
    expect(e.code).toBe('business_rule');
    expect(e.message).toContain(message);
  });

  it('a result in two bands is an error naming both', () => {
    const c = bands([
      { level: 1, points: 10, min: 0, max: 50 },
      { level: 2, points: 20, min: 40, max: 100, maxInclusive: true },
    ]);
    expect(score(c, '39.99')).toMatchObject({ level: 1 });
    const e = failure(() => score(c, '45'));
    expect(e.code).toBe('business_rule');
    expect(e.message).toBe(
      '45 falls in two bands, level 1 (0 ≤ x < 50) and level 2 (40 ≤ x ≤ 100): the criteria overlap',
    );
  });

  it('below every band and above every band', () => {
    const c = bands([
      { level: 1, points: 10, min: 10, max: 50 },
      { level: 2, points: 20, min: 50, max: 100, maxInclusive: true },
    ]);
    expect(failure(() => score(c, '5')).message).toBe(
      '5 is below every band; the lowest band is level 1 (10 ≤ x < 50)',
    );
    expect(failure(() => score(c, '100.5')).message).toBe(
      '100.5 is above every band; the highest band is level 2 (50 ≤ x ≤ 100)',
    );
    expect(score(c, '100')).toMatchObject({ level: 2, band: 1 });
  });

  it('unbounded bands', () => {
    const c = bands([
      { level: 1, points: 0, max: 0 },
      { level: 2, points: 5, min: 0 },
    ]);
    expect(score(c, '-1000')).toMatchObject({ level: 1, range: 'x < 0' });
    expect(score(c, '0')).toMatchObject({ level: 2, range: 'x ≥ 0' });
    expect(score(bands([{ level: 1, points: 1 }]), '-5')).toMatchObject({ range: 'any x' });
    expect(score(bands([{ level: 1, points: 1, min: 0, minInclusive: false }]), '1')).toMatchObject(
      { range: 'x > 0' },
    );
    expect(score(bands([{ level: 1, points: 1, max: 1, maxInclusive: true }]), '1')).toMatchObject({
      range: 'x ≤ 1',
    });
  });
});

describe('validateBands', () => {
  it('the seed indicator 2 has exactly its two gaps', () => {
    const warnings = validateBands(KPI2);
    expect(warnings).toEqual([
      {
        code: 'gap',
        message:
          'gap [2.00, 2.01) between level 4 (0 < x < 2.00) and level 3 (2.01 ≤ x < 3.00): a result there matches no band',
        from: '2.00',
        fromInclusive: true,
        to: '2.01',
        toInclusive: false,
        bands: [1, 2],
        levels: [4, 3],
      },
      expect.objectContaining({
        code: 'gap',
        from: '3.00',
        to: '3.01',
        bands: [2, 3],
        levels: [3, 2],
      }),
    ]);
  });

  it('a point gap between two exclusive ends', () => {
    const c = bands([
      { level: 1, points: 1, min: 0, max: 5 },
      { level: 2, points: 2, min: 5, minInclusive: false },
    ]);
    expect(validateBands(c)).toEqual([
      expect.objectContaining({
        code: 'gap',
        from: '5',
        to: '5',
        fromInclusive: true,
        toInclusive: true,
      }),
    ]);
    expect(failure(() => score(c, '5')).message).toContain(
      '5 falls in a gap between level 1 (0 ≤ x < 5) and level 2 (x > 5)',
    );
  });

  it('overlaps, including a band inside another and an unbounded one', () => {
    const c = bands([
      { level: 1, points: 1, min: 0, max: 10, maxInclusive: true },
      { level: 2, points: 2, min: 10, max: 20 },
      { level: 3, points: 3, min: 12, max: 15 },
      { level: 4, points: 4, min: 18 },
    ]);
    const overlaps = validateBands(c).filter((w) => w.code === 'overlap');
    expect(overlaps.map((w) => [w.bands, w.from, w.to])).toEqual([
      [[0, 1], '10', '10'],
      [[1, 2], '12', '15'],
      [[1, 3], '18', '20'],
    ]);
    expect(overlaps[0]?.message).toBe(
      'level 1 (0 ≤ x ≤ 10) and level 2 (10 ≤ x < 20) overlap on [10, 10]: a result there would match two bands',
    );
    const open = bands([
      { level: 1, points: 1 },
      { level: 2, points: 2, max: 0 },
    ]);
    expect(validateBands(open).find((w) => w.code === 'overlap')).toMatchObject({
      to: '0',
      toInclusive: false,
    });
    expect(validateBands(open).find((w) => w.code === 'overlap')?.message).toContain('(−∞, 0)');
  });

  it('touching ends are neither a gap nor an overlap', () => {
    const c = bands([
      { level: 1, points: 1, min: 0, max: 5 },
      { level: 2, points: 2, min: 5, max: 10, maxInclusive: true },
      { level: 3, points: 3, min: 10, minInclusive: false },
    ]);
    expect(validateBands(c)).toEqual([]);
  });

  it('empty bands', () => {
    const c = bands([
      { level: 1, points: 1, min: 5, max: 5 },
      { level: 2, points: 2, min: 6, max: 3 },
      { level: 3, points: 3, min: 0 },
    ]);
    expect(validateBands(c).map((w) => [w.code, w.bands])).toEqual([
      ['empty_band', [0]],
      ['empty_band', [1]],
    ]);
  });

  it('levels out of order and points not increasing', () => {
    const c = bands([
      { level: 1, points: 10, min: 0, max: 10 },
      { level: 3, points: 20, min: 10, max: 20 },
      { level: 2, points: 30, min: 20 },
    ]);
    const codes = validateBands(c).map((w) => w.code);
    expect(codes).toEqual(['levels_out_of_order', 'points_not_increasing']);
    expect(validateBands(c)[1]?.message).toBe(
      'level 3 gives 20 points, not more than level 2 (30)',
    );
  });

  it('a duplicate level is reported once, not as out of order', () => {
    const c = bands([
      { level: 1, points: 10, min: 0, max: 10 },
      { level: 1, points: 10, min: 10 },
    ]);
    expect(validateBands(c).map((w) => w.code)).toEqual(['duplicate_level']);
  });

  it('a contiguous partition has no warnings and scores every value into its own band', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: -12_000, max: 12_000 }),
        (cutsRaw, probe) => {
          const cuts = [...cutsRaw].sort((a, b) => a - b);
          const text = (n: number) => (n / 100).toFixed(2);
          const list = cuts.map((cut, i) => ({
            level: i + 1,
            points: String(i + 1),
            min: text(cut),
            ...(i + 1 < cuts.length ? { max: text(cuts[i + 1] as number) } : {}),
          }));
          const c = bands(list);
          expect(validateBands(c)).toEqual([]);
          const x = text(probe);
          const expected = cuts.filter((cut) => cut <= probe).length; // level of the band holding probe
          if (expected === 0) expect(failure(() => score(c, x)).code).toBe('business_rule');
          else expect(score(c, x).level).toBe(expected);
          // Remove an inner band: its range becomes a gap, reported and refused.
          if (cuts.length >= 3) {
            const holed = bands(list.filter((_, i) => i !== 1));
            expect(validateBands(holed).filter((w) => w.code === 'gap')).toHaveLength(1);
            if (expected === 2)
              expect(failure(() => score(holed, x)).message).toContain(
                'falls in a gap between level 1',
              );
          }
        },
      ),
    );
  });
});
