import { useQuery } from '@tanstack/react-query';
import type { AlertRules, Alerts, Forecast, Rankings } from '@pbis/contract';
import { api } from '../../app/api';

/*
 * The reads of budget execution's analysis (ADR 0011): the forecast, the laggard alerts, the
 * rankings. A missing fiscal year lets the server take the latest one with lines in scope.
 */

type Query = Record<string, string | number>;
const query = (fiscalYear?: number, asOf?: string | null, unitId?: string | null): Query => ({
  ...(fiscalYear ? { fiscalYear } : {}),
  ...(asOf ? { asOf } : {}),
  ...(unitId ? { unitId } : {}),
});

export function useForecast(fiscalYear?: number, asOf?: string | null, unitId?: string | null) {
  return useQuery({
    queryKey: ['execution-forecast', fiscalYear ?? null, asOf ?? null, unitId ?? null],
    queryFn: ({ signal }) =>
      api<Forecast>('/execution/forecast', { signal, query: query(fiscalYear, asOf, unitId) }),
  });
}

export function useAlerts(fiscalYear?: number, asOf?: string | null, unitId?: string | null) {
  return useQuery({
    queryKey: ['execution-alerts', fiscalYear ?? null, asOf ?? null, unitId ?? null],
    queryFn: ({ signal }) =>
      api<Alerts>('/execution/alerts', { signal, query: query(fiscalYear, asOf, unitId) }),
  });
}

export function useRankings(fiscalYear: number, asOf?: string | null) {
  return useQuery({
    queryKey: ['execution-rankings', fiscalYear, asOf ?? null],
    queryFn: ({ signal }) =>
      api<Rankings>('/execution/rankings', { signal, query: query(fiscalYear, asOf) }),
  });
}

export function useAlertRules() {
  return useQuery({
    queryKey: ['execution-alert-rules'],
    queryFn: ({ signal }) => api<AlertRules>('/execution/alert-rules', { signal }),
  });
}

/** The ISO date of the end of fiscal month `m` (1 = October) of fiscal year `fy` (BE). */
export function fiscalMonthEndIso(fy: number, m: number): string {
  const month = ((m + 8) % 12) + 1;
  const year = fy - 543 - (month >= 10 ? 1 : 0);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}
