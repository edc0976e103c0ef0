/** Weighted scores (score × weight ÷ 100, half-up to 3 decimals) and composites of components. */
import { AppError } from '../errors.js';
import {
  compareDecimal,
  decimalSign,
  decimalToString,
  divideDecimal,
  multiplyDecimal,
  sumDecimal,
  toDecimal,
  type DecimalInput,
} from '../decimal.js';

const HUNDRED = { coefficient: 100n, scale: 0 };

/** score × weight ÷ 100 rounded half-up to 3 decimals: (92.820, 10) → "9.282"; (100, 10) → "10.000". */
export function weightedScore(score: DecimalInput, weight: DecimalInput): string {
  return decimalToString(
    divideDecimal(multiplyDecimal(toDecimal(score), toDecimal(weight)), HUNDRED, 3),
  );
}

export interface ScoreComponent {
  readonly weight: DecimalInput;
  readonly score: DecimalInput;
}

export interface CompositeScore {
  /** Sum of the components' weighted scores as printed (each already rounded to 3 decimals). */
  readonly total: string;
  readonly totalWeight: string;
  readonly components: readonly { weight: string; score: string; weightedScore: string }[];
}

/**
 * Weighted scores of components and their total. The weights must be ≥ 0 and add up to
 * `expectedTotalWeight` (default 100), else AppError('business_rule'). The total is the sum of the
 * rounded weighted scores, so a printed table adds up.
 */
export function compositeScore(
  components: readonly ScoreComponent[],
  options: { expectedTotalWeight?: DecimalInput } = {},
): CompositeScore {
  if (components.length === 0) throw new AppError('validation', 'no components to combine');
  const rows = components.map((c, i) => {
    const weight = toDecimal(c.weight);
    const score = toDecimal(c.score);
    if (decimalSign(weight) < 0)
      throw new AppError('validation', `component ${i + 1} has a negative weight`);
    return { weight, score, weighted: divideDecimal(multiplyDecimal(score, weight), HUNDRED, 3) };
  });
  const totalWeight = sumDecimal(rows.map((r) => r.weight));
  const expected = toDecimal(options.expectedTotalWeight ?? 100);
  if (compareDecimal(totalWeight, expected) !== 0) {
    throw new AppError(
      'business_rule',
      `the weights add up to ${decimalToString(totalWeight)}, not ${decimalToString(expected)}`,
      { totalWeight: decimalToString(totalWeight) },
    );
  }
  return {
    total: decimalToString(sumDecimal(rows.map((r) => r.weighted))),
    totalWeight: decimalToString(totalWeight),
    components: rows.map((r) => ({
      weight: decimalToString(r.weight),
      score: decimalToString(r.score),
      weightedScore: decimalToString(r.weighted),
    })),
  };
}
