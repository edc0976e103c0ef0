import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cumulativeProgressOf, validateWorkPlan, type WorkPlanStepInput } from './work-plan.js';

const plan = (
  weights: (number | string | null)[],
  cumulative?: (number | string | null)[],
  months?: number[][],
) =>
  weights.map((stepWeight, i): WorkPlanStepInput => ({
    step: i + 1,
    stepWeight,
    ...(cumulative ? { cumulativeProgress: cumulative[i] ?? null } : {}),
    ...(months ? { months: months[i] ?? [] } : {}),
  }));
const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('validateWorkPlan — the seed', () => {
  it('activity 2 (20/20/40/10/10, cumulative 20/40/80/90/100) is valid', () => {
    const report = validateWorkPlan(
      plan([20, 20, 40, 10, 10], [20, 40, 80, 90, 100], [[2], [5], [6, 9], [10, 11], [12]]),
    );
    expect(report).toEqual({
      valid: true,
      warnings: [],
      totalStepWeight: '100',
      cumulativeProgress: ['20', '40', '80', '90', '100'],
    });
  });

  it('activity 3 (60/70/80/90/100 in both columns) is reported as cumulative values in the weight column', () => {
    const report = validateWorkPlan(
      plan([60, 70, 80, 90, 100], [60, 70, 80, 90, 100], [[1, 2], [2, 3], [4, 5], [10], [10, 11]]),
    );
    expect(report.valid).toBe(false);
    expect(report.warnings).toEqual([
      {
        code: 'weights_look_cumulative',
        message:
          'the step weights 60, 70, 80, 90, 100 rise to 100 and add up to 400: they look like cumulative progress ' +
          'typed into the step-weight column; the step weights would be 60, 10, 10, 10, 10',
        steps: [1, 2, 3, 4, 5],
        expected: '100',
        actual: '400',
        suggestedStepWeights: ['60', '10', '10', '10', '10'],
      },
    ]);
    expect(report.totalStepWeight).toBe('400');
  });

  it('the same shape without a cumulative column is recognised too', () => {
    expect(validateWorkPlan(plan([60, 70, 80, 90, 100])).warnings.map((w) => w.code)).toEqual([
      'weights_look_cumulative',
    ]);
  });

  it('the suggestion is a valid plan', () => {
    const suggested =
      validateWorkPlan(plan([60, 70, 80, 90, 100])).warnings[0]?.suggestedStepWeights ?? [];
    expect(validateWorkPlan(plan([...suggested], [60, 70, 80, 90, 100])).valid).toBe(true);
  });
});

describe('validateWorkPlan — findings', () => {
  it('weights not adding up to 100', () => {
    expect(validateWorkPlan(plan([20, 20, 40, 10])).warnings).toEqual([
      {
        code: 'weights_total_not_100',
        message: 'the step weights add up to 90, not 100',
        expected: '100',
        actual: '90',
      },
    ]);
  });

  it('a cumulative column that is not the running sum, and not ending at 100', () => {
    const report = validateWorkPlan(plan([20, 20, 40, 10, 10], [20, 40, 70, 90, 95]));
    expect(report.warnings.map((w) => [w.code, w.steps])).toEqual([
      ['cumulative_mismatch', [3]],
      ['cumulative_mismatch', [5]],
      ['cumulative_not_100', undefined],
    ]);
    expect(report.warnings[0]?.message).toBe(
      'step 3: cumulative progress is 70 but the step weights so far add up to 80',
    );
  });

  it('missing and out-of-range weights, steps out of order, months outside 1–12', () => {
    const steps: WorkPlanStepInput[] = [
      { step: 1, stepWeight: 120, months: [0, 1] },
      { step: 3, stepWeight: null, months: [13] },
      { step: 2, stepWeight: '-20', cumulativeProgress: '' },
      { step: 4, stepWeight: '0', months: [1.5, 12] },
    ];
    const codes = validateWorkPlan(steps).warnings.map((w) => [w.code, w.steps]);
    expect(codes).toEqual([
      ['step_order', [3, 2]],
      ['step_weight_missing', [3]],
      ['step_weight_out_of_range', [1, 2]],
      ['month_out_of_range', [1]],
      ['month_out_of_range', [3]],
      ['month_out_of_range', [4]],
    ]);
  });

  it('no steps', () => {
    expect(validateWorkPlan([])).toEqual({
      valid: false,
      warnings: [{ code: 'no_steps', message: 'the work plan has no steps' }],
      totalStepWeight: '0',
      cumulativeProgress: [],
    });
  });

  it('malformed numbers are validation errors naming the step', () => {
    const e = failure(() => validateWorkPlan(plan([20, 'abc'])));
    expect(e.code).toBe('validation');
    expect(e.message).toContain('step 2: step weight is not a number');
    expect(failure(() => validateWorkPlan(plan([100], ['x']))).message).toContain(
      'step 1: cumulative progress is not a number',
    );
  });

  it('decimal and Thai-digit weights', () => {
    expect(
      validateWorkPlan(plan(['33.34', '33.33', '๓๓.๓๓'], ['33.34', '66.67', '100.00'])).valid,
    ).toBe(true);
  });

  it('any split of 100 with its running sum is valid', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 10 }),
        (raw) => {
          const total = raw.reduce((a, b) => a + b, 0);
          const weights = raw.map((w) => (w * 100) / total);
          // Exact decimals: scale to 4 places and put the rounding remainder on the last step.
          const scaled = weights.map((w) => Math.floor(w * 10_000));
          scaled[scaled.length - 1] =
            (scaled[scaled.length - 1] ?? 0) + 1_000_000 - scaled.reduce((a, b) => a + b, 0);
          const text = scaled.map((s) => (s / 10_000).toFixed(4));
          const cumulative = cumulativeProgressOf(plan(text));
          const report = validateWorkPlan(plan(text, cumulative));
          expect(report.valid).toBe(true);
          expect(Number(cumulative[cumulative.length - 1])).toBe(100);
        },
      ),
    );
  });
});

describe('cumulativeProgressOf', () => {
  it('is the running sum of the step weights', () => {
    expect(cumulativeProgressOf(plan([20, 20, 40, 10, 10]))).toEqual([
      '20',
      '40',
      '80',
      '90',
      '100',
    ]);
    expect(cumulativeProgressOf(plan(['12.5', '37.5', 50]))).toEqual(['12.5', '50.0', '100.0']);
    expect(cumulativeProgressOf([])).toEqual([]);
  });

  it('a missing weight is a validation error', () => {
    expect(failure(() => cumulativeProgressOf(plan([20, null]))).message).toBe(
      'step 2 has no step weight',
    );
  });
});
