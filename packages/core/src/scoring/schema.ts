/**
 * Zod schemas of the scoring criteria (SPEC §4). A criteria object is JSON with a `kind`; numbers
 * may be JSON numbers or decimal strings ("2.00"). The parsed `Criteria` stays JSON (it is what is
 * stored and returned by the API); the engine converts numbers to exact decimals when it scores.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { parseDecimal } from '../decimal.js';

function isDecimalText(s: string): boolean {
  try {
    parseDecimal(s);
    return true;
  } catch {
    return false;
  }
}

/** A number as a JSON number or a decimal string ("3.22", "๓.๒๒"). */
export const decimalValueSchema = z.union([
  z.number(),
  z.string().refine(isDecimalText, { message: 'not a decimal number' }),
]);

const label = z.string().max(2000).optional();
const level = z.number().int().min(0).max(1000);

export const milestoneLevelSchema = z.object({
  level: level.min(1),
  points: decimalValueSchema,
  label,
});
export const milestoneCriteriaSchema = z.object({
  kind: z.literal('milestone'),
  levels: z.array(milestoneLevelSchema).min(1).max(100),
});

export const bandSchema = z.object({
  level,
  points: decimalValueSchema,
  /** Lower bound; missing = unbounded. */
  min: decimalValueSchema.optional(),
  /** Default true. */
  minInclusive: z.boolean().optional(),
  /** Upper bound; missing = unbounded. */
  max: decimalValueSchema.optional(),
  /** Default false (bands are [min, max) unless told otherwise). */
  maxInclusive: z.boolean().optional(),
  label,
});
export const bandsCriteriaSchema = z.object({
  kind: z.literal('bands'),
  bands: z.array(bandSchema).min(1).max(100),
});

export const stepSchema = z.object({
  step: z.number().int().min(1).max(1000),
  points: decimalValueSchema,
  label,
});
export const stepSumCriteriaSchema = z.object({
  kind: z.literal('step_sum'),
  steps: z.array(stepSchema).min(1).max(100),
});

export const linearPointSchema = z.object({ x: decimalValueSchema, score: decimalValueSchema });
export const linearCriteriaSchema = z.object({
  kind: z.literal('linear'),
  points: z.array(linearPointSchema).min(2).max(100),
  /** Outside the first/last x: true → the first/last score; false (default) → an error. */
  clamp: z.boolean().optional(),
  /** Decimals of the interpolated score, rounded half-up. Default 3 (as the seed prints scores). */
  decimals: z.number().int().min(0).max(10).optional(),
});

export const criteriaSchema = z.discriminatedUnion('kind', [
  milestoneCriteriaSchema,
  bandsCriteriaSchema,
  stepSumCriteriaSchema,
  linearCriteriaSchema,
]);

export type DecimalValue = z.infer<typeof decimalValueSchema>;
export type MilestoneCriteria = z.infer<typeof milestoneCriteriaSchema>;
export type Band = z.infer<typeof bandSchema>;
export type BandsCriteria = z.infer<typeof bandsCriteriaSchema>;
export type StepSumCriteria = z.infer<typeof stepSumCriteriaSchema>;
export type LinearCriteria = z.infer<typeof linearCriteriaSchema>;
export type Criteria = z.infer<typeof criteriaSchema>;
export type CriteriaKind = Criteria['kind'];

/** Validates criteria JSON; a malformed definition is AppError('validation') listing every problem. */
export function parseCriteria(json: unknown): Criteria {
  const parsed = criteriaSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : 'criteria'}: ${i.message}`,
  );
  throw new AppError('validation', `invalid scoring criteria: ${problems.join('; ')}`, {
    issues: parsed.error.issues,
  });
}
