import { z } from 'zod';
import { describeTextProblem, normalizeThai, ROLES, textProblem } from '@pbis/core';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/**
 * A one-line name as it is stored: no control characters, format characters (zero-width, bidi
 * overrides) removed, spaces folded, NFC — and, when `min` is 1, not empty after all that.
 */
export const nameText = (max: number, min = 1) =>
  z
    .string()
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: 'custom', message: describeTextProblem(problem) });
    })
    .transform(normalizeThai)
    .pipe(
      z
        .string()
        .min(min, min > 0 ? 'is empty (invisible characters do not count)' : undefined)
        .max(max),
    );

export const roleSchema = z.enum(ROLES);
export const uuidParam = z.object({ id: z.string().uuid() });
export const versionField = z
  .number()
  .int()
  .min(1)
  .describe('the version you read; a stale one gets 409');

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  unitId: z.string().nullable(),
  unitCode: z.string().nullable(),
  unitNameTh: z.string().nullable(),
  unitNameEn: z.string().nullable(),
  analysisDivisionNo: z.number().nullable(),
  mustChangePassword: z.boolean(),
});

/** Common error responses for the OpenAPI document. */
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [c, errorSchema]));
