import { useEffect, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, authApi, onSessionSignal, setCsrfToken } from './api';
import { SESSION_KEY, sessionQuery } from './session';
import type { Me, Session } from '@pbis/contract';

/**
 * Keeps the CSRF token in step with the session, drops the session when the server says 401, and
 * marks it "must change password" when the server refuses a call for that reason (403), so the
 * signed-in layout sends the user to /account.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const session = useQuery(sessionQuery);
  useEffect(() => setCsrfToken(session.data?.csrfToken ?? null), [session.data]);
  useEffect(
    () =>
      onSessionSignal((signal) => {
        const s = qc.getQueryData<Session | null>(SESSION_KEY);
        if (!s) return;
        if (signal === 'unauthorized') {
          setCsrfToken(null);
          qc.setQueryData(SESSION_KEY, null);
        } else if (!s.user.mustChangePassword) {
          qc.setQueryData(SESSION_KEY, { ...s, user: { ...s.user, mustChangePassword: true } });
        }
      }),
    [qc],
  );
  return children;
}

const dropOtherQueries = (qc: ReturnType<typeof useQueryClient>) =>
  qc.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });

/**
 * The session read straight from the query cache (each caller subscribes itself, so a page that
 * mounts right after sign-in sees the new session at once), with the sign-in/out actions.
 */
export function useAuth() {
  const qc = useQueryClient();
  const session = useQuery(sessionQuery);
  const me: Me | null | undefined = session.isPending ? undefined : (session.data?.user ?? null);
  return {
    me,
    signIn: async (username: string, password: string): Promise<Me> => {
      const s = await authApi.login(username, password);
      setCsrfToken(s.csrfToken);
      dropOtherQueries(qc);
      qc.setQueryData(SESSION_KEY, s);
      return s.user;
    },
    signOut: async (): Promise<void> => {
      try {
        await authApi.logout();
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 401)) throw e;
      }
      setCsrfToken(null);
      qc.setQueryData(SESSION_KEY, null);
      dropOtherQueries(qc);
    },
    /** After the user changed their own password. */
    passwordChanged: () => {
      const s = qc.getQueryData<Session | null>(SESSION_KEY);
      if (!s) return;
      // Calls refused while the password had to change are fetched afresh.
      if (s.user.mustChangePassword) dropOtherQueries(qc);
      qc.setQueryData(SESSION_KEY, { ...s, user: { ...s.user, mustChangePassword: false } });
      void qc.invalidateQueries({ queryKey: SESSION_KEY });
    },
  };
}

/** The signed-in user; only for pages inside the signed-in layout. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
