/** The scoring entry points: one result against one criteria definition, and definition checks. */
import { AppError } from '../errors.js';
import { parseDecimal, type Decimal } from '../decimal.js';
import { scoreBands, validateBands } from './bands.js';
import { scoreLinear, validateLinear } from './linear.js';
import { scoreMilestone, validateMilestone } from './milestone.js';
import type { Criteria } from './schema.js';
import { scoreStepSum, validateStepSum } from './step-sum.js';
import type { CriteriaWarning, ScoreOutcome } from './types.js';

/** A result as typed by a user or given in JSON. step_sum also takes a list of step numbers. */
export type ResultInput = string | number | readonly number[];

function numericResult(result: ResultInput): { x: Decimal; shown: string } {
  if (typeof result !== 'string' && typeof result !== 'number') {
    throw new AppError('validation', 'the result must be a number', { result });
  }
  const shown = String(result).trim();
  try {
    return { x: parseDecimal(result), shown };
  } catch (e) {
    throw new AppError('validation', `invalid result: ${(e as Error).message}`, { result: shown });
  }
}

/**
 * Scores one result against criteria (SPEC §4): milestone → number of steps done; bands and linear →
 * a decimal; step_sum → the steps done ("1,2,3"). A malformed result is AppError('validation'); a
 * result in a gap, in two bands, out of range or naming an unknown step is AppError('business_rule')
 * with a reason naming the bands around it.
 */
export function scoreResult(criteria: Criteria, result: ResultInput): ScoreOutcome {
  switch (criteria.kind) {
    case 'step_sum':
      return scoreStepSum(criteria, result);
    case 'milestone': {
      const { x, shown } = numericResult(result);
      return scoreMilestone(criteria, x, shown);
    }
    case 'bands': {
      const { x, shown } = numericResult(result);
      return scoreBands(criteria, x, shown);
    }
    case 'linear': {
      const { x, shown } = numericResult(result);
      return scoreLinear(criteria, x, shown);
    }
    default:
      throw new AppError(
        'validation',
        `unknown criteria kind: ${String((criteria as { kind?: unknown }).kind)}`,
      );
  }
}

/**
 * Findings about a (schema-valid) criteria definition for the UI: gaps and overlaps between bands,
 * levels out of order, points not increasing with level, milestone levels missing, step problems.
 * An empty list means the definition is sound.
 */
export function validateCriteria(criteria: Criteria): CriteriaWarning[] {
  switch (criteria.kind) {
    case 'milestone':
      return validateMilestone(criteria);
    case 'bands':
      return validateBands(criteria);
    case 'step_sum':
      return validateStepSum(criteria);
    case 'linear':
      return validateLinear(criteria);
    default:
      throw new AppError(
        'validation',
        `unknown criteria kind: ${String((criteria as { kind?: unknown }).kind)}`,
      );
  }
}
