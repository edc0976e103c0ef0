import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BudgetVsActual, BvaLevel, LineDocuments } from '@pbis/contract';
import { api } from '../../app/api';

/** One step of the drill-down: the level's query parameter and the row's key. */
export interface BvaStep {
  level: Exclude<BvaLevel, 'bma' | 'line'>;
  key: string;
  name: string;
  code: string;
}

export function useBudgetVsActual(
  fiscalYear: number,
  path: readonly BvaStep[],
  asOf: string | null,
) {
  const query: Record<string, string | number> = { fiscalYear };
  for (const s of path) query[s.level] = s.key;
  if (asOf) query.asOf = asOf;
  return useQuery({
    queryKey: ['budget-vs-actual', query],
    queryFn: ({ signal }) => api<BudgetVsActual>('/execution/budget-vs-actual', { signal, query }),
    placeholderData: keepPreviousData,
  });
}

export const DOCUMENTS_PAGE = 20;

export function useLineDocuments(lineId: string | null, page: number) {
  return useQuery({
    queryKey: ['line-documents', lineId, page],
    enabled: lineId !== null,
    queryFn: ({ signal }) =>
      api<LineDocuments>(`/execution/lines/${lineId}/documents`, {
        signal,
        query: { limit: DOCUMENTS_PAGE, offset: page * DOCUMENTS_PAGE },
      }),
    placeholderData: keepPreviousData,
  });
}

/** The address of the report file for the download buttons (the session cookie goes with it). */
export function reportUrl(
  format: 'pdf' | 'xlsx' | 'csv',
  fiscalYear: number,
  unitCode: string | null,
  asOf: string | null,
): string {
  const params = new URLSearchParams({ fiscalYear: String(fiscalYear), format });
  if (unitCode) params.set('unit', unitCode);
  if (asOf) params.set('asOf', asOf);
  return `/api/v1/execution/budget-vs-actual/report?${params.toString()}`;
}
