import type { TFunction } from 'i18next';
import { APP_ERROR_STATUS, PASSWORD_MIN_DISTINCT, PASSWORD_MIN_LENGTH } from '@pbis/core';
import type { ErrorCode, FieldError } from '@pbis/contract';
import { ApiError } from './api';
import { MODULES } from './modules';

/*
 * What the user reads about an error: the words for its code (errors.codes.*) and for its reason
 * (errors.reasons.*), in the page's language, with the numbers the server sent (minutes left,
 * attempts left, the code that is taken). The server's own `message` is an English sentence for
 * logs and curl: it is never shown. A test checks that every code and reason has both languages.
 */

export interface ErrorText {
  title: string;
  detail: string | null;
}

type Params = Record<string, unknown>;

// Runtime values come from @pbis/core: importing the contract's values would bring zod to the browser.
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.keys(APP_ERROR_STATUS) satisfies string[]);
const isErrorCode = (c: string): c is ErrorCode => KNOWN_CODES.has(c);

/**
 * Where a reason's words are: the shared strings (the foundation's reasons), then each module's
 * namespace — a module keeps the words of its own reasons in its i18n/th.json and en.json, under
 * `errors.reasons`.
 */
export const REASON_NAMESPACES: readonly string[] = ['translation', ...MODULES.map((m) => m.id)];

/** The message of a reason, or '' when the web has none (a reason newer than this build). */
const reasonText = (t: TFunction, reason: string, params: Params): string =>
  t(`errors.reasons.${reason}`, { ...params, ns: [...REASON_NAMESPACES], defaultValue: '' });

const asRecord = (v: unknown): Params =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Params) : {};

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** The values a message may name, from the error's details and a field's params. */
function messageParams(details: Params, params: Params): Params {
  const all = { ...details, ...params };
  const seconds = num(all.retryAfterSeconds);
  const minutes =
    num(all.retryAfterMinutes) ?? (seconds !== undefined ? Math.ceil(seconds / 60) : undefined);
  return {
    min: PASSWORD_MIN_LENGTH,
    distinct: PASSWORD_MIN_DISTINCT,
    ...all,
    minutes: minutes ?? 15,
    seconds: seconds ?? (minutes !== undefined ? minutes * 60 : 60),
    values: Array.isArray(all.values) ? all.values.join(', ') : all.values,
  };
}

/** A password problem as the contract names it (`password_too_short`; core says `too_short`). */
const passwordReason = (p: unknown): string | null =>
  typeof p === 'string' ? (p.startsWith('password_') ? p : `password_${p}`) : null;

/** The words for one reason, with its numbers; null for a reason the web does not know. */
export function reasonMessage(
  t: TFunction,
  reason: string | undefined,
  details: unknown = {},
  params: unknown = {},
): string | null {
  if (!reason) return null;
  const d = asRecord(details);
  const p = messageParams(d, asRecord(params));
  if (reason === 'weak_password') {
    const listed = Array.isArray(d.problems)
      ? d.problems
      : Array.isArray(p.problems)
        ? p.problems
        : [];
    const problems = listed
      .map(passwordReason)
      .map((r) => (r ? reasonText(t, r, p) : ''))
      .filter(Boolean);
    if (problems.length > 0) return problems.join(' ');
  }
  const text = reasonText(t, reason, p);
  if (!text) return null;
  const attemptsLeft = num(d.attemptsLeft);
  if (reason === 'wrong_credentials' && attemptsLeft !== undefined && attemptsLeft <= 2)
    return `${text} ${t('errors.attemptsLeft', { count: attemptsLeft, ns: 'translation' })}`;
  return text;
}

/** A user-facing message for any error: a title for its kind, and what exactly went wrong. */
export function describeError(t: TFunction, err: unknown): ErrorText {
  if (err instanceof ApiError) {
    const code = isErrorCode(err.code) ? err.code : 'internal';
    const title = t(`errors.codes.${code}`, { ns: 'translation' });
    const details = asRecord(err.details);
    const own = reasonMessage(t, err.reason, details);
    const fields = fieldList(err)
      .map((f) => reasonMessage(t, f.reason, details, f.params))
      .filter((m): m is string => m !== null && m !== own);
    const detail = [own, ...new Set(fields)].filter(Boolean).join(' ');
    return { title, detail: detail || null };
  }
  if (err instanceof TypeError)
    return { title: t('errors.network', { ns: 'translation' }), detail: null };
  return { title: t('errors.codes.internal', { ns: 'translation' }), detail: null };
}

function fieldList(err: ApiError): FieldError[] {
  const fields = asRecord(err.details).fields;
  return Array.isArray(fields)
    ? fields.filter(
        (f): f is FieldError =>
          typeof (f as FieldError | null)?.path === 'string' &&
          typeof (f as FieldError | null)?.reason === 'string',
      )
    : [];
}

/**
 * The errors about single fields (`details.fields[]`), as { field: message } for a form to show
 * under each field (`form.setErrors(fieldErrors(err, t))`). `rename` maps the API's field path to
 * the form's own field name where they differ. An error of no field gives {}.
 */
export function fieldErrors(
  err: unknown,
  t: TFunction,
  rename: Record<string, string> = {},
): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const f of fieldList(err)) {
    const name = rename[f.path] ?? f.path;
    const message = reasonMessage(t, f.reason, err.details, f.params);
    if (message && !(name in out)) out[name] = message;
  }
  return out;
}

/** Whether the error is only about fields that `fieldErrors` shows (no alert needed above the form). */
export function onlyFieldErrors(err: unknown, shown: readonly string[]): boolean {
  if (!(err instanceof ApiError)) return false;
  const fields = fieldList(err);
  return fields.length > 0 && fields.every((f) => shown.includes(f.path));
}
