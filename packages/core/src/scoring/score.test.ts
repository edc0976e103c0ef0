import { describe, expect, it } from 'vitest';
import { scoreResult, validateCriteria } from './score.js';
import { weightedScore } from './weighted.js';
import type { Criteria } from './schema.js';
import { KPI1, KPI2, KPI3, KPI5_2 } from './seed-criteria.js';

const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('seed figures (issue 4)', () => {
  it('weighted scores of the FY2564 agreement: 9.282, 9.157, 10', () => {
    expect(weightedScore('92.820', 10)).toBe('9.282');
    expect(weightedScore('91.572', 10)).toBe('9.157');
    expect(Number(weightedScore(100, 10))).toBe(10);
  });

  it('indicator 1 at level 2 = 12 points', () => {
    expect(scoreResult(KPI1, 2)).toMatchObject({ level: 2, points: '12' });
  });

  it('indicator 2 at 3.22 % = level 2, 14 points', () => {
    expect(scoreResult(KPI2, '3.22')).toMatchObject({ level: 2, points: '14' });
  });

  it('indicator 3 at level 5 = 20 points', () => {
    expect(scoreResult(KPI3, 5)).toMatchObject({ level: 5, points: '20' });
  });

  it('indicator 5.2 with all five steps = 100, weighted 10', () => {
    const outcome = scoreResult(KPI5_2, '1,2,3,4,5');
    expect(outcome).toMatchObject({ points: '100', score: '100' });
    expect(weightedScore(outcome.points, 10)).toBe('10.000');
  });

  it("indicator 2's definition reports the seed's gaps [2.00, 2.01) and [3.00, 3.01)", () => {
    const warnings = validateCriteria(KPI2);
    expect(warnings.map((w) => [w.code, w.from, w.to])).toEqual([
      ['gap', '2.00', '2.01'],
      ['gap', '3.00', '3.01'],
    ]);
  });

  it('the other seed definitions are sound', () => {
    expect(validateCriteria(KPI1)).toEqual([]);
    expect(validateCriteria(KPI3)).toEqual([]);
    expect(validateCriteria(KPI5_2)).toEqual([]);
  });
});

describe('contract checks (../shared/checks/contract.sh)', () => {
  it.each([
    ['0', 5, 20],
    ['0.01', 4, 18],
    ['1.99', 4, 18],
    ['2.5', 3, 16],
    ['3.01', 2, 14],
    ['4.00', 1, 12],
    ['37', 1, 12],
  ])('kpi2 result %s → level %d, %d points', (result, level, points) => {
    const outcome = scoreResult(KPI2, result);
    expect(outcome.level).toBe(level);
    expect(Number(outcome.points)).toBe(points);
  });

  it.each([
    ['2.00', 'business_rule', 'gap between level 4 (0 < x < 2.00) and level 3 (2.01 ≤ x < 3.00)'],
    [
      '3.005',
      'business_rule',
      'gap between level 3 (2.01 ≤ x < 3.00) and level 2 (3.01 ≤ x < 4.00)',
    ],
    ['abc', 'validation', "not a number: 'abc'"],
    ['-1', 'business_rule', 'negative'],
  ])('kpi2 result %s is refused (%s)', (result, code, message) => {
    const e = failure(() => scoreResult(KPI2, result));
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('the gap message names both bands around the result', () => {
    expect(failure(() => scoreResult(KPI2, '2.00')).message).toBe(
      '2.00 falls in a gap between level 4 (0 < x < 2.00) and level 3 (2.01 ≤ x < 3.00)',
    );
  });

  it.each([
    ['0', 0, 0],
    ['3', 3, 18],
    ['5', 5, 30],
  ])('kpi1 steps %s → level %d, %d points', (result, level, points) => {
    const outcome = scoreResult(KPI1, result);
    expect(outcome.level).toBe(level);
    expect(Number(outcome.points)).toBe(points);
  });

  it('kpi1 steps 6 is refused', () => {
    expect(failure(() => scoreResult(KPI1, '6')).code).toBe('business_rule');
  });
});

describe('dispatch', () => {
  it('numeric kinds refuse a list and unknown kinds are refused', () => {
    expect(failure(() => scoreResult(KPI2, [1, 2])).code).toBe('validation');
    expect(failure(() => scoreResult(KPI1, [1])).code).toBe('validation');
    const bogus = { kind: 'stars' } as unknown as Criteria;
    expect(failure(() => scoreResult(bogus, '1')).message).toContain(
      'unknown criteria kind: stars',
    );
    expect(failure(() => validateCriteria(bogus)).code).toBe('validation');
  });

  it('linear goes through scoreResult and validateCriteria', () => {
    const linear: Criteria = {
      kind: 'linear',
      points: [
        { x: 80, score: 60 },
        { x: 100, score: 100 },
      ],
      clamp: true,
    };
    expect(scoreResult(linear, '90')).toMatchObject({
      level: null,
      points: '80.000',
      score: '80.000',
    });
    expect(validateCriteria(linear)).toEqual([]);
    expect(failure(() => scoreResult(linear, 'x')).code).toBe('validation');
  });
});
