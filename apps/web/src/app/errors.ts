import type { TFunction } from 'i18next';
import { ApiError } from './api';

export interface ErrorText {
  title: string;
  detail: string | null;
}

const KNOWN = new Set([
  'validation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'business_rule',
  'locked',
  'rate_limited',
  'payload_too_large',
  'unsupported_media_type',
]);

/** A user-facing Thai/English message for an error, with the server's own message as detail. */
export function describeError(t: TFunction, err: unknown): ErrorText {
  if (err instanceof ApiError) {
    const key = err.isStale
      ? 'stale'
      : err.isPasswordChangeRequired
        ? 'passwordChangeRequired'
        : KNOWN.has(err.code)
          ? err.code
          : 'unknown';
    return {
      title: t(`errors.${key}`),
      detail: err.message ? t('errors.detail', { message: err.message }) : null,
    };
  }
  if (err instanceof TypeError) return { title: t('errors.network'), detail: err.message };
  return { title: t('errors.unknown'), detail: err instanceof Error ? err.message : null };
}
