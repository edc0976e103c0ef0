import type { Session } from '@pbis/contract';

const BASE = '/api/v1';
const CSRF_COOKIE = 'pbis_csrf';
const CSRF_HEADER = 'x-csrf-token';

let csrfToken: string | null = null;

/** Remember the token of the current session (from sign-in or /auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function csrfFromCookie(): string | null {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return hit ? decodeURIComponent(hit.slice(CSRF_COOKIE.length + 1)) : null;
}

/** An error answer of the API: `{error:{code,message,details?}}` with its HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly method: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, method: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.method = method;
    this.details = details;
  }
  /** The server's machine-readable cause (`details.reason`), e.g. `stale_version`. */
  get reason(): string | undefined {
    const r = (this.details as { reason?: unknown } | null | undefined)?.reason;
    return typeof r === 'string' ? r : undefined;
  }
  /** A 409 caused by a stale `version` (someone else saved first), not by a duplicate. */
  get isStale(): boolean {
    return this.status === 409 && this.reason === 'stale_version';
  }
  /** A 403 because the user must replace an administrator-set password first. */
  get isPasswordChangeRequired(): boolean {
    return this.status === 403 && this.reason === 'password_change_required';
  }
}

/** Whether an error means "change your password first" (the app is already sending the user there). */
export const isPasswordChangeRequired = (e: unknown): boolean =>
  e instanceof ApiError && e.isPasswordChangeRequired;

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** What the server can say about the session on any call. */
export type SessionSignal = 'unauthorized' | 'password_change_required';

/** Listeners told when the server says the session is gone (401) or must change its password (403). */
const sessionListeners = new Set<(signal: SessionSignal) => void>();
export function onSessionSignal(fn: (signal: SessionSignal) => void): () => void {
  sessionListeners.add(fn);
  return () => sessionListeners.delete(fn);
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const token = csrfToken ?? csrfFromCookie();
    if (token) headers[CSRF_HEADER] = token;
  }
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (opts.body !== undefined) init.body = JSON.stringify(opts.body);
  if (opts.signal) init.signal = opts.signal;
  const res = await fetch(withQuery(`${BASE}${path}`, opts.query), init);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };
    const err = (data as ErrorBody | undefined)?.error;
    const apiError = new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
      method,
      err?.details,
    );
    if (
      res.status === 401 &&
      !path.startsWith('/auth/login') &&
      !path.startsWith('/auth/password')
    ) {
      sessionListeners.forEach((fn) => fn('unauthorized'));
    }
    if (apiError.isPasswordChangeRequired) {
      sessionListeners.forEach((fn) => fn('password_change_required'));
    }
    throw apiError;
  }
  return data as T;
}

export const authApi = {
  me: (signal?: AbortSignal) => api<Session>('/auth/me', signal ? { signal } : {}),
  login: (username: string, password: string) =>
    api<Session>('/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => api<void>('/auth/logout', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<void>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};
