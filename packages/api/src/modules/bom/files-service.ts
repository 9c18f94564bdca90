import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { MaterialRow } from '@arya/bom';
import type { BomFileKind } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { decodeCursor, keysetPage } from '../../lib/pagination';
import { engineLimits } from './engine-limits';
import type { EngineRefusal } from './engine-task';
import { cleanFileName, sniffWorkbook } from './file-bytes';
import * as files from './files-repo';
import { insertMaterialUses, listMaterialUsesPage } from './material-uses';
import { isFileInPendingRun } from './runs-repo';
import type { listFilesInput, materialRowsInput } from './schemas';
import { canSee, listOwner, type Viewer } from './viewer';
import { toFileListItem, toFileView } from './views';

type FileDeps = Pick<ApiDeps, 'db' | 'clock' | 'config' | 'bomPool'>;

const MiB = 1024 * 1024;
const megabytes = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** The engine refused the workbook: the same cases a user can fix, each with its own text. */
export function refusalError(refusal: EngineRefusal): AppError {
  switch (refusal.code) {
    case 'not_xlsx':
      return new AppError('BAD_REQUEST', 'bom.notXlsx', { reason: refusal.messageEn });
    case 'xls_not_supported':
      return new AppError('BAD_REQUEST', 'bom.xlsNotSupported');
    default:
      return new AppError(refusal.code === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', 'bom.workbookRejected', {
        engineCode: refusal.code,
        detailZh: refusal.messageZh,
        detailEn: refusal.messageEn,
      });
  }
}

export interface UploadInput {
  kind: BomFileKind;
  file: Blob;
  name: string;
}

/**
 * Checks size and content before anything is stored, inspects the workbook in the worker pool, then stores it, or
 * returns the stored file when this owner already uploaded the same bytes.
 */
export async function uploadFile(deps: FileDeps, viewer: Viewer, input: UploadInput, request: RequestInfo) {
  const limit = deps.config.UPLOAD_MAX_BYTES;
  if (input.file.size === 0) throw new AppError('BAD_REQUEST', 'bom.fileEmpty');
  if (input.file.size > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'bom.fileTooLarge', {
      sizeMb: megabytes(input.file.size),
      limitMb: megabytes(limit),
    });
  }
  const bytes = Buffer.from(await input.file.arrayBuffer());
  const sniffed = sniffWorkbook(bytes);
  if (sniffed === 'cfb') throw new AppError('BAD_REQUEST', 'bom.xlsNotSupported');
  if (sniffed === 'other') throw new AppError('BAD_REQUEST', 'bom.notXlsx');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await files.findLiveFileBySha(deps.db, viewer.userId, input.kind, sha256);
  if (existing) return toFileView(await withCurrentInspect(deps, existing), true);

  const inspected = await deps.bomPool.inspect({ bytes, limits: engineLimits(deps.config) });
  if (!inspected.ok) throw refusalError(inspected.refusal);
  // the where-used index of a BOM upload is written with it (issue 15)
  const materialRows =
    input.kind === 'bom' ? await deps.bomPool.materialRows({ bytes, limits: engineLimits(deps.config) }) : null;
  if (materialRows && !materialRows.ok) throw refusalError(materialRows.refusal);

  const now = deps.clock.now();
  const stored = await deps.db.transaction().execute(async (trx) => {
    const outcome = await files.insertFileOrReuse(trx, {
      ownerId: viewer.userId,
      kind: input.kind,
      name: cleanFileName(input.name),
      sha256,
      bytes,
      inspect: inspected.value,
      at: now,
    });
    if (!outcome.reused) {
      if (materialRows?.ok) await insertMaterialUses(trx, outcome.row.id, materialRows.value);
      await recordAudit(trx, request, {
        action: 'bom.file_uploaded',
        actorUserId: viewer.userId,
        subjectUserId: viewer.userId,
        at: now,
        details: { fileId: outcome.row.id, kind: input.kind, name: outcome.row.name, size: bytes.byteLength, sha256 },
      });
    }
    return outcome;
  });
  return toFileView(stored.row, stored.reused);
}

/** Uploads being inspected again in this process, by id: a call for one of them waits for that run. */
const reinspecting = new Map<string, Promise<files.BomFileRow>>();

/**
 * An upload stored before the engine listed the ops a run will skip has an inspection without them, which would read
 * as "nothing to fix": it is inspected again from its bytes, once, and stored. Calls for it meanwhile share that one
 * engine run, so a burst of them cannot queue a run each ahead of everyone's work in the shared threads.
 */
function withCurrentInspect(deps: FileDeps, row: files.BomFileRow): Promise<files.BomFileRow> {
  const { ops } = row.inspect;
  if (!ops || 'skippedOps' in ops) return Promise.resolve(row);
  let pending = reinspecting.get(row.id);
  if (!pending) {
    pending = reinspect(deps, row).finally(() => reinspecting.delete(row.id));
    reinspecting.set(row.id, pending);
  }
  return pending;
}

async function reinspect(deps: FileDeps, row: files.BomFileRow): Promise<files.BomFileRow> {
  const bytes = await files.readFileBytes(deps.db, row.id);
  if (!bytes) return row;
  const inspected = await deps.bomPool.inspect({ bytes, limits: engineLimits(deps.config) });
  if (!inspected.ok) return row;
  await files.updateInspect(deps.db, row.id, inspected.value, deps.clock.now());
  return { ...row, inspect: inspected.value };
}

/** The live file if the viewer may see it (else NOT_FOUND), of `kind` when one is asked for (else BAD_REQUEST). */
export async function requireVisibleFile(
  deps: Pick<ApiDeps, 'db'>,
  viewer: Viewer,
  fileId: string,
  kind?: BomFileKind,
) {
  const file = await files.findLiveFile(deps.db, fileId);
  if (!file || !canSee(viewer, file.owner_id)) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
  if (kind !== undefined && file.kind !== kind)
    throw new AppError('BAD_REQUEST', 'bom.fileWrongKind', { name: file.name, actual: file.kind, expected: kind });
  return file;
}

/**
 * The rows of an uploaded BOM that have a material code, a page at a time, in sheet order: the online editor offers
 * codes, levels and rows from the whole BOM, not only the preview. Read from the where-used index written with the
 * upload (the engine's own `listMaterialRows`), so no call parses the workbook again; each user has at most
 * `BOM_MAX_MATERIAL_ROWS_PER_USER` pages in progress, so a flood holds that many database connections, not the pool.
 */
export async function listFileMaterialRows(
  deps: Pick<ApiDeps, 'db' | 'config' | 'bomMaterialRows'>,
  viewer: Viewer,
  input: z.infer<typeof materialRowsInput>,
) {
  const release = deps.bomMaterialRows.tryTake(viewer.userId);
  if (!release) {
    throw new AppError('TOO_MANY_REQUESTS', 'bom.tooManyMaterialRows', {
      max: deps.config.BOM_MAX_MATERIAL_ROWS_PER_USER,
    });
  }
  try {
    await requireVisibleFile(deps, viewer, input.fileId, 'bom');
    const page = await listMaterialUsesPage(deps.db, input.fileId, input.cursor ?? 0, input.limit);
    const rows = page.slice(0, input.limit).map((use): MaterialRow => ({
      rowNumber: use.row_number,
      materialCode: use.material_code,
      level: use.level,
      quantity: use.quantity,
      designators: use.designators === '' ? [] : use.designators.split(','),
    }));
    return { rows, nextCursor: page.length > input.limit ? (rows.at(-1)?.rowNumber ?? null) : null };
  } finally {
    release();
  }
}

/** Deletes an upload (its bytes go at once); runs that used it stay, with its name. Refused while a run needs it. */
export async function deleteFile(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  viewer: Viewer,
  fileId: string,
  request: RequestInfo,
) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // The lock waits for runs being created from this file (they hold it shared), so their rows are seen here.
    if ((await files.lockLiveFiles(trx, [fileId], 'update')) === 0) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
    if (await isFileInPendingRun(trx, fileId)) throw new AppError('CONFLICT', 'bom.fileInUse');
    await files.softDeleteFile(trx, fileId, now);
    await recordAudit(trx, request, {
      action: 'bom.file_deleted',
      actorUserId: viewer.userId,
      subjectUserId: file.owner_id,
      at: now,
      details: { fileId, name: file.name, kind: file.kind },
    });
  });
  return { ok: true as const };
}

export async function getFile(deps: FileDeps, viewer: Viewer, fileId: string) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  return toFileView(await withCurrentInspect(deps, file), false);
}

/** A user's own uploads, newest first; admins see everyone's, optionally one owner's. */
export async function listFilesPage(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, input: z.infer<typeof listFilesInput>) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await files.listFiles(deps.db, {
    ownerId: listOwner(viewer, input.ownerId),
    kind: input.kind,
    fileId: input.fileId,
    after,
    limit: input.limit,
  });
  return keysetPage(rows, input.limit, toFileListItem);
}
