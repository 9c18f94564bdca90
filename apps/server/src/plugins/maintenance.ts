import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { pruneExpiredBomData, pruneExpiredSessionTokens, type ApiDeps } from '@arya/api';

export interface MaintenanceOptions {
  deps: Pick<ApiDeps, 'db' | 'clock' | 'config'>;
  /** How often the housekeeping runs (default hourly; every instance may run it, each task is idempotent). */
  intervalMs?: number;
}

type Deps = MaintenanceOptions['deps'];

/** One housekeeping task: what it does, and what to log when it did something. */
const tasks: Array<{ name: string; run: (deps: Deps) => Promise<Record<string, number> | null> }> = [
  {
    name: 'expired session tokens pruned',
    run: async (deps) => {
      const deleted = await pruneExpiredSessionTokens(deps);
      return deleted > 0 ? { deleted } : null;
    },
  },
  {
    name: 'BOM runs and uploads past BOM_RETENTION_DAYS deleted',
    run: async (deps) => {
      const deleted = await pruneExpiredBomData(deps);
      return deleted.runs + deleted.files > 0 ? deleted : null;
    },
  },
];

/**
 * Periodic housekeeping the API leaves to its host: pruning refresh-token rows expired for over a day, and BOM data
 * past its retention when `BOM_RETENTION_DAYS` is set.
 */
export const maintenancePlugin = fp<MaintenanceOptions>(
  async (app: FastifyInstance, { deps, intervalMs = 60 * 60 * 1000 }) => {
    let running: Promise<void> | undefined;
    const runAll = () => {
      running ??= Promise.all(
        tasks.map((task) =>
          task
            .run(deps)
            .then((did) => {
              if (did) app.log.info(did, task.name);
            })
            .catch((error: unknown) => app.log.warn({ err: error, task: task.name }, 'housekeeping failed')),
        ),
      )
        .then(() => undefined)
        .finally(() => {
          running = undefined;
        });
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      runAll();
      timer = setInterval(runAll, intervalMs);
      timer.unref();
    });
    // Runs before the deps are closed (close hooks run newest first), so housekeeping in progress finishes first.
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'arya-maintenance' },
);
