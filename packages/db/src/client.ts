import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import { Pool } from 'pg';
import type { DB } from './schema';

export interface CreateDbOptions {
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
  /** Told when an idle pooled connection dies (Postgres restarted, connection terminated); the pool replaces it. */
  onIdleConnectionError?: (error: Error) => void;
}

/** Anything queries can run on: the pool-backed instance or an open transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDb(url: string, options: CreateDbOptions = {}): Kysely<DB> {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'arya',
  });
  // Without a listener, pg rethrows such an error as an uncaught exception and the whole process dies.
  pool.on('error', (error) => options.onIdleConnectionError?.(error));
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
