import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { AuditPage, AuditVerification, User } from '../../app/types';

export interface AuditFilters {
  userId?: string | undefined;
  entity?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

const PAGE_SIZE = 50;

export function useAuditTrail(f: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', f],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<AuditPage>('/audit', { signal, query: { ...f, beforeSeq: pageParam, limit: PAGE_SIZE } }),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerification>('/audit/verify') });
}

/**
 * Users for the filter when the audit answer lacks its own `users` list (only admins may call
 * /users; everyone else falls back to the names in the loaded entries).
 */
export function useAuditUsers(enabled: boolean) {
  return useQuery({
    queryKey: ['users', {}],
    queryFn: ({ signal }) => api<{ items: User[] }>('/users', { signal }),
    enabled,
  });
}
