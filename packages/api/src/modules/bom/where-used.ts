import type { ApiDeps } from '../../deps';
import { findFilesUsing, findRunsOfFiles, findUses } from './material-uses';
import type { Viewer } from './viewer';

/** Uploads listed at most; `truncated` says there are more (older ones). */
export const WHERE_USED_MAX_FILES = 200;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item));
    if (list) list.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const splitList = (text: string) => (text === '' ? [] : text.split(','));

/**
 * `bom.whereUsed`: every BOM upload the viewer can see (admins: all) whose BOM sheet has the material code, newest
 * first, with each occurrence (row, level, quantity, designators) and the runs made from it. Read from the index
 * written at upload time, never from stored bytes.
 */
export async function findWhereUsed(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, materialCode: string) {
  const owner = viewer.isAdmin ? undefined : viewer.userId;
  const found = await findFilesUsing(deps.db, materialCode, owner, WHERE_USED_MAX_FILES);
  const files = found.slice(0, WHERE_USED_MAX_FILES);
  const ids = files.map((f) => f.id);
  const [uses, runs] = await Promise.all([findUses(deps.db, materialCode, ids), findRunsOfFiles(deps.db, ids, owner)]);
  const usesOf = groupBy(uses, (u) => u.file_id);
  const runsOf = groupBy(runs, (r) => r.bom_file_id);
  return {
    materialCode,
    items: files.map((f) => ({
      fileId: f.id,
      fileName: f.name,
      uploadedAt: f.created_at.toISOString(),
      uploader: { userId: f.owner_id, account: f.owner_account, username: f.owner_name },
      occurrences: (usesOf.get(f.id) ?? []).map((u) => ({
        row: u.row_number,
        level: u.level,
        quantity: u.quantity,
        designators: splitList(u.designators),
      })),
      runs: (runsOf.get(f.id) ?? []).map((r) => ({
        runId: r.id,
        status: r.status,
        createdAt: r.created_at.toISOString(),
      })),
    })),
    truncated: found.length > WHERE_USED_MAX_FILES,
  };
}
