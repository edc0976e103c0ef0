import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDecimal } from '../decimal.js';
import { scoreMilestone, validateMilestone } from './milestone.js';
import type { MilestoneCriteria } from './schema.js';
import { KPI1, KPI3 } from './seed-criteria.js';

const kpi1 = KPI1;
const kpi3 = KPI3;
const score = (c: MilestoneCriteria, x: string) => scoreMilestone(c, parseDecimal(x), x);
const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('scoreMilestone', () => {
  it.each([
    ['0', 0, '0'],
    ['1', 1, '6'],
    ['2', 2, '12'],
    ['3.0', 3, '18'],
    ['4', 4, '24'],
    ['5', 5, '30'],
  ])('indicator 1: %s steps → level %d, %s points', (x, level, points) => {
    expect(score(kpi1, x)).toEqual({
      kind: 'milestone',
      result: String(level),
      level,
      points,
      stepsDone: level,
    });
  });

  it('indicator 3 points 12 … 20', () => {
    expect([1, 2, 3, 4, 5].map((n) => score(kpi3, String(n)).points)).toEqual([
      '12',
      '14',
      '16',
      '18',
      '20',
    ]);
  });

  it.each([
    ['6', 'business_rule', '6 steps is out of range: this indicator has steps 0 to 5'],
    ['-1', 'business_rule', 'out of range'],
    ['2.5', 'validation', "the result is the number of steps done (0–5), got '2.5'"],
  ])('%s is refused (%s)', (x, code, message) => {
    const e = failure(() => score(kpi1, x));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('a level the criteria lack is refused', () => {
    const c: MilestoneCriteria = {
      kind: 'milestone',
      levels: [
        { level: 1, points: 5 },
        { level: 3, points: 15 },
      ],
    };
    expect(score(c, '3').points).toBe('15');
    expect(failure(() => score(c, '2')).message).toBe('the criteria define no level 2');
  });

  it('every count 0..N scores, and points rise with it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 10 }),
        (increments) => {
          let total = 0;
          const c: MilestoneCriteria = {
            kind: 'milestone',
            levels: increments.map((inc, i) => ({ level: i + 1, points: (total += inc) })),
          };
          expect(validateMilestone(c)).toEqual([]);
          let previous = -1;
          for (let n = 0; n <= increments.length; n += 1) {
            const points = Number(score(c, String(n)).points);
            expect(points).toBeGreaterThan(previous);
            previous = points;
          }
          expect(failure(() => score(c, String(increments.length + 1))).code).toBe('business_rule');
        },
      ),
    );
  });
});

describe('validateMilestone', () => {
  it('missing levels, order, duplicates and points', () => {
    const c: MilestoneCriteria = {
      kind: 'milestone',
      levels: [
        { level: 4, points: 24 },
        { level: 1, points: 6 },
        { level: 2, points: 6 },
        { level: 2, points: 12 },
      ],
    };
    const warnings = validateMilestone(c);
    expect(warnings.map((w) => w.code)).toEqual([
      'milestone_level_missing',
      'levels_out_of_order',
      'duplicate_level',
      'points_not_increasing',
    ]);
    expect(warnings[0]).toMatchObject({
      message: 'level 3 missing: a milestone indicator needs every level from 1 to 4',
      levels: [3],
    });
  });

  it('several missing levels; descending order is fine', () => {
    const c: MilestoneCriteria = {
      kind: 'milestone',
      levels: [
        { level: 5, points: 30 },
        { level: 1, points: 6 },
      ],
    };
    expect(validateMilestone(c)).toEqual([
      expect.objectContaining({
        code: 'milestone_level_missing',
        levels: [2, 3, 4],
        message: expect.stringContaining('levels 2, 3, 4'),
      }),
    ]);
  });
});
