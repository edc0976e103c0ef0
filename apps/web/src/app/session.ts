import { queryOptions } from '@tanstack/react-query';
import { ApiError, authApi } from './api';
import type { Session } from '@pbis/contract';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    // No abort signal: the route guard awaits this same fetch, and a component that unmounts
    // (React StrictMode mounts twice) must not cancel it under the guard.
    return await authApi.me();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The signed-in session, or null when signed out (shared by the auth provider and the route guards). */
export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
  retry: false,
});

/** A same-site path to return to after sign-in, or undefined (never another site, never /login). */
export function safeRedirect(v: unknown): string | undefined {
  return typeof v === 'string' &&
    v.startsWith('/') &&
    !v.startsWith('//') &&
    !v.startsWith('/login')
    ? v
    : undefined;
}

/** Where a user goes after sign-in: the page they asked for, else the home page. */
export function landingFor(session: Session, redirect: string | undefined): string {
  if (session.user.mustChangePassword) return '/account';
  return redirect ?? '/';
}
