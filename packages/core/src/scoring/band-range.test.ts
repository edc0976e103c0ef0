import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../decimal.js';
import {
  bandContains,
  bandIsEmpty,
  compareLowerEnds,
  compileBands,
  intersection,
  showBound,
} from './band-range.js';
import type { BandsCriteria } from './schema.js';

const compile = (list: BandsCriteria['bands']) =>
  compileBands({ kind: 'bands', bands: list }).bands;

describe('band ranges', () => {
  it('compiles once per criteria object', () => {
    const c: BandsCriteria = { kind: 'bands', bands: [{ level: 1, points: 1, min: '2.00' }] };
    expect(compileBands(c)).toBe(compileBands(c));
    expect(compileBands(c).displayScale).toBe(2);
  });

  it('describes ranges with the display scale, zero as 0', () => {
    const [a, b, c, d] = compile([
      { level: 1, points: 1, min: 0, minInclusive: false, max: 2 },
      { level: 2, points: 1, min: '2.01', max: 3, maxInclusive: true },
      { level: 3, points: 1, min: -1.5, max: -1.5, maxInclusive: true },
      { level: 4, points: 1, min: '7.125' },
    ]);
    expect([a?.range, b?.range, c?.range, d?.range]).toEqual([
      '0 < x < 2.000',
      '2.010 ≤ x ≤ 3.000',
      'x = -1.500',
      'x ≥ 7.125',
    ]);
    expect(showBound(parseDecimal('0.00'), 2)).toBe('0.00');
    expect(showBound(parseDecimal('1.5'), 0)).toBe('1.5');
  });

  it('containment, emptiness, order and intersection', () => {
    const [a, b, open] = compile([
      { level: 1, points: 1, min: 0, max: 10 },
      { level: 2, points: 1, min: 5, minInclusive: false, max: 20, maxInclusive: true },
      { level: 3, points: 1 },
    ]);
    if (!a || !b || !open) throw new Error('compile');
    expect(bandContains(a, parseDecimal('0'))).toBe(true);
    expect(bandContains(a, parseDecimal('10'))).toBe(false);
    expect(bandContains(b, parseDecimal('5'))).toBe(false);
    expect(bandContains(b, parseDecimal('20'))).toBe(true);
    expect(bandIsEmpty(a)).toBe(false);
    expect(bandIsEmpty(open)).toBe(false);
    expect(compareLowerEnds(open, a)).toBeLessThan(0);
    expect(compareLowerEnds(a, open)).toBeGreaterThan(0);
    expect(compareLowerEnds(a, b)).toBeLessThan(0);
    expect(intersection(a, b)).toMatchObject({ minInclusive: false, maxInclusive: false });
    expect(intersection(open, a)).toMatchObject({ min: a.min, max: a.max });
    expect(intersection(a, open)).toMatchObject({ min: a.min, max: a.max });
    const [c, d] = compile([
      { level: 1, points: 1, min: 0, max: 5 },
      { level: 2, points: 1, min: 5, max: 9 },
    ]);
    if (!c || !d) throw new Error('compile');
    expect(intersection(c, d)).toBeUndefined();
    const [e, f] = compile([
      { level: 1, points: 1, min: 1 },
      { level: 2, points: 1, min: 1, minInclusive: false },
    ]);
    if (!e || !f) throw new Error('compile');
    expect(compareLowerEnds(e, f)).toBeLessThan(0);
    expect(compareLowerEnds(f, e)).toBeGreaterThan(0);
  });
});
