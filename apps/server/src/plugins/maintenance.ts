import { pruneExpiredSessionTokens, type ApiDeps } from '@arya/api';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface MaintenanceOptions {
  deps: Pick<ApiDeps, 'db' | 'clock'>;
  /** How often expired refresh-token rows are deleted (default hourly; every instance may run it, it is idempotent). */
  intervalMs?: number;
}

/** Periodic housekeeping the API leaves to its host: pruning refresh-token rows expired for over a day. */
export const maintenancePlugin = fp<MaintenanceOptions>(
  async (app: FastifyInstance, { deps, intervalMs = 60 * 60 * 1000 }) => {
    let running: Promise<void> | undefined;
    const prune = () => {
      running ??= pruneExpiredSessionTokens(deps)
        .then((deleted) => {
          if (deleted > 0) app.log.info({ deleted }, 'expired session tokens pruned');
        })
        .catch((error: unknown) => app.log.warn({ err: error }, 'session token pruning failed'))
        .finally(() => {
          running = undefined;
        });
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      prune();
      timer = setInterval(prune, intervalMs);
      timer.unref();
    });
    // Runs before the deps are closed (close hooks run newest first), so a prune in progress finishes first.
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await running;
    });
  },
  { name: 'arya-maintenance' },
);
