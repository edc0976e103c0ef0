import { z } from 'zod';
import { ROLES } from '@pbis/core';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

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
