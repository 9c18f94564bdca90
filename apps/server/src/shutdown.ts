import type { FastifyInstance } from 'fastify';

export type ShutdownOutcome = 'drained' | 'forced';

/**
 * Stops accepting connections, lets in-flight requests finish, then runs the app's onClose hooks
 * (pools, Redis, workers). Connections still open after `timeoutMs` (slow requests, SSE streams) are cut
 * so shutdown always ends.
 */
export async function shutdownGracefully(app: FastifyInstance, timeoutMs: number): Promise<ShutdownOutcome> {
  let outcome: ShutdownOutcome = 'drained';
  const timer = setTimeout(() => {
    outcome = 'forced';
    app.log.warn({ timeoutMs }, 'shutdown: requests still open after the drain timeout, closing their connections');
    app.server.closeAllConnections();
  }, timeoutMs);
  timer.unref();
  // A keep-alive connection becomes idle once its last response is sent; close those as they appear
  // instead of waiting for the client to hang up.
  const sweeper = setInterval(() => app.server.closeIdleConnections(), 50);
  sweeper.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
    clearInterval(sweeper);
  }
  return outcome;
}

/**
 * First SIGINT/SIGTERM drains and exits. A Ctrl-C reaches the server twice (from the terminal and relayed by
 * tsx/turbo), so repeats within a second are ignored; a later one exits at once.
 */
export function exitOnSignals(app: FastifyInstance, timeoutMs: number, afterClose: () => Promise<void>): void {
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt !== undefined) {
      if (Date.now() - firstSignalAt < 1000) return;
      app.log.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    firstSignalAt = Date.now();
    app.log.info({ signal }, 'shutting down');
    shutdownGracefully(app, timeoutMs)
      .then(async (outcome) => {
        await afterClose();
        app.log.info({ outcome }, 'stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
