import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PAGE_LIMIT_MAX,
  type CreatedUser,
  type ResetPasswordResult,
  type Role,
  type User,
  type UserList,
  type UserStatus,
} from '@pbis/contract';
import { api } from '../../app/api';

export const usersKey = ['users'] as const;

export interface UserFilters {
  role?: Role | undefined;
  status?: UserStatus | undefined;
}

/** One page of the users list (the server filters by role and status and counts the total). */
export function useUsersPage(f: UserFilters, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...usersKey, 'page', f, page],
    queryFn: ({ signal }) =>
      api<UserList>('/users', {
        signal,
        query: { role: f.role, status: f.status, limit: page.limit, offset: page.offset },
      }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Every user with the filters, fetched page by page: a search runs in the browser over them
 * (`forgivingMatch`: tone marks optional, one letter off), which the server's `q` cannot do.
 */
export function useAllUsers(f: UserFilters, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: [...usersKey, 'all', f],
    queryFn: async ({ signal }) => {
      const items: User[] = [];
      for (let offset = 0; ; offset += PAGE_LIMIT_MAX) {
        const page = await api<UserList>('/users', {
          signal,
          query: { role: f.role, status: f.status, limit: PAGE_LIMIT_MAX, offset },
        });
        items.push(...page.items);
        if (page.items.length === 0 || items.length >= page.total) return items;
      }
    },
    placeholderData: keepPreviousData,
  });
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

export function useUserMutations() {
  const qc = useQueryClient();
  const onSuccess = () => void qc.invalidateQueries({ queryKey: usersKey });
  return {
    create: useMutation({
      mutationFn: (u: NewUser) => api<CreatedUser>('/users', { method: 'POST', body: u }),
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
        api<ResetPasswordResult>(`/users/${u.id}/reset-password`, {
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
