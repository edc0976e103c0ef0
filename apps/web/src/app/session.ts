import { queryOptions } from '@tanstack/react-query';
import { ApiError, authApi } from './api';
import type { Session } from './types';

export const SESSION_KEY = ['session'] as const;

async function fetchSession(signal: AbortSignal): Promise<Session | null> {
  try {
    return await authApi.me(signal);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

/** The signed-in session, or null when signed out (shared by the auth provider and the route guards). */
export const sessionQuery = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: 5 * 60_000,
  retry: false,
});

/** Where a user goes after sign-in. */
export function landingFor(session: Session, redirect: string | undefined): string {
  if (session.user.mustChangePassword) return '/account';
  return redirect ?? '/organization';
}
