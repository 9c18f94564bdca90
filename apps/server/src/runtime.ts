import type { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { closeApiDeps, createApiDeps, type ApiDeps, type ApiDepsOverrides } from '@arya/api';
import { migrateToLatest } from '@arya/db';
import { ConfigError, parseConfig, serverEnvSchema, type Config } from './config';
import { createInProcessRedis } from './dev/in-process-redis';
import { startLocalServices } from './dev/local-services';
import { loadOrCreateDevSigningKey } from './dev/signing-key';
import { loggerOptions } from './logging';

/** What the server and the CLIs run on: parsed config, API deps, and whatever local services dev mode started. */
export interface Runtime {
  config: Config;
  deps: ApiDeps;
  log: Logger;
  /** Closes deps and stops local services (idempotent). */
  close(): Promise<void>;
}

/** Reads the environment once. Outside production a missing signing key is replaced by the persisted dev key. */
async function readConfig(env: NodeJS.ProcessEnv): Promise<Config> {
  const hostEnv = serverEnvSchema.pick({ NODE_ENV: true, DATA_DIR: true }).safeParse(env);
  if (hostEnv.success && hostEnv.data.NODE_ENV !== 'production' && !env.JWT_PRIVATE_KEY) {
    return parseConfig({ ...env, JWT_PRIVATE_KEY: await loadOrCreateDevSigningKey(hostEnv.data.DATA_DIR) });
  }
  return parseConfig(env);
}

/** Prints the config problems (each names its variable) and exits 1: a bad config must stop the process. */
export async function readConfigOrExit(env: NodeJS.ProcessEnv): Promise<Config> {
  try {
    return await readConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

/**
 * Production uses only what the environment names. Development fills the gaps: embedded Postgres,
 * a spawned redis-server or, failing that, an in-process stand-in. Pending migrations are applied
 * (advisory-locked, so several instances may start together). A CLI may replace the SMS provider (it sends none).
 */
export async function openRuntime(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Pick<ApiDepsOverrides, 'sms'> = {},
): Promise<Runtime> {
  let config = await readConfigOrExit(env);
  const log = pino(loggerOptions(config));

  const local =
    config.NODE_ENV === 'production'
      ? { databaseUrl: config.DATABASE_URL, redisUrl: config.REDIS_URL, stop: async () => {} }
      : await startLocalServices(config, (line) => log.info(line));
  config = { ...config, DATABASE_URL: local.databaseUrl, REDIS_URL: local.redisUrl };

  let inProcessRedis: Redis | undefined;
  if (!config.REDIS_URL) {
    if (config.NODE_ENV !== 'development') {
      await local.stop();
      throw new Error(
        'REDIS_URL is not set and redis-server is not installed (the in-process stand-in is for development only)',
      );
    }
    log.warn(
      'no REDIS_URL and no redis-server binary: using an in-process Redis stand-in (dev only; limits hold per process)',
    );
    inProcessRedis = await createInProcessRedis();
  }

  let deps: ApiDeps;
  try {
    deps = await createApiDeps(config, {
      ...overrides,
      logger: log,
      ...(inProcessRedis ? { redis: inProcessRedis } : {}),
    });
  } catch (error) {
    inProcessRedis?.disconnect();
    await local.stop();
    throw error;
  }
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await closeApiDeps(deps);
      inProcessRedis?.disconnect();
      await local.stop();
    })());

  try {
    const { applied } = await migrateToLatest(deps.db);
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.migrationName) }, 'migrations applied');
  } catch (error) {
    await close();
    throw error;
  }
  return { config, deps, log, close };
}
