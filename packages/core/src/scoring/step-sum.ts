/** `step_sum` criteria: the score is the sum of the points of the steps done (seed indicator 5.2). */
import { AppError } from '../errors.js';
import {
  compareDecimal,
  decimalSign,
  decimalToString,
  parseDecimal,
  pow10,
  sumDecimal,
  type Decimal,
} from '../decimal.js';
import { fromThaiDigits } from '../thai-digits.js';
import type { StepSumCriteria } from './schema.js';
import type { CriteriaWarning, StepSumOutcome } from './types.js';

interface CompiledSteps {
  /** Points of each step, as integers at the common `scale`. */
  readonly points: ReadonlyMap<number, bigint>;
  readonly scale: number;
}

const cache = new WeakMap<StepSumCriteria, CompiledSteps>();

function compile(c: StepSumCriteria): CompiledSteps {
  const hit = cache.get(c);
  if (hit) return hit;
  const values = c.steps.map((s) => parseDecimal(s.points));
  const scale = Math.max(...values.map((v) => v.scale));
  const points = new Map<number, bigint>();
  c.steps.forEach((s, i) => {
    const v = values[i] as Decimal;
    if (!points.has(s.step)) points.set(s.step, v.coefficient * pow10(scale - v.scale));
  });
  const compiled = { points, scale };
  cache.set(c, compiled);
  return compiled;
}

/** Fast path for "1,2,3": step numbers separated by single commas, nothing else. */
function plainSteps(text: string): number[] | undefined {
  const steps: number[] = [];
  let current = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      current = current < 0 ? c - 48 : current * 10 + (c - 48);
      if (current > 9999) return undefined;
    } else if (c === 44 && current >= 0) {
      steps.push(current);
      current = -1;
    } else {
      return undefined;
    }
  }
  if (current < 0 || (current === 0 && steps.length === 0)) return undefined;
  steps.push(current);
  return steps;
}

const NONE = new Set(['', '0', 'none', '-', 'ไม่มี']);

/**
 * The steps done from a result: "1,2,3", "1 2 3", "๑,๒", [1, 2]; "", "0", "none" or "-" = no step.
 * A token that is not a whole number, or a step given twice, is AppError('validation').
 */
export function parseStepsDone(result: string | number | readonly number[]): number[] {
  if (Array.isArray(result)) {
    return checkSteps(
      result.map((s) => String(s)),
      String(result),
    );
  }
  const plain = typeof result === 'string' ? plainSteps(result) : undefined;
  if (plain) return checkDuplicates(plain, result as string);
  const text = fromThaiDigits(String(result)).trim();
  if (NONE.has(text.toLowerCase())) return [];
  return checkSteps(
    text.split(/[\s,;]+/).filter((t) => t !== ''),
    text,
  );
}

function checkDuplicates(steps: number[], shown: string): number[] {
  for (let i = 1; i < steps.length; i += 1) {
    const step = steps[i] as number;
    if (steps.indexOf(step) < i) {
      throw new AppError('validation', `step ${step} is listed twice in '${shown}'`, {
        result: shown,
      });
    }
  }
  return steps.length > 1 ? steps.sort((a, b) => a - b) : steps;
}

function checkSteps(tokens: readonly string[], shown: string): number[] {
  const steps: number[] = [];
  for (const token of tokens) {
    if (!/^\d{1,4}$/.test(token)) {
      throw new AppError(
        'validation',
        `the result is a list of steps done such as "1,2,3"; '${token}' in '${shown}' is not a step number`,
        {
          result: shown,
        },
      );
    }
    const step = Number(token);
    if (steps.includes(step))
      throw new AppError('validation', `step ${step} is listed twice in '${shown}'`, {
        result: shown,
      });
    steps.push(step);
  }
  return steps.sort((a, b) => a - b);
}

/** Sums the points of the steps done; a step the criteria do not have is AppError('business_rule'). */
export function scoreStepSum(
  criteria: StepSumCriteria,
  result: string | number | readonly number[],
): StepSumOutcome {
  const { points, scale } = compile(criteria);
  const steps = parseStepsDone(result);
  const unknown = steps.filter((s) => !points.has(s));
  if (unknown.length > 0) {
    const known = [...points.keys()].sort((a, b) => a - b).join(', ');
    throw new AppError(
      'business_rule',
      `unknown step${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: the steps are ${known}`,
      {
        steps: unknown,
      },
    );
  }
  let sum = 0n;
  for (const s of steps) sum += points.get(s) as bigint;
  const total = decimalToString({ coefficient: sum, scale });
  return {
    kind: 'step_sum',
    result: steps.join(','),
    level: steps.length,
    points: total,
    score: total,
    steps,
  };
}

/** Duplicate and missing step numbers, negative points, and points that do not add up to 100. */
export function validateStepSum(criteria: StepSumCriteria): CriteriaWarning[] {
  const out: CriteriaWarning[] = [];
  const numbers = criteria.steps.map((s) => s.step);
  const duplicates = [...new Set(numbers.filter((n, i) => numbers.indexOf(n) !== i))];
  if (duplicates.length > 0) {
    out.push({
      code: 'duplicate_step',
      message: `step ${duplicates.join(', ')} defined more than once`,
      steps: duplicates,
    });
  }
  const top = Math.max(...numbers);
  const missing = Array.from({ length: top }, (_, i) => i + 1).filter((n) => !numbers.includes(n));
  if (missing.length > 0) {
    out.push({
      code: 'step_missing',
      message: `step ${missing.join(', ')} missing from 1 to ${top}`,
      steps: missing,
    });
  }
  const values = criteria.steps.map((s) => parseDecimal(s.points));
  const negative = criteria.steps
    .filter((_, i) => decimalSign(values[i] as Decimal) < 0)
    .map((s) => s.step);
  if (negative.length > 0) {
    out.push({
      code: 'negative_points',
      message: `step ${negative.join(', ')} has negative points`,
      steps: negative,
    });
  }
  const total = sumDecimal(values);
  if (compareDecimal(total, { coefficient: 100n, scale: 0 }) !== 0) {
    out.push({
      code: 'points_total_not_100',
      message: `the step points add up to ${decimalToString(total)}, not 100`,
      steps: numbers,
    });
  }
  return out;
}
