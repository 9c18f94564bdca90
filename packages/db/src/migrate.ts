import type { Kysely } from 'kysely';
import { Migrator, NO_MIGRATIONS, type MigrationResult } from 'kysely/migration';
import { migrations } from './migrations';

export interface MigrationReport {
  applied: MigrationResult[];
}

function createMigrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: { error?: unknown; results?: MigrationResult[] }): MigrationReport {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`, { cause: result.error });
  }
  return { applied: result.results ?? [] };
}

/**
 * Applies every pending migration. Kysely's Postgres adapter runs them in one transaction holding
 * `pg_advisory_xact_lock`, so several instances starting at once migrate one after another, and the later ones find
 * nothing to do.
 */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationReport> {
  return unwrap(await createMigrator(db as Kysely<unknown>).migrateToLatest());
}

export async function migrateUp<T>(db: Kysely<T>): Promise<MigrationReport> {
  return unwrap(await createMigrator(db as Kysely<unknown>).migrateUp());
}

export async function migrateDown<T>(db: Kysely<T>): Promise<MigrationReport> {
  return unwrap(await createMigrator(db as Kysely<unknown>).migrateDown());
}

/** Reverts everything (tests of `down`). */
export async function migrateToEmpty<T>(db: Kysely<T>): Promise<MigrationReport> {
  return unwrap(await createMigrator(db as Kysely<unknown>).migrateTo(NO_MIGRATIONS));
}
