import { join } from 'node:path';
import { hasRedisServerBinary, startEmbeddedPostgres, startRedisServer, type LocalService } from '@arya/dev-services';
import type { Config } from '../config';

export interface LocalServices {
  databaseUrl: string;
  /** Undefined when neither REDIS_URL nor redis-server is available: the caller uses the in-process store. */
  redisUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * Development only: fills in whatever DATABASE_URL / REDIS_URL leave open. Postgres is an embedded
 * cluster kept under `DATA_DIR/postgres`; Redis is a `redis-server` on a free port when installed.
 */
export async function startLocalServices(
  config: Pick<Config, 'DATA_DIR' | 'DATABASE_URL' | 'REDIS_URL'>,
  log: (line: string) => void,
): Promise<LocalServices> {
  const started: LocalService[] = [];
  const stop = async () => {
    await Promise.allSettled(started.toReversed().map((service) => service.stop()));
  };
  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: join(config.DATA_DIR, 'postgres'),
        persistent: true,
        log,
      });
      started.push(postgres);
      databaseUrl = postgres.url;
    }
    let redisUrl = config.REDIS_URL;
    if (!redisUrl && hasRedisServerBinary()) {
      const redis = await startRedisServer(log);
      started.push(redis);
      redisUrl = redis.url;
    }
    return { databaseUrl, redisUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
