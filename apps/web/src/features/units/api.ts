import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Unit, UnitKind } from '../../app/types';
import { organizationKey } from '../organization/api';
import type { UnitSearch } from './unit-search';

export interface UnitFields {
  code: string;
  nameTh: string;
  nameEn: string;
  kind: UnitKind;
  analysisDivisionNo: number | null;
  active: boolean;
}

export const unitsKey = ['units'] as const;

export function useUnits(s: UnitSearch, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...unitsKey, 'list', s],
    queryFn: ({ signal }) =>
      api<{ items: Unit[]; total: number }>('/units', {
        signal,
        query: {
          q: s.q,
          kind: s.kind,
          analysisDivisionNo: s.division,
          includeInactive: s.inactive ? 'true' : undefined,
          sort: s.sort ?? 'nameTh',
          order: s.order ?? 'asc',
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function fetchUnit(id: string) {
  return api<Unit>(`/units/${id}`);
}

export function useSaveUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; version?: number; fields: UnitFields }) =>
      v.id
        ? api<Unit>(`/units/${v.id}`, {
            method: 'PATCH',
            body: { version: v.version, ...v.fields },
          })
        : api<Unit>('/units', { method: 'POST', body: v.fields }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: unitsKey });
      void qc.invalidateQueries({ queryKey: organizationKey });
    },
  });
}
