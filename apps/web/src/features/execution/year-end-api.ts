import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CarriedLine,
  CarryOver,
  CloseYearResult,
  YearEndPreview,
  YearEndSettings,
} from '@pbis/contract';
import { api } from '../../app/api';

/** The year end's reads and writes (issue 15 "Year end"). */
const KEY = ['year-end'] as const;

export function useYearEndPreview(fiscalYear: number, unitId: string | null) {
  return useQuery({
    queryKey: [...KEY, 'preview', fiscalYear, unitId],
    queryFn: ({ signal }) =>
      api<YearEndPreview>('/execution/year-end/preview', {
        signal,
        query: unitId ? { fiscalYear, unitId } : { fiscalYear },
      }),
  });
}

export function useCarryOvers(fiscalYear: number) {
  return useQuery({
    queryKey: [...KEY, 'carry-overs', fiscalYear],
    queryFn: ({ signal }) =>
      api<{ items: CarryOver[] }>('/execution/carry-overs', { signal, query: { fiscalYear } }),
  });
}

export function useCarriedLines(fiscalYear: number) {
  return useQuery({
    queryKey: [...KEY, 'carried', fiscalYear],
    queryFn: ({ signal }) =>
      api<{ asOf: string; items: CarriedLine[] }>('/execution/year-end/carried', {
        signal,
        query: { fiscalYear },
      }),
  });
}

export function useYearEndSettings() {
  return useQuery({
    queryKey: [...KEY, 'settings'],
    queryFn: ({ signal }) => api<YearEndSettings>('/execution/year-end/settings', { signal }),
  });
}

/** Every year-end write refreshes every year-end read (and the lines and indicators). */
function useYearEndWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: KEY });
      void qc.invalidateQueries({ queryKey: ['execution-summary'] });
      void qc.invalidateQueries({ queryKey: ['money-indicators'] });
    },
  });
}

export const useRequestCarryOver = () =>
  useYearEndWrite((v: { lineId: string; amount: string; reason: string; version?: number }) =>
    api<CarryOver>('/execution/carry-overs', { method: 'POST', body: v }),
  );

export const useDecideCarryOver = () =>
  useYearEndWrite(
    (v: { id: string; version: number; approve: boolean; reference: string; note: string }) =>
      api<CarryOver>(`/execution/carry-overs/${v.id}/${v.approve ? 'approve' : 'reject'}`, {
        method: 'POST',
        body: v.approve
          ? { version: v.version, reference: v.reference }
          : { version: v.version, note: v.note },
      }),
  );

export const useCloseYear = () =>
  useYearEndWrite((fiscalYear: number) =>
    api<CloseYearResult>('/execution/year-end/close', { method: 'POST', body: { fiscalYear } }),
  );

export const useExtendDeadline = () =>
  useYearEndWrite((v: { id: string; deadline: string; reason: string; version: number }) =>
    api<CarriedLine>(`/execution/lines/${v.id}/extend-deadline`, {
      method: 'POST',
      body: { deadline: v.deadline, reason: v.reason, version: v.version },
    }),
  );

export const useLapseExpired = () =>
  useYearEndWrite((asOf: string) =>
    api<{ asOf: string; lines: number; lapsedBaht: string }>('/execution/year-end/lapse-expired', {
      method: 'POST',
      body: { asOf },
    }),
  );
