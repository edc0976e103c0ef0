/** The single application error. `code` maps to an HTTP status in the server and an exit code in the CLI. */
export type AppErrorCode =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409 (duplicate, stale version)
  | 'locked' // 423 (account locked, period locked)
  | 'business_rule' // 422
  | 'rate_limited' // 429
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'internal'; // 500

export const APP_ERROR_STATUS: Record<AppErrorCode, number> = {
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
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: unknown;
  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** The 409 of optimistic concurrency: someone saved a newer version since it was read. */
export function staleVersion(
  entity: string,
  yourVersion: number,
  currentVersion?: number,
): AppError {
  const current = currentVersion === undefined ? '' : `, current ${currentVersion}`;
  return new AppError(
    'conflict',
    `${entity} was changed by someone else (your version ${yourVersion}${current}); reload and try again`,
    { reason: 'stale_version', currentVersion: currentVersion ?? null },
  );
}
