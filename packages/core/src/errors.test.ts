import { describe, expect, it } from 'vitest';
import { APP_ERROR_STATUS, AppError, isAppError, staleVersion } from './errors.js';

describe('AppError', () => {
  it.each(Object.entries(APP_ERROR_STATUS))('%s maps to HTTP %i', (code, status) => {
    expect(new AppError(code as keyof typeof APP_ERROR_STATUS, 'x').status).toBe(status);
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
