import type { ApiDeps } from '../../deps';
import { recordAudit } from '../../lib/audit';
import { expireUnusedFiles } from './files-repo';
import { expireFinishedRuns } from './runs-repo';

/**
 * Retention (`BOM_RETENTION_DAYS`): deletes finished runs and unused uploads older than that, in one transaction with
 * one audit row. Idempotent, so every instance may run it. Returns what it deleted.
 */
export async function pruneExpiredBomData(
  deps: Pick<ApiDeps, 'db' | 'clock' | 'config'>,
): Promise<{ runs: number; files: number }> {
  const days = deps.config.BOM_RETENTION_DAYS;
  if (days === undefined) return { runs: 0, files: 0 };
  const now = deps.clock.now();
  const before = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  return deps.db.transaction().execute(async (trx) => {
    const runs = await expireFinishedRuns(trx, before, now);
    const files = await expireUnusedFiles(trx, before, now);
    if (runs + files > 0) {
      await recordAudit(trx, null, {
        action: 'bom.retention_pruned',
        actorUserId: null,
        subjectUserId: null,
        at: now,
        details: { runs, files, retentionDays: days },
      });
    }
    return { runs, files };
  });
}
