import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import { pino } from 'pino';
import { createDb, onTableWrites, type DB } from '@arya/db';
import { systemClock, type Clock } from './clock';
import type { ApiConfig } from './config';
import type { Logger } from './logger';
import { createAccessCache, type AccessCache } from './modules/auth/access-cache';
import { createRunEventHub, type RunEventHub } from './modules/bom/progress-hub';
import { createRunQueueSignal, type RunQueueSignal } from './modules/bom/queue-signal';
import { createUploadSlots, type UploadSlots } from './modules/bom/upload-slots';
import { createBomWorkerPool, type BomWorkerPool } from './modules/bom/worker-pool';
import { createSmsProvider } from './modules/sms/providers/create';
import type { SmsProvider } from './modules/sms/providers/types';
import { createPasswordHasher, type PasswordHasher } from './security/passwords';
import { createTokenService, type TokenService } from './security/tokens';

/** Everything procedures need, built once per process by the host and closed on shutdown. */
export interface ApiDeps {
  db: Kysely<DB>;
  redis: Redis;
  config: ApiConfig;
  clock: Clock;
  logger: Logger;
  passwords: PasswordHasher;
  tokens: TokenService;
  /** Sends verification codes (Aliyun in production, the console provider in development). */
  sms: SmsProvider;
  /** BOM engine worker threads (started on first use). */
  bomPool: BomWorkerPool;
  /** Wakes this process's BOM runner when a run is queued here. */
  bomQueue: RunQueueSignal;
  /** This process's one Redis subscription for run progress, shared by every `bom.runs.progress` follower. */
  bomProgress: RunEventHub;
  /** Uploads each user has in progress in this process (`BOM_MAX_UPLOADS_PER_USER`), taken before a body is read. */
  bomUploads: UploadSlots;
  /** Comparisons each user has in progress in this process (`BOM_MAX_COMPARES_PER_USER`). */
  bomCompares: UploadSlots;
  /** `bom.files.materialRows` pages each user has in progress in this process (`BOM_MAX_MATERIAL_ROWS_PER_USER`). */
  bomMaterialRows: UploadSlots;
  /** `bom.files.dryRun` checks each user has in progress in this process (`BOM_MAX_DRY_RUNS_PER_USER`). */
  bomDryRuns: UploadSlots;
  /** What the access check read from Postgres, kept current across processes by LISTEN/NOTIFY. */
  access: AccessCache;
}

/**
 * Replace any part (tests pass their own database, Redis and clock). Parts passed in are not closed by `closeApiDeps`.
 */
export type ApiDepsOverrides = Partial<ApiDeps> & {
  /** bcrypt worker threads (default: one per core; they run below the event loop's priority). */
  passwordThreads?: number;
  /** The BOM engine's worker file (bundled hosts ship their own build of it). */
  bomWorkerFilename?: string;
};

const closers = new WeakMap<ApiDeps, Array<() => Promise<void>>>();

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is not set and no replacement was passed to createApiDeps`);
  return value;
}

export async function createApiDeps(config: ApiConfig, overrides: ApiDepsOverrides = {}): Promise<ApiDeps> {
  // Every missing variable is reported before anything opens, so a bad config leaks no pool.
  const dbSource = overrides.db ?? required(config.DATABASE_URL, 'DATABASE_URL');
  const redisSource = overrides.redis ?? required(config.REDIS_URL, 'REDIS_URL');
  const owned: Array<() => Promise<void>> = [];
  const clock = overrides.clock ?? systemClock;
  const logger = overrides.logger ?? pino({ level: config.NODE_ENV === 'test' ? 'silent' : 'info' });

  let db: Kysely<DB>;
  if (typeof dbSource === 'string') {
    const ownDb = createDb(dbSource, {
      onIdleConnectionError: (error) =>
        logger.warn({ err: error }, 'an idle Postgres connection was lost; the pool replaces it'),
    });
    owned.push(() => ownDb.destroy());
    db = ownDb;
  } else {
    db = dbSource;
  }

  // The access cache listens on its own connection (DATABASE_URL); this process's own writes to the rows it keeps
  // drop it at once, before their commit is even notified.
  const access = overrides.access ?? createAccessCache({ databaseUrl: config.DATABASE_URL, logger });
  if (!overrides.access) owned.push(() => access.close());
  db = db.withPlugin(onTableWrites(['users', 'sessions'], () => access.clear()));

  let redis: Redis;
  if (typeof redisSource === 'string') {
    const ownRedis = new Redis(redisSource, { maxRetriesPerRequest: 3 });
    owned.push(async () => {
      await ownRedis.quit();
    });
    redis = ownRedis;
  } else {
    redis = redisSource;
  }

  const passwords =
    overrides.passwords ??
    createPasswordHasher({
      cost: config.BCRYPT_COST,
      threads: overrides.passwordThreads,
      maxWaitingPerClient: config.PASSWORD_QUEUE_PER_ADDRESS,
    });
  if (!overrides.passwords) owned.push(() => passwords.close());

  const tokens =
    overrides.tokens ??
    (await createTokenService({
      signingKey: config.JWT_PRIVATE_KEY,
      extraPublicKeys: config.JWT_PUBLIC_KEYS?.keys,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      clock,
    }));

  const sms = overrides.sms ?? createSmsProvider(config, logger);
  const bomPool =
    overrides.bomPool ??
    createBomWorkerPool({
      ...(config.BOM_WORKER_THREADS === undefined ? {} : { threads: config.BOM_WORKER_THREADS }),
      ...(overrides.bomWorkerFilename === undefined ? {} : { filename: overrides.bomWorkerFilename }),
    });
  if (!overrides.bomPool) owned.push(() => bomPool.close());
  const bomQueue = overrides.bomQueue ?? createRunQueueSignal();
  const bomProgress = overrides.bomProgress ?? createRunEventHub(redis, logger);
  if (!overrides.bomProgress) owned.push(async () => bomProgress.close());
  const bomUploads = overrides.bomUploads ?? createUploadSlots(config.BOM_MAX_UPLOADS_PER_USER);
  const bomCompares = overrides.bomCompares ?? createUploadSlots(config.BOM_MAX_COMPARES_PER_USER);
  const bomMaterialRows = overrides.bomMaterialRows ?? createUploadSlots(config.BOM_MAX_MATERIAL_ROWS_PER_USER);
  const bomDryRuns = overrides.bomDryRuns ?? createUploadSlots(config.BOM_MAX_DRY_RUNS_PER_USER);

  const deps: ApiDeps = {
    db,
    redis,
    config,
    clock,
    logger,
    passwords,
    tokens,
    sms,
    bomPool,
    bomQueue,
    bomProgress,
    bomUploads,
    bomCompares,
    bomMaterialRows,
    bomDryRuns,
    access,
  };
  closers.set(deps, owned);
  return deps;
}

/** Closes what `createApiDeps` opened (pools, Redis, worker threads), newest first. */
export async function closeApiDeps(deps: ApiDeps): Promise<void> {
  const owned = closers.get(deps) ?? [];
  closers.delete(deps);
  for (const close of owned.toReversed()) await close();
}
