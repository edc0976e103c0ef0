import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { FiscalYear, FiscalYearList, PeriodLocks } from '@pbis/contract';

const yearsKey = ['fiscal-years'] as const;
const locksKey = ['period-locks'] as const;

export function useFiscalYears() {
  return useQuery({
    queryKey: yearsKey,
    queryFn: ({ signal }) => api<FiscalYearList>('/fiscal-years', { signal }),
  });
}

export function usePeriodLocks(fiscalYear: number | null) {
  return useQuery({
    queryKey: [...locksKey, fiscalYear],
    queryFn: ({ signal }) => api<PeriodLocks>('/period-locks', { signal, query: { fiscalYear } }),
    enabled: fiscalYear !== null,
  });
}

/** Create a fiscal year; one that exists already is refused (409 `fiscal_year_exists` on `year`). */
export function useCreateFiscalYear() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (year: number) =>
      api<FiscalYear>('/fiscal-years', { method: 'POST', body: { year } }),
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

/** The fiscal years offered for creation: from two before the current one to two after. */
export const creatableYears = (current: number): number[] =>
  [-2, -1, 0, 1, 2].map((d) => current + d);

/** The year the create form starts on: the current one if it is missing, else the nearest missing. */
export function defaultNewYear(current: number, existing: readonly number[]): number {
  return (
    [current, current + 1, current - 1, current + 2, current - 2].find(
      (y) => !existing.includes(y),
    ) ?? current + 1
  );
}
