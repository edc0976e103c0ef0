import { z } from 'zod';
import { ERROR_CODES, ERROR_REASONS } from './constants.js';
import type { ErrorReason } from './constants.js';

/**
 * Every error the API answers has one shape (ADR 0007):
 *
 *   { "error": { "code": "conflict", "message": "unit code 1004 already exists",
 *                "details": { "reason": "unit_code_taken", "code": "1004",
 *                             "fields": [{ "path": "code", "reason": "unit_code_taken",
 *                                          "params": { "code": "1004" } }] } } }
 *
 * `code` (below, with its HTTP status) says what kind of refusal it is; `details.reason` says which
 * one, in words a program can switch on; `details.fields` names the fields at fault, so a form shows
 * each message on its field. `message` is an English sentence for logs, the CLI and curl — a user
 * interface shows its own words for the code and reason, never the message.
 */

export const isErrorReason = (v: unknown): v is ErrorReason =>
  typeof v === 'string' && (ERROR_REASONS as readonly string[]).includes(v);

/** One field at fault: `path` is the field's dotted path in the body or query (`unitCode`, `items.0.code`). */
export const fieldErrorSchema = z.object({
  path: z.string(),
  reason: z.enum(ERROR_REASONS),
  params: z.record(z.string(), z.unknown()).optional(),
});
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const errorDetailsSchema = z
  .object({
    reason: z.enum(ERROR_REASONS).optional(),
    fields: z.array(fieldErrorSchema).optional(),
  })
  .loose();
export type ErrorDetails = z.infer<typeof errorDetailsSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    details: errorDetailsSchema.optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** `details` for an error about one field: the reason at the top and on the field. */
export function fieldDetails(
  path: string,
  reason: ErrorReason,
  params?: Record<string, unknown>,
): { reason: ErrorReason; fields: FieldError[] } & Record<string, unknown> {
  return {
    reason,
    ...params,
    fields: [params ? { path, reason, params } : { path, reason }],
  };
}
