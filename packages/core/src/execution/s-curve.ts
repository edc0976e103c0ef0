/**
 * The S-curve of a line or a unit: monthly amounts (fiscal months, October first), their running
 * totals, and those totals as a percentage of a base. Exact on satang.
 */
import { AppError } from '../errors.js';
import { allocateLargestRemainder, ratioPercent } from '../money.js';

/** Running totals of monthly amounts: [a, b, c] → [a, a+b, a+b+c]. */
export function cumulative(monthly: readonly bigint[]): bigint[] {
  let total = 0n;
  return monthly.map((m) => (total += m));
}

/**
 * An even plan of `totalSatang` over `months` months (default 12): parts that differ by at most
 * one satang and add up to the total exactly (largest remainder: earlier months get the extra).
 */
export function evenPlan(totalSatang: bigint, months = 12): bigint[] {
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new AppError('validation', `months must be a whole number from 1 to 120, got ${months}`);
  }
  return allocateLargestRemainder(
    totalSatang,
    Array.from({ length: months }, () => 1),
  );
}

/** Each running total as a percentage of `base`, 3 decimals half-up ("75.000"); all null when base is 0. */
export function percentCurve(cumulativeSatang: readonly bigint[], base: bigint): (string | null)[] {
  return cumulativeSatang.map((c) => (base === 0n ? null : ratioPercent(c, base, 3)));
}
