import type { ApiDeps } from '../../deps';

/** The engine's limits with the upload size as the input cap. */
export function engineLimits(config: Pick<ApiDeps['config'], 'UPLOAD_MAX_BYTES'>) {
  return { maxInputBytes: config.UPLOAD_MAX_BYTES };
}
