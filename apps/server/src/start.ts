import type { FastifyInstance } from 'fastify';
import { createFirstAdmin } from '@arya/api';
import { buildApp } from './app';
import type { Config } from './config';
import { openRuntime, type Runtime } from './runtime';
import { exitOnSignals } from './shutdown';

export interface StartedServer {
  app: FastifyInstance;
  config: Config;
  url: string;
}

/** Creates the first admin from ADMIN_ACCOUNT / ADMIN_PASSWORD when both are set and no admin exists yet. */
async function ensureEnvAdmin({ deps, config, log }: Runtime): Promise<void> {
  if (!config.ADMIN_ACCOUNT || !config.ADMIN_PASSWORD) return;
  const outcome = await createFirstAdmin(deps, {
    account: config.ADMIN_ACCOUNT,
    password: config.ADMIN_PASSWORD,
    onlyIfNoAdmin: true,
  });
  log.info({ account: config.ADMIN_ACCOUNT, outcome }, 'first admin from environment');
}

/** Opens the runtime, builds the app, listens on HOST:PORT and drains on SIGINT/SIGTERM. */
export async function startServer(env: NodeJS.ProcessEnv = process.env): Promise<StartedServer> {
  const runtime = await openRuntime(env);
  const { config, deps, log } = runtime;
  try {
    await ensureEnvAdmin(runtime);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const app = await buildApp({ config, deps, logger: log });
  // After the app's own close hooks (BOM runner, then deps): only then may dev Postgres/Redis stop.
  exitOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, () => runtime.close());
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  return { app, config, url: `http://${shownHost}:${port}` };
}
