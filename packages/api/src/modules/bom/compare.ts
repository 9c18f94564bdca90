import type { BomComparison } from '@arya/bom';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { inCompareSlot } from './compare-slots';
import { compareTask, loadComparison, type ComparisonInput, type ComparisonTarget } from './comparison-source';
import { issueTicket } from './downloads-service';
import { engineLimits } from './engine-limits';
import type { EngineOutcome, EngineRefusal } from './engine-task';
import { comparisonFileName } from './file-bytes';
import { refusalError, requireVisibleFile } from './files-service';
import { requireVisibleRun } from './runs-service';
import type { Viewer } from './viewer';

/**
 * `bom.compare` / `bom.runs.compare` (issue 15): two BOM revisions compared by the engine in the worker pool, and
 * ticketed links to the diff workbook. Visibility is that of the files and runs compared.
 */
type CompareDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'bomPool' | 'bomCompares'>;

export interface CompareFilesInput {
  oldFileId: string;
  newFileId: string;
  sheet?: string | undefined;
}

/** A refused workbook is named: the user has to know which of the two to fix. */
function comparisonRefusal(refusal: EngineRefusal, names: ComparisonInput['names']): AppError {
  if (refusal.side === undefined) return refusalError(refusal);
  return new AppError('BAD_REQUEST', 'bom.compareRejected', {
    file: refusal.side === 'old' ? names.oldName : names.newName,
    detailZh: refusal.messageZh,
    detailEn: refusal.messageEn,
  });
}

interface CheckedTarget {
  target: ComparisonTarget;
  fileName: string;
}

async function checkedFilesTarget(deps: CompareDeps, viewer: Viewer, input: CompareFilesInput): Promise<CheckedTarget> {
  const oldFile = await requireVisibleFile(deps, viewer, input.oldFileId, 'bom');
  const newFile = await requireVisibleFile(deps, viewer, input.newFileId, 'bom');
  return {
    target: { kind: 'files', oldFileId: oldFile.id, newFileId: newFile.id, sheet: input.sheet ?? null },
    fileName: comparisonFileName(oldFile.name, newFile.name),
  };
}

async function checkedRunTarget(deps: CompareDeps, viewer: Viewer, runId: string): Promise<CheckedTarget> {
  const run = await requireVisibleRun(deps, viewer, runId);
  if (run.status !== 'done') throw new AppError('CONFLICT', 'bom.runNotFinished', { status: run.status });
  return { target: { kind: 'run', runId }, fileName: comparisonFileName(run.bom_file_name) };
}

async function loaded(deps: CompareDeps, target: ComparisonTarget): Promise<ComparisonInput> {
  const load = await loadComparison(deps.db, target);
  if (load.ok) return load.input;
  if (load.reason === 'sourceDeleted') throw new AppError('CONFLICT', 'bom.compareSourceDeleted');
  throw target.kind === 'run'
    ? new AppError('NOT_FOUND', 'bom.runNotFound')
    : new AppError('NOT_FOUND', 'bom.fileNotFound');
}

function unwrap<T>(outcome: EngineOutcome<T>, input: ComparisonInput): T {
  if (!outcome.ok) throw comparisonRefusal(outcome.refusal, input.names);
  return outcome.value;
}

async function compareTarget(deps: CompareDeps, viewer: Viewer, target: ComparisonTarget): Promise<BomComparison> {
  return inCompareSlot(deps, viewer.userId, async () => {
    const input = await loaded(deps, target);
    return unwrap(await deps.bomPool.compare(compareTask(input, engineLimits(deps.config))), input);
  });
}

/** Two uploads compared: every added, removed and changed row, and the designators that moved. */
export async function compareFiles(deps: CompareDeps, viewer: Viewer, input: CompareFilesInput) {
  return compareTarget(deps, viewer, (await checkedFilesTarget(deps, viewer, input)).target);
}

/** A done run's input (the sheet it read) against its result (新BOM表). */
export async function compareRun(deps: CompareDeps, viewer: Viewer, runId: string) {
  return compareTarget(deps, viewer, (await checkedRunTarget(deps, viewer, runId)).target);
}

/**
 * Links to the diff workbook, issued after the same checks; the workbook is made when the link is opened, so a
 * file deleted in between ends the link.
 */
export async function issueFilesComparisonDownload(deps: CompareDeps, viewer: Viewer, input: CompareFilesInput) {
  const { target, fileName } = await checkedFilesTarget(deps, viewer, input);
  return issueTicket(deps, { kind: 'comparison', target, userId: viewer.userId }, fileName);
}

export async function issueRunComparisonDownload(deps: CompareDeps, viewer: Viewer, runId: string) {
  const { target, fileName } = await checkedRunTarget(deps, viewer, runId);
  return issueTicket(deps, { kind: 'comparison', target, userId: viewer.userId }, fileName);
}
