import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { FiscalYear, PeriodLocks } from '../../app/types';

const yearsKey = ['fiscal-years'] as const;
const locksKey = ['period-locks'] as const;

export function useFiscalYears() {
  return useQuery({
    queryKey: yearsKey,
    queryFn: ({ signal }) => api<{ items: FiscalYear[] }>('/fiscal-years', { signal }),
  });
}

export function usePeriodLocks(fiscalYear: number | null) {
  return useQuery({
    queryKey: [...locksKey, fiscalYear],
    queryFn: ({ signal }) => api<PeriodLocks>('/period-locks', { signal, query: { fiscalYear } }),
    enabled: fiscalYear !== null,
  });
}

export function useOpenFiscalYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (year: number) =>
      api<FiscalYear & { created: boolean }>('/fiscal-years', { method: 'POST', body: { year } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: yearsKey }),
  });
}

export function useSetLock() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { fiscalYear: number; month: number; locked: boolean }) =>
      api<PeriodLocks>('/period-locks', { method: 'PUT', body: v }),
    onSuccess: (data) => qc.setQueryData([...locksKey, data.fiscalYear], data),
  });
}

/** The current Thai fiscal year (Oct–Sep, Buddhist era) for a date in Bangkok. */
export function currentFiscalYear(now: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bangkok',
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return year + 543 + (month >= 10 ? 1 : 0);
}
