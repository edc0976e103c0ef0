import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BudgetLine,
  TransferDetail,
  TransferEditBody,
  TransferList,
  TransferRequestBody,
  TransferRules,
  TransferRulesBody,
  TransferStatus,
} from '@pbis/contract';
import { api } from '../../app/api';

const transfersKey = ['transfers'] as const;

export interface TransferFilter {
  fiscalYear: number;
  status: TransferStatus | null;
  awaitingMe: boolean;
}

export function useTransfers(f: TransferFilter) {
  return useQuery({
    queryKey: [...transfersKey, f.fiscalYear, f.status, f.awaitingMe],
    queryFn: ({ signal }) =>
      api<TransferList>('/execution/transfers', {
        signal,
        query: {
          fiscalYear: f.fiscalYear,
          status: f.status,
          awaitingMe: f.awaitingMe ? 'true' : undefined,
        },
      }),
  });
}

export function useTransfer(id: string | null) {
  return useQuery({
    queryKey: [...transfersKey, 'one', id],
    queryFn: ({ signal }) => api<TransferDetail>(`/execution/transfers/${id}`, { signal }),
    enabled: id !== null,
  });
}

/** The lines the caller may see (the request form picks from them). */
export function useLinesInScope(fiscalYear: number, enabled: boolean) {
  return useQuery({
    queryKey: ['execution-lines', fiscalYear],
    queryFn: ({ signal }) =>
      api<{ items: BudgetLine[] }>('/execution/lines', { signal, query: { fiscalYear } }),
    enabled,
  });
}

export function useTransferRules() {
  return useQuery({
    queryKey: ['transfer-rules'],
    queryFn: ({ signal }) => api<TransferRules>('/execution/transfer-rules', { signal }),
  });
}

/** Replaces the organisation's transfer rules (an empty list restores the defaults). */
export function useSetTransferRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TransferRulesBody) =>
      api<TransferRules>('/execution/transfer-rules', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(['transfer-rules'], data),
  });
}

/** After any change: the lists, the lines' balances and the summaries read afresh. */
function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: transfersKey });
    void qc.invalidateQueries({ queryKey: ['execution-lines'] });
    void qc.invalidateQueries({ queryKey: ['execution-summary'] });
    void qc.invalidateQueries({ queryKey: ['money-indicators'] });
  };
}

export function useRequestTransfer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: TransferRequestBody) =>
      api<TransferDetail>('/execution/transfers', { method: 'POST', body }),
    onSuccess: refresh,
  });
}

/** The maker edits a requested transfer: a new version (a stale one is 409). */
export function useEditTransfer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: TransferEditBody & { id: string }) =>
      api<TransferDetail>(`/execution/transfers/${id}`, { method: 'PATCH', body }),
    onSuccess: refresh,
  });
}

export type TransferAction = 'approve' | 'reject' | 'cancel';

export function useTransferAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (v: { id: string; action: TransferAction; version: number; note: string }) =>
      api<TransferDetail>(`/execution/transfers/${v.id}/${v.action}`, {
        method: 'POST',
        body: v.note.trim() ? { version: v.version, note: v.note } : { version: v.version },
      }),
    onSuccess: refresh,
  });
}
