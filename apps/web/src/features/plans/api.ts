import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActionPlan,
  CriteriaCheck,
  Evidence,
  Indicator,
  IndicatorDetail,
  IndicatorResult,
  PlanTree,
  UnitList,
  WorkPlanView,
} from '@pbis/contract';
import { api, ApiError } from '../../app/api';
import type { IndicatorStatus } from './plan-view';

export const plansKey = ['plans'] as const;

/** The units the user may read (the server's scope), for the unit picker. */
export function usePlanUnits() {
  return useQuery({
    queryKey: [...plansKey, 'units'],
    queryFn: ({ signal }) =>
      api<UnitList>('/units', { signal, query: { sort: 'nameTh', order: 'asc' } }),
  });
}

/** The plans of a unit (every revision), to offer its fiscal years. */
export function useUnitPlans(unitId: string | undefined) {
  return useQuery({
    enabled: !!unitId,
    queryKey: [...plansKey, 'list', unitId],
    queryFn: ({ signal }) => api<{ items: ActionPlan[] }>('/plans', { signal, query: { unitId } }),
  });
}

export function usePlanTree(
  unitId: string | undefined,
  fiscalYear: number | undefined,
  status?: IndicatorStatus,
) {
  return useQuery({
    enabled: !!unitId && !!fiscalYear,
    queryKey: [...plansKey, 'tree', unitId, fiscalYear, status ?? null],
    queryFn: ({ signal }) =>
      api<PlanTree>('/plans/tree', { signal, query: { unitId, fiscalYear, status } }),
    placeholderData: keepPreviousData,
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

export function useIndicator(id: string) {
  return useQuery({
    queryKey: [...plansKey, 'indicator', id],
    queryFn: ({ signal }) => api<IndicatorDetail>(`/plans/indicators/${id}`, { signal }),
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
  });
}

/** The engine's warnings about criteria typed in the editor (null text: nothing asked). */
export function useCriteriaCheck(criteria: Record<string, unknown> | null) {
  return useQuery({
    enabled: criteria !== null,
    queryKey: [...plansKey, 'criteria-check', JSON.stringify(criteria)],
    queryFn: ({ signal }) =>
      api<CriteriaCheck>('/plans/criteria/check', {
        method: 'POST',
        signal,
        body: { criteria },
      }),
    retry: false,
    placeholderData: keepPreviousData,
  });
}

function useInvalidatePlans() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: plansKey });
}

export function usePublish() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (v: { id: string; version: number; published: boolean }) =>
      api<ActionPlan>(`/plans/${v.id}/publish`, {
        method: 'POST',
        body: { version: v.version, published: v.published },
      }),
    onSuccess: () => void invalidate(),
  });
}

export function useSaveCriteria(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (v: { version: number; criteria: Record<string, unknown> | null }) =>
      api<Indicator>(`/plans/indicators/${id}`, { method: 'PATCH', body: v }),
    onSuccess: () => void invalidate(),
  });
}

const CSRF_COOKIE = 'pbis_csrf';
const csrf = (): string | null => {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return hit ? decodeURIComponent(hit.slice(CSRF_COOKIE.length + 1)) : null;
};

/** Sends one evidence file (multipart field "file"); errors as the API's ApiError. */
export async function uploadEvidence(resultId: string, file: File): Promise<Evidence> {
  const form = new FormData();
  form.append('file', file, file.name);
  const token = csrf();
  const res = await fetch(`/api/v1/plans/results/${resultId}/evidence`, {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(token ? { 'x-csrf-token': token } : {}) },
  });
  const data = (await res.json().catch(() => undefined)) as
    { error?: { code?: string; message?: string; details?: unknown } } | Evidence | undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } })?.error;
    throw new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? res.statusText,
      'POST',
      err?.details,
    );
  }
  return data as Evidence;
}

export interface ResultInput {
  fiscalYear: number;
  periodKind: 'month' | 'quarter' | 'year';
  periodNo: number;
  value: string;
  comment: string;
  version?: number;
  file: File | null;
}

/** Enters a result, then attaches its evidence file when one was chosen. */
export function useSaveResult(indicatorId: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: async (v: ResultInput) => {
      const { file, ...body } = v;
      const result = await api<IndicatorResult>(`/plans/indicators/${indicatorId}/results`, {
        method: 'PUT',
        body,
      });
      if (file && result.id) await uploadEvidence(result.id, file);
      return result;
    },
    onSettled: () => void invalidate(),
  });
}

export function useAttachEvidence() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (v: { resultId: string; file: File }) => uploadEvidence(v.resultId, v.file),
    onSettled: () => void invalidate(),
  });
}

export function useSaveProgress(projectId: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (v: {
      month: number;
      actualCumulative: string;
      comment: string;
      version?: number;
    }) =>
      api<WorkPlanView>(`/plans/projects/${projectId}/progress/${v.month}`, {
        method: 'PUT',
        body: { actualCumulative: v.actualCumulative, comment: v.comment, version: v.version },
      }),
    onSuccess: () => void invalidate(),
  });
}

/** Where the action plan's PDF / XLSX is downloaded (the report route of the plans module). */
export const reportUrl = (planId: string, format: 'pdf' | 'xlsx') =>
  `/api/v1/plans/${planId}/report?format=${format}`;
export const evidenceUrl = (id: string) => `/api/v1/plans/evidence/${id}`;
