import { useQuery } from '@tanstack/react-query';
import type { ExecutionSummary, MoneyIndicators } from '@pbis/contract';
import { api } from '../../app/api';

export function useMoneyIndicators(fiscalYear: number) {
  return useQuery({
    queryKey: ['money-indicators', fiscalYear],
    queryFn: ({ signal }) =>
      api<MoneyIndicators>('/execution/money-indicators', { signal, query: { fiscalYear } }),
  });
}

export function useExecutionSummary(fiscalYear: number, unitId: string | null) {
  return useQuery({
    queryKey: ['execution-summary', fiscalYear, unitId],
    queryFn: ({ signal }) =>
      api<ExecutionSummary>('/execution/summary', {
        signal,
        query: unitId ? { fiscalYear, unitId } : { fiscalYear },
      }),
  });
}
