import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseStepsDone, scoreStepSum, validateStepSum } from './step-sum.js';
import type { StepSumCriteria } from './schema.js';
import { KPI5_2 } from './seed-criteria.js';

const kpi = KPI5_2;
const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('parseStepsDone', () => {
  it.each([
    ['1,2,3', [1, 2, 3]],
    ['3, 1 ,2', [1, 2, 3]],
    ['1 2;5', [1, 2, 5]],
    ['๑,๒', [1, 2]],
    ['1,,2,', [1, 2]],
    ['5,1,3', [1, 3, 5]],
    ['12', [12]],
    ['0,1', [0, 1]],
    ['', []],
    ['  ', []],
    ['0', []],
    ['none', []],
    ['None', []],
    ['-', []],
    ['ไม่มี', []],
    [4, [4]],
    [
      [5, 1],
      [1, 5],
    ],
  ])('%j → %j', (input, steps) => {
    expect(parseStepsDone(input)).toEqual(steps);
  });

  it.each([
    ['1,1', 'step 1 is listed twice'],
    ['2,1,2', 'step 2 is listed twice'],
    ['1, 1', 'step 1 is listed twice'],
    ['99999', 'not a step number'],
    ['1,x', "'x' in '1,x' is not a step number"],
    ['1.5', 'not a step number'],
    [[1.5], 'not a step number'],
  ])('%j is refused: %s', (input, message) => {
    const e = failure(() => parseStepsDone(input));
    expect(e.code).toBe('validation');
    expect(e.message).toContain(message);
  });
});

describe('scoreStepSum', () => {
  it.each([
    ['1,2,3,4,5', '100', 5],
    ['1', '25', 1],
    ['2,3', '30', 2],
    ['5,1', '50', 2],
    ['none', '0', 0],
  ])('indicator 5.2: %s → %s points', (result, points, level) => {
    expect(scoreStepSum(kpi, result)).toMatchObject({
      kind: 'step_sum',
      points,
      score: points,
      level,
    });
  });

  it('normalises the result', () => {
    expect(scoreStepSum(kpi, '3, 1')).toMatchObject({ result: '1,3', steps: [1, 3] });
  });

  it('an unknown step is a business-rule error', () => {
    const e = failure(() => scoreStepSum(kpi, '1,6,7'));
    expect(e.code).toBe('business_rule');
    expect(e.message).toBe('unknown steps 6, 7: the steps are 1, 2, 3, 4, 5');
    expect(failure(() => scoreStepSum(kpi, '9')).message).toBe(
      'unknown step 9: the steps are 1, 2, 3, 4, 5',
    );
  });

  it('the score is the sum of the points of any subset of steps', () => {
    fc.assert(
      fc.property(fc.subarray([1, 2, 3, 4, 5]), (steps) => {
        const worth = [25, 10, 20, 20, 25];
        const expected = steps.reduce((acc, s) => acc + (worth[s - 1] ?? 0), 0);
        expect(scoreStepSum(kpi, steps.join(',')).points).toBe(String(expected));
      }),
    );
  });
});

describe('validateStepSum', () => {
  it('the seed indicator 5.2 is sound', () => {
    expect(validateStepSum(kpi)).toEqual([]);
  });

  it('duplicates, missing steps, negative points, total not 100', () => {
    const c: StepSumCriteria = {
      kind: 'step_sum',
      steps: [
        { step: 1, points: 50 },
        { step: 1, points: 10 },
        { step: 4, points: '-5' },
      ],
    };
    expect(validateStepSum(c)).toEqual([
      expect.objectContaining({ code: 'duplicate_step', steps: [1] }),
      expect.objectContaining({ code: 'step_missing', steps: [2, 3] }),
      expect.objectContaining({ code: 'negative_points', steps: [4] }),
      expect.objectContaining({
        code: 'points_total_not_100',
        message: 'the step points add up to 55, not 100',
      }),
    ]);
  });
});
