import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Role, User } from '../../app/types';

export const usersKey = ['users'] as const;

export interface UserQuery {
  q?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
}

export interface UserScope {
  role: Role;
  unitId: string | null;
  analysisDivisionNo: number | null;
}

export interface NewUser extends UserScope {
  username: string;
  displayName: string;
  password?: string;
}

export interface UserPatch extends Partial<UserScope> {
  displayName?: string;
  active?: boolean;
}

export function useUsers(q: UserQuery) {
  return useQuery({
    queryKey: [...usersKey, q],
    queryFn: ({ signal }) =>
      api<{ items: User[] }>('/users', {
        signal,
        query: {
          q: q.q,
          role: q.role,
          active: q.active === undefined ? undefined : String(q.active),
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useUserMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: usersKey });
  return {
    create: useMutation({
      mutationFn: (u: NewUser) =>
        api<{ user: User; temporaryPassword?: string }>('/users', { method: 'POST', body: u }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: (v: { user: User; patch: UserPatch }) =>
        api<User>(`/users/${v.user.id}`, {
          method: 'PATCH',
          body: { version: v.user.version, ...v.patch },
        }),
      onSuccess,
    }),
    resetPassword: useMutation({
      mutationFn: (u: User) =>
        api<{ temporaryPassword?: string }>(`/users/${u.id}/reset-password`, {
          method: 'POST',
          body: {},
        }),
      onSuccess,
    }),
    unlock: useMutation({
      mutationFn: (u: User) => api<void>(`/users/${u.id}/unlock`, { method: 'POST', body: {} }),
      onSuccess,
    }),
  };
}
