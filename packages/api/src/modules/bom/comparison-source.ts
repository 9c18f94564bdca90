import type { BomLimits } from '@arya/bom';
import type { Executor } from '@arya/db';
import type { ApiDeps } from '../../deps';
import type { CompareTask } from './engine-task';
import { comparisonFileName, resultFileName } from './file-bytes';
import { findLiveFile, readFileBytes } from './files-repo';
import { findLiveRun, readRunResult } from './runs-repo';

/** What a comparison compares: two uploads, or a run's input with its result. */
export type ComparisonTarget =
  | { kind: 'files'; oldFileId: string; newFileId: string; sheet: string | null }
  | { kind: 'run'; runId: string };

/** Both workbooks with the names the diff workbook shows, and the sheets to compare. */
export interface ComparisonInput {
  old: Buffer;
  new: Buffer;
  names: { oldName: string; newName: string };
  sheet?: string;
  oldSheet?: string;
  /** the download's name */
  fileName: string;
}

export type ComparisonLoad = { ok: true; input: ComparisonInput } | { ok: false; reason: 'gone' | 'sourceDeleted' };

/** The sheet a run read its BOM from, from its stored summary. */
function runBomSheet(summary: unknown): string | undefined {
  if (typeof summary !== 'object' || summary === null) return undefined;
  const sheet = (summary as Record<string, unknown>)['bomSheet'];
  return typeof sheet === 'string' ? sheet : undefined;
}

/**
 * Reads what a comparison needs (visibility is the caller's check). A file or run deleted since is `gone`; a done
 * run whose upload or result bytes were dropped is `sourceDeleted`.
 */
export async function loadComparison(db: Executor, target: ComparisonTarget): Promise<ComparisonLoad> {
  if (target.kind === 'files') {
    const [oldFile, newFile] = await Promise.all([
      findLiveFile(db, target.oldFileId),
      findLiveFile(db, target.newFileId),
    ]);
    if (!oldFile || !newFile) return { ok: false, reason: 'gone' };
    const [oldBytes, newBytes] = await Promise.all([readFileBytes(db, oldFile.id), readFileBytes(db, newFile.id)]);
    if (!oldBytes?.byteLength || !newBytes?.byteLength) return { ok: false, reason: 'gone' };
    return {
      ok: true,
      input: {
        old: oldBytes,
        new: newBytes,
        names: { oldName: oldFile.name, newName: newFile.name },
        ...(target.sheet === null ? {} : { sheet: target.sheet }),
        fileName: comparisonFileName(oldFile.name, newFile.name),
      },
    };
  }
  const run = await findLiveRun(db, target.runId);
  if (!run) return { ok: false, reason: 'gone' };
  const [input, result] = await Promise.all([readFileBytes(db, run.bom_file_id), readRunResult(db, run.id)]);
  if (!input?.byteLength || !result?.byteLength) return { ok: false, reason: 'sourceDeleted' };
  const bomSheet = runBomSheet(run.summary);
  return {
    ok: true,
    input: {
      old: input,
      new: result,
      names: { oldName: run.bom_file_name, newName: resultFileName(run.bom_file_name) },
      ...(bomSheet === undefined ? {} : { oldSheet: bomSheet }),
      fileName: comparisonFileName(run.bom_file_name),
    },
  };
}

export const compareTask = (input: ComparisonInput, limits: Partial<BomLimits>): CompareTask => ({
  old: input.old,
  new: input.new,
  sheet: input.sheet,
  oldSheet: input.oldSheet,
  limits,
});

/** The diff workbook behind a download link, or null when what it compares is gone (or no longer compares). */
export async function openComparisonDownload(
  deps: Pick<ApiDeps, 'db' | 'bomPool'>,
  target: ComparisonTarget,
  limits: Partial<BomLimits>,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const load = await loadComparison(deps.db, target);
  if (!load.ok) return null;
  const outcome = await deps.bomPool.compareWorkbook({ ...compareTask(load.input, limits), names: load.input.names });
  return outcome.ok ? { fileName: load.input.fileName, bytes: Buffer.from(outcome.value) } : null;
}

/** A stored ticket's comparison, checked field by field (the ticket is JSON from Redis). */
export function parseComparisonTarget(value: unknown): ComparisonTarget | null {
  if (typeof value !== 'object' || value === null) return null;
  const t = value as Record<string, unknown>;
  if (t['kind'] === 'run' && typeof t['runId'] === 'string') return { kind: 'run', runId: t['runId'] };
  if (
    t['kind'] === 'files' &&
    typeof t['oldFileId'] === 'string' &&
    typeof t['newFileId'] === 'string' &&
    (t['sheet'] === null || typeof t['sheet'] === 'string')
  )
    return { kind: 'files', oldFileId: t['oldFileId'], newFileId: t['newFileId'], sheet: t['sheet'] };
  return null;
}
