import { allocateLargestRemainder } from '../money.js';

/** An even monthly plan of a total over 12 fiscal months: parts that add up to it exactly. */
export function evenPlanSatang(total: bigint, months = 12): bigint[] {
  if (total === 0n) return Array.from({ length: months }, () => 0n);
  return allocateLargestRemainder(
    total,
    Array.from({ length: months }, () => 1),
  );
}
