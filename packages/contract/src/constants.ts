// Plain constants of the contract, without zod: the web imports these as values, and a
// browser bundle that only needs a list of unit kinds or error reasons does not carry zod.
import { APP_ERROR_STATUS, type AppErrorCode } from '@pbis/core';

// --- common ---
/** Analysis divisions of the Budget Office (กองวิเคราะห์งบประมาณ 1–6). */
export const ANALYSIS_DIVISION_NOS = [1, 2, 3, 4, 5, 6] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
/** Paging of a long list: `limit` rows from `offset`; the answer says the `total`. */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

// --- org ---
/** Kinds of receiving unit (หน่วยรับงบประมาณ). */
export const UNIT_KINDS = ['department', 'district_office', 'enterprise', 'university'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
/** What the units list sorts by. */
export const UNIT_SORTS = ['nameTh', 'nameEn', 'code', 'kind', 'analysisDivisionNo'] as const;
export type UnitSort = (typeof UNIT_SORTS)[number];
/** A unit code: letters, digits, dot, dash or underscore; at most 20. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9._-]+$/;
export const UNIT_CODE_MAX_LENGTH = 20;
export const UNIT_NAME_MAX_LENGTH = 200;

// --- users ---
/** A username: 3–64 letters, digits, dot, dash, underscore or @. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 64;
export const DISPLAY_NAME_MAX_LENGTH = 200;
/**
 * What the users list filters by: `active` (enabled, not locked), `disabled`, `locked` (a sign-in
 * lockout in force) and `must_change_password` (a password set by an administrator, not yet changed).
 */
export const USER_STATUSES = ['active', 'disabled', 'locked', 'must_change_password'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

// --- errors ---
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
  // --- budget execution ---
  'budget_line_not_found', // 404: no such line in your scope
  'insufficient_balance', // 422: details.lines [{lineId, requestedBaht, availableBaht}]
  'obligation_not_found', // 422: the obligation a payment names does not exist on its line
  // --- plans, indicators, results and work plans ---
  'plan_not_found', // 404: no such action plan in your scope
  'plan_exists', // 409: the unit already has a plan for that year (details.planId)
  'project_not_found', // 404
  'indicator_not_found', // 404
  'result_not_found', // 404
  'evidence_not_found', // 404
  'anchor_not_found', // 422: the goal, measure, mission task or parent named is not in the plan
  'invalid_criteria', // 400: details.problems
  'indicator_computed', // 422: a computed indicator's results come from its source, not typed
  'invalid_period', // 400: a period number outside its kind (month 1–12, quarter 1–4, year 0)
  'evidence_no_file', // 400: no file in the multipart field "file"
  'evidence_too_large', // 413: params.maxBytes
  'evidence_type_not_allowed', // 415: params.contentType, params.allowed
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

// --- imports ---
export const IMPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_ENCODINGS = ['utf-8', 'windows-874', 'xlsx'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

// --- audit ---
/** GET /activity: the newest changes in the caller's scope (home page). */
export const ACTIVITY_LIMIT_DEFAULT = 20;
