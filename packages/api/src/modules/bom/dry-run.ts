import type { OpsInspection } from '@arya/bom';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { engineLimits } from './engine-limits';
import { readFileBytes } from './files-repo';
import { refusalError, requireVisibleFile } from './files-service';
import type { Viewer } from './viewer';

type DryRunDeps = Pick<ApiDeps, 'db' | 'config' | 'bomPool' | 'bomDryRuns'>;

export interface DryRunInput {
  bomFileId: string;
  opsFileId: string;
}

/**
 * `bom.files.dryRun`: an uploaded operations workbook checked against an uploaded BOM as `bom.runs.create` would run
 * them, writing nothing — the op warnings and every op the run will skip, as an upload's `inspect.ops` gives them for
 * a BOM's own 操作指示表. The files are checked as `runs.create` checks them; each user has at most
 * `BOM_MAX_DRY_RUNS_PER_USER` checks in progress, as each holds both workbooks while it waits for the shared threads.
 */
export async function dryRunFiles(deps: DryRunDeps, viewer: Viewer, input: DryRunInput): Promise<OpsInspection> {
  const bomFile = await requireVisibleFile(deps, viewer, input.bomFileId, 'bom');
  const opsFile = await requireVisibleFile(deps, viewer, input.opsFileId, 'ops');
  const release = deps.bomDryRuns.tryTake(viewer.userId);
  if (!release) {
    throw new AppError('TOO_MANY_REQUESTS', 'bom.tooManyDryRuns', { max: deps.config.BOM_MAX_DRY_RUNS_PER_USER });
  }
  try {
    const [bom, ops] = await Promise.all([readFileBytes(deps.db, bomFile.id), readFileBytes(deps.db, opsFile.id)]);
    // deleted between the check and the read: its bytes went with it
    if (!bom?.length || !ops?.length) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
    const outcome = await deps.bomPool.dryRun({ bom, ops, limits: engineLimits(deps.config) });
    if (!outcome.ok) throw refusalError(outcome.refusal);
    return outcome.value;
  } finally {
    release();
  }
}
