import { TRPCClientError } from '@trpc/client';
import type { AppRouter, RouterOutputs } from '@arya/api';
import type { BomFileKind } from '@arya/validators/enums';

export type UploadedWorkbook = RouterOutputs['bom']['files']['upload'];

export interface UploadOptions {
  file: File;
  kind: BomFileKind;
  accessToken: string | null;
  locale: string;
  /** 0–100 as the bytes leave the browser. */
  onProgress: (percent: number) => void;
  signal?: AbortSignal;
}

type TrpcHttpBody = { result: { data: UploadedWorkbook } } | { error: Parameters<typeof TRPCClientError.from>[0] };

/**
 * `bom.files.upload` over XMLHttpRequest rather than fetch: only XHR reports upload progress, which a 20 MB workbook
 * on a slow line needs. Same endpoint, same FormData body and same error shape as the tRPC client uses.
 */
export function uploadWorkbook({
  file,
  kind,
  accessToken,
  locale,
  onProgress,
  signal,
}: UploadOptions): Promise<UploadedWorkbook> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/trpc/bom.files.upload');
    xhr.setRequestHeader('accept-language', locale);
    if (accessToken) xhr.setRequestHeader('authorization', `Bearer ${accessToken}`);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    xhr.addEventListener('load', () => {
      let body: TrpcHttpBody;
      try {
        body = JSON.parse(xhr.responseText) as TrpcHttpBody;
      } catch {
        reject(new TRPCClientError<AppRouter>(`HTTP ${xhr.status}`));
        return;
      }
      if ('result' in body) resolve(body.result.data);
      else reject(TRPCClientError.from<AppRouter>(body));
    });
    xhr.addEventListener('error', () => reject(new TRPCClientError<AppRouter>('network error')));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
