import { z } from 'zod';
import { APP_ERROR_STATUS, type AppErrorCode } from '@pbis/core';

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

export const ERROR_CODES = [
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'business_rule',
  'locked',
  'rate_limited',
  'internal',
] as const satisfies readonly AppErrorCode[];
export type ErrorCode = (typeof ERROR_CODES)[number];
/** HTTP status of each code (from @pbis/core). */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = APP_ERROR_STATUS;

/*
 * Every machine-readable reason the server sends, in `details.reason` or in a field error's
 * `reason`. The web has a Thai and an English message for each (a test checks it); the contract
 * test checks that every `reason: '…'` the server writes is here. Add a reason here first.
 */
export const ERROR_REASONS = [
  // --- the request itself (any route) ---
  'invalid_request', // a body, query or path that fails its schema: see details.fields
  'invalid_json', // the body is not JSON
  'too_deeply_nested', // a JSON body nested too deep
  'control_character', // a control character (NUL …) in a value
  'invalid_unicode', // a lone surrogate in a value
  'malformed_url', // a bad percent-encoding in the address
  'malformed_multipart', // an upload cut short
  'no_route', // no such address
  // --- field rules (the reason of one entry of details.fields) ---
  'required',
  'invalid_type',
  'too_short', // params.minimum (characters)
  'too_long', // params.maximum (characters)
  'too_small', // params.minimum (a number)
  'too_big', // params.maximum (a number)
  'invalid_format', // a pattern (unit code, username …), an e-mail, a date
  'invalid_option', // not one of an enum's values: params.values
  'unknown_field',
  // --- database refusals that reach a user ---
  'duplicate', // a unique constraint: params.constraint
  'still_referenced', // a foreign key
  'violates_rule', // a check constraint
  'value_too_long', // the database's own length limit
  // --- signing in and sessions ---
  'wrong_credentials', // 401: details.attemptsLeft (failures before the account locks)
  'not_signed_in', // 401: no session, or it expired
  'account_locked', // 423: details.retryAfterMinutes
  'address_throttled', // 429: details.retryAfterSeconds
  'too_many_sign_ins', // 429 (requests per minute from one address): details.retryAfterSeconds
  'role_forbidden', // 403: the role may not do this
  'csrf_mismatch', // 403: missing or wrong x-csrf-token
  'password_change_required', // 403: change the password set by an administrator first
  // --- passwords (a field error on password / newPassword; details.problems lists them) ---
  'weak_password', // details.problems: the password_* reasons below
  'password_too_short', // params.min
  'password_too_long', // params.max
  'password_too_few_distinct', // params.distinct
  'password_common',
  'password_sequence',
  'password_contains_username',
  'wrong_current_password', // field currentPassword
  'same_password', // field newPassword
  // --- users ---
  'username_taken', // field username: params.username
  'unit_required', // a unit officer needs a unit: field unitId
  'division_required', // a budget analyst needs an analysis division: field analysisDivisionNo
  'no_such_unit', // field unitCode or unitId: params.code
  'no_such_division', // field analysisDivisionNo: params.no
  'cannot_disable_self',
  'cannot_demote_self', // an admin cannot remove their own admin role
  'last_admin', // at least one active admin must remain
  'user_not_found',
  // --- organisation ---
  'unit_code_taken', // field code: params.code
  'unit_name_taken', // field nameTh: params.name, params.code (the unit that has it)
  'unit_not_found',
  'stale_version', // 409: details.currentVersion
  // --- fiscal years and periods ---
  'not_a_fiscal_year', // params.input
  'common_era_year', // params.suggestion (the Buddhist-era year meant)
  'fiscal_year_out_of_range', // params.min, params.max
  'fiscal_year_exists', // 409: field year, params.year
  'fiscal_year_missing', // 422: a write into a fiscal year not created: details.fiscalYear
  'period_locked', // 423: details.fiscalYear, details.month (0: the whole year is closed)
  // --- imports and exports ---
  'unknown_import_kind', // 404: params.kind
  'import_rejected', // details.errors [{line, reason}], total, more
  'import_not_multipart',
  'import_no_file',
  'import_file_too_large', // params.maxBytes
  'import_unreadable', // the file cannot be read as CSV, XLSX or JSON
  'import_concurrent', // the same file imported at the same moment by another request
  'import_refused_by_database', // details.sqlState
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

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
