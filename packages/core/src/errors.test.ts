import { describe, expect, it } from 'vitest';
import { APP_ERROR_STATUS, AppError, isAppError, staleVersion } from './errors.js';

describe('AppError', () => {
  it('maps each code to the HTTP status the API promises (written out, not read from the table)', () => {
    const statusOf = Object.fromEntries(
      Object.keys(APP_ERROR_STATUS).map((code) => [
        code,
        new AppError(code as keyof typeof APP_ERROR_STATUS, 'x').status,
      ]),
    );
    expect(statusOf).toEqual({
      validation: 400,
      unauthenticated: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      payload_too_large: 413,
      unsupported_media_type: 415,
      business_rule: 422,
      locked: 423,
      rate_limited: 429,
      internal: 500,
    });
  });
  it('is recognised and carries details', () => {
    const e = new AppError('validation', 'bad', { line: 3 });
    expect(isAppError(e)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(e.details).toEqual({ line: 3 });
    expect(e.name).toBe('AppError');
  });
  it('staleVersion is a 409 that says so', () => {
    const e = staleVersion('user', 2, 3);
    expect(e.status).toBe(409);
    expect(e.message).toBe(
      'user was changed by someone else (your version 2, current 3); reload and try again',
    );
    expect(e.details).toEqual({ reason: 'stale_version', currentVersion: 3 });
    expect(staleVersion('unit', 1).details).toEqual({
      reason: 'stale_version',
      currentVersion: null,
    });
  });
});
