import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Unit, UnitKind, UnitList } from '@pbis/contract';
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

/**
 * The units in scope with the page's filters and sort, all of them: the search text is matched in
 * the browser (`forgivingMatch`), so typing does not refetch and a missing tone mark still finds.
 */
export function useUnits(s: Omit<UnitSearch, 'q'>, enabled = true) {
  const filters = {
    kind: s.kind,
    division: s.division,
    inactive: s.inactive,
    sort: s.sort,
    order: s.order,
  };
  return useQuery({
    enabled,
    queryKey: [...unitsKey, 'list', filters],
    queryFn: ({ signal }) =>
      api<UnitList>('/units', {
        signal,
        query: {
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
