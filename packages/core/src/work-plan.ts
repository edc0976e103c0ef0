/**
 * Activity work plans: steps with a step weight (เนื้องานรายขั้นตอน, %), cumulative progress
 * (คิดความก้าวหน้าของกิจกรรม, %) and planned fiscal months (1 = ต.ค. … 12 = ก.ย.).
 * Step weights must add up to 100 and the cumulative column must be their running sum.
 */
import { AppError } from './errors.js';
import {
  addDecimal,
  compareDecimal,
  decimalSign,
  decimalToString,
  subtractDecimal,
  toDecimal,
  type Decimal,
  type DecimalInput,
} from './decimal.js';

export interface WorkPlanStepInput {
  readonly step: number;
  readonly stepWeight?: DecimalInput | null;
  readonly cumulativeProgress?: DecimalInput | null;
  /** Planned fiscal months, 1 (October) … 12 (September). */
  readonly months?: readonly number[];
}

export type WorkPlanWarningCode =
  | 'no_steps'
  | 'step_order'
  | 'step_weight_missing'
  | 'step_weight_out_of_range'
  | 'weights_total_not_100'
  | 'weights_look_cumulative'
  | 'cumulative_mismatch'
  | 'cumulative_not_100'
  | 'month_out_of_range';

export interface WorkPlanWarning {
  readonly code: WorkPlanWarningCode;
  readonly message: string;
  readonly steps?: readonly number[];
  readonly expected?: string;
  readonly actual?: string;
  /** For 'weights_look_cumulative': the step weights the cumulative values imply. */
  readonly suggestedStepWeights?: readonly string[];
}

export interface WorkPlanReport {
  /** True when there is no warning. */
  readonly valid: boolean;
  readonly warnings: readonly WorkPlanWarning[];
  /** Sum of the step weights given. */
  readonly totalStepWeight: string;
  /** Running sum of the step weights (a missing weight counts 0). */
  readonly cumulativeProgress: readonly string[];
}

const HUNDRED: Decimal = { coefficient: 100n, scale: 0 };
const ZERO: Decimal = { coefficient: 0n, scale: 0 };
const show = decimalToString;

function read(
  value: DecimalInput | null | undefined,
  step: number,
  column: string,
): Decimal | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  try {
    return toDecimal(value);
  } catch (e) {
    throw new AppError(
      'validation',
      `step ${step}: ${column} is not a number (${(e as Error).message})`,
      { step },
    );
  }
}

/** Running sum of the step weights, as decimal strings: [20, 20, 40, 10, 10] → 20, 40, 80, 90, 100. */
export function cumulativeProgressOf(
  steps: readonly Pick<WorkPlanStepInput, 'step' | 'stepWeight'>[],
): string[] {
  let total = ZERO;
  return steps.map((s, i) => {
    const weight = read(s.stepWeight, s.step ?? i + 1, 'step weight');
    if (!weight)
      throw new AppError('validation', `step ${s.step ?? i + 1} has no step weight`, {
        step: s.step,
      });
    total = addDecimal(total, weight);
    return show(total);
  });
}

/** Per-step values that rise to 100 — cumulative progress typed into the step-weight column. */
function looksCumulative(
  weights: readonly (Decimal | undefined)[],
  total: Decimal,
): Decimal[] | undefined {
  if (weights.length < 2 || weights.some((w) => !w) || compareDecimal(total, HUNDRED) === 0)
    return undefined;
  const ws = weights as Decimal[];
  const rising = ws.every((w, i) => i === 0 || compareDecimal(w, ws[i - 1] as Decimal) > 0);
  if (!rising || compareDecimal(ws[ws.length - 1] as Decimal, HUNDRED) !== 0) return undefined;
  return ws;
}

/** Checks a work plan; reports the seed's activity-3 shape (weights 60/70/80/90/100) clearly. */
export function validateWorkPlan(steps: readonly WorkPlanStepInput[]): WorkPlanReport {
  const warnings: WorkPlanWarning[] = [];
  if (steps.length === 0) {
    warnings.push({ code: 'no_steps', message: 'the work plan has no steps' });
    return { valid: false, warnings, totalStepWeight: '0', cumulativeProgress: [] };
  }
  const outOfOrder = steps.filter((s, i) => s.step !== i + 1).map((s) => s.step);
  if (outOfOrder.length > 0) {
    warnings.push({
      code: 'step_order',
      message: `steps must be numbered 1 to ${steps.length} in order; found ${steps.map((s) => s.step).join(', ')}`,
      steps: outOfOrder,
    });
  }
  const weights = steps.map((s) => read(s.stepWeight, s.step, 'step weight'));
  const cumulative = steps.map((s) => read(s.cumulativeProgress, s.step, 'cumulative progress'));
  const missing = steps.filter((_, i) => !weights[i]).map((s) => s.step);
  if (missing.length > 0) {
    warnings.push({
      code: 'step_weight_missing',
      message: `step ${missing.join(', ')} has no step weight`,
      steps: missing,
    });
  }
  const outOfRange = steps
    .filter(
      (_, i) =>
        weights[i] && (decimalSign(weights[i]) < 0 || compareDecimal(weights[i], HUNDRED) > 0),
    )
    .map((s) => s.step);
  if (outOfRange.length > 0) {
    warnings.push({
      code: 'step_weight_out_of_range',
      message: `step ${outOfRange.join(', ')}: a step weight is a percentage from 0 to 100`,
      steps: outOfRange,
    });
  }
  let running = ZERO;
  const sums = weights.map((w) => (running = addDecimal(running, w ?? ZERO)));
  const total = running;
  const asCumulative = looksCumulative(weights, total);
  const sameColumns = cumulative.every(
    (c, i) => !c || compareDecimal(c, weights[i] as Decimal) === 0,
  );
  if (asCumulative && sameColumns) {
    const suggested = asCumulative.map((w, i) =>
      show(i === 0 ? w : subtractDecimal(w, asCumulative[i - 1] as Decimal)),
    );
    warnings.push({
      code: 'weights_look_cumulative',
      message:
        `the step weights ${asCumulative.map(show).join(', ')} rise to 100 and add up to ${show(total)}: ` +
        `they look like cumulative progress typed into the step-weight column; ` +
        `the step weights would be ${suggested.join(', ')}`,
      steps: steps.map((s) => s.step),
      expected: '100',
      actual: show(total),
      suggestedStepWeights: suggested,
    });
  } else {
    checkTotals(steps, weights, cumulative, sums, total, missing.length === 0, warnings);
  }
  checkMonths(steps, warnings);
  return {
    valid: warnings.length === 0,
    warnings,
    totalStepWeight: show(total),
    cumulativeProgress: sums.map(show),
  };
}

function checkTotals(
  steps: readonly WorkPlanStepInput[],
  weights: readonly (Decimal | undefined)[],
  cumulative: readonly (Decimal | undefined)[],
  sums: readonly Decimal[],
  total: Decimal,
  complete: boolean,
  warnings: WorkPlanWarning[],
): void {
  if (complete && compareDecimal(total, HUNDRED) !== 0) {
    warnings.push({
      code: 'weights_total_not_100',
      message: `the step weights add up to ${show(total)}, not 100`,
      expected: '100',
      actual: show(total),
    });
  }
  steps.forEach((s, i) => {
    const given = cumulative[i];
    const expected = sums[i] as Decimal;
    if (!given || !weights[i] || compareDecimal(given, expected) === 0) return;
    warnings.push({
      code: 'cumulative_mismatch',
      message: `step ${s.step}: cumulative progress is ${show(given)} but the step weights so far add up to ${show(expected)}`,
      steps: [s.step],
      expected: show(expected),
      actual: show(given),
    });
  });
  const last = cumulative[cumulative.length - 1];
  if (last && compareDecimal(last, HUNDRED) !== 0) {
    warnings.push({
      code: 'cumulative_not_100',
      message: `the cumulative progress of the last step is ${show(last)}, not 100`,
      expected: '100',
      actual: show(last),
    });
  }
}

function checkMonths(steps: readonly WorkPlanStepInput[], warnings: WorkPlanWarning[]): void {
  for (const s of steps) {
    const bad = (s.months ?? []).filter((m) => !Number.isInteger(m) || m < 1 || m > 12);
    if (bad.length === 0) continue;
    warnings.push({
      code: 'month_out_of_range',
      message: `step ${s.step}: planned month ${bad.join(', ')} is not a fiscal month (1 = ต.ค. … 12 = ก.ย.)`,
      steps: [s.step],
    });
  }
}
