import { useQuery } from '@tanstack/react-query';
import type { ImportKindList, ImportSummary } from '@pbis/contract';
import { api, ApiError } from '../../app/api';

/** The kinds this server imports, their columns and the size limit (GET /imports/kinds). */
export function useImportKinds() {
  return useQuery({
    queryKey: ['import-kinds'],
    queryFn: ({ signal }) => api<ImportKindList>('/imports/kinds', { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The example file of a kind (a plain link: the browser downloads it with the session cookie). */
export const exampleUrl = (kind: string) =>
  `/api/v1/imports/kinds/${encodeURIComponent(kind)}/example`;

export interface UploadOptions {
  kind: string;
  file: File;
  fiscalYear?: string | null;
  dryRun: boolean;
  createUnits?: boolean;
  csrfToken: string | null;
  /** Bytes of the request body sent so far, and its size. */
  onProgress: (loaded: number, total: number) => void;
  /** The whole file is sent; the server is reading, checking and (unless a dry run) writing it. */
  onUploaded: () => void;
}

export interface Upload {
  promise: Promise<ImportSummary>;
  abort: () => void;
}

const CSRF_COOKIE = 'pbis_csrf';
const csrfFromCookie = () => {
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return hit ? decodeURIComponent(hit.slice(CSRF_COOKIE.length + 1)) : null;
};

/**
 * POST /imports/{kind} as multipart, by XMLHttpRequest: fetch() cannot tell how much of a request
 * body has been sent, and the upload's progress is what a person waits on with a large file.
 * Rejects with ApiError for an error answer (its details carry the problems by line), TypeError
 * for a network failure, and DOMException AbortError when aborted.
 */
export function uploadImport(o: UploadOptions): Upload {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams();
  if (o.dryRun) params.set('dryRun', 'true');
  if (o.fiscalYear) params.set('year', o.fiscalYear);
  if (o.createUnits) params.set('createUnits', 'true');
  const query = params.toString();
  const promise = new Promise<ImportSummary>((resolve, reject) => {
    xhr.open('POST', `/api/v1/imports/${encodeURIComponent(o.kind)}${query ? `?${query}` : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = o.csrfToken ?? csrfFromCookie();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) =>
      o.onProgress(e.loaded, e.lengthComputable ? e.total : o.file.size);
    xhr.upload.onload = () => o.onUploaded();
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as ImportSummary);
        return;
      }
      type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } };
      const err = (data as ErrorBody | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `http_${xhr.status}`,
          err?.message ?? xhr.statusText,
          'POST',
          err?.details,
        ),
      );
    };
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    form.append('file', o.file, o.file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
