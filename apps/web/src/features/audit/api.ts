import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditList, AuditVerify, SignInFailureList } from '@pbis/contract';
import { api } from '../../app/api';

export type { AuditEntry, SignInFailure } from '@pbis/contract';

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
      api<AuditList>('/audit', {
        signal,
        query: { ...f, beforeSeq: pageParam, limit: PAGE_SIZE },
      }),
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api<AuditVerify>('/audit/verify') });
}

/** GET /audit/sign-in-failures (admin): wrong passwords per username, address and hour. */
export function useSignInFailures(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['audit', 'sign-in-failures'],
    queryFn: ({ signal }) => api<SignInFailureList>('/audit/sign-in-failures', { signal }),
  });
}
