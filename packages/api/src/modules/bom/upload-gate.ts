import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { accessVerdict } from '../auth/access';

export type UploadAdmission = { admitted: true; release: () => void } | { admitted: false; error: AppError };

/**
 * Asked by the host before an upload's body is read (tRPC's adapter reads a body whole as soon as it is handed the
 * request): the caller must be signed in (the one access check) and under `BOM_MAX_UPLOADS_PER_USER`. A refusal is
 * answered at once, so a flood of large uploads never gets its bodies into memory. The host releases the slot when
 * the response ends or the connection closes.
 */
export async function admitUpload(
  deps: Pick<ApiDeps, 'db' | 'tokens' | 'access' | 'config' | 'bomUploads'>,
  request: Pick<RequestInfo, 'headers'>,
): Promise<UploadAdmission> {
  const verdict = await accessVerdict(deps, request);
  if (!verdict.allowed) return { admitted: false, error: verdict.error };
  const release = deps.bomUploads.tryTake(verdict.viewer.userId);
  if (release) return { admitted: true, release };
  const max = deps.config.BOM_MAX_UPLOADS_PER_USER;
  return { admitted: false, error: new AppError('TOO_MANY_REQUESTS', 'bom.tooManyUploads', { max }) };
}
