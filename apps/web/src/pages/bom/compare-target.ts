/**
 * What the compare screen compares, as its URL says: `?old=<file id>&new=<file id>[&sheet=<name>]` for two uploads,
 * `?run=<run id>` for a run's input against its result. The URL is the only state, so a reload or a shared link opens
 * the same comparison; a half-filled one (`?old=` alone, from the where-used screen) fills the picker in.
 */
export type CompareTarget =
  | { kind: 'files'; oldFileId: string; newFileId: string; sheet: string | undefined }
  | { kind: 'run'; runId: string }
  | { kind: 'none'; oldFileId: string | undefined; newFileId: string | undefined; sheet: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is dropped (the picker asks again) rather than sent to the server. */
const id = (value: string | null) => (value !== null && UUID.test(value) ? value : undefined);

export function readCompareTarget(params: URLSearchParams): CompareTarget {
  const runId = id(params.get('run'));
  if (runId) return { kind: 'run', runId };
  const oldFileId = id(params.get('old'));
  const newFileId = id(params.get('new'));
  const sheet = params.get('sheet')?.trim() || undefined;
  if (oldFileId && newFileId) return { kind: 'files', oldFileId, newFileId, sheet };
  return { kind: 'none', oldFileId, newFileId, sheet };
}

export function filesCompareUrl(oldFileId: string | undefined, newFileId?: string, sheet?: string): string {
  const params = new URLSearchParams();
  if (oldFileId) params.set('old', oldFileId);
  if (newFileId) params.set('new', newFileId);
  if (sheet) params.set('sheet', sheet);
  const query = params.toString();
  return query ? `/bom/compare?${query}` : '/bom/compare';
}

export const runCompareUrl = (runId: string) => `/bom/compare?run=${runId}`;
