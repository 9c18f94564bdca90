import { sql, type Kysely } from 'kysely';
import { addUpdatedAtTrigger } from './helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bom_files')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bom', 'ops')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('inspect', 'jsonb', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Identical bytes from the same owner reuse one row; the index also makes that look-up cheap.
  await sql`create unique index bom_files_owner_sha_live_key on bom_files (owner_id, kind, sha256)
    where deleted_at is null`.execute(db);
  // bytea would be TOAST-compressed on write; xlsx is already deflated, so skip the wasted CPU.
  await sql`alter table bom_files alter column bytes set storage external`.execute(db);
  await addUpdatedAtTrigger(db, 'bom_files');

  await db.schema
    .createTable('bom_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('bom_file_id', 'uuid', (c) => c.notNull().references('bom_files.id'))
    .addColumn('ops_file_id', 'uuid', (c) => c.references('bom_files.id'))
    .addColumn('ops_source', 'text', (c) => c.notNull().check(sql`ops_source in ('sheet', 'workbook', 'rows')`))
    .addColumn('ops', 'jsonb')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued', 'running', 'done', 'failed')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('summary', 'jsonb')
    .addColumn('log', 'jsonb')
    .addColumn('diff', 'jsonb')
    .addColumn('result', 'bytea')
    .addColumn('result_size', 'integer')
    .addColumn('error', 'jsonb')
    .addColumn('queued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .addColumn('deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table bom_runs alter column result set storage external`.execute(db);
  // The queue: oldest queued first.
  await sql`create index bom_runs_queued_idx on bom_runs (queued_at, id) where status = 'queued'`.execute(db);
  // Per-owner running count (concurrency limit) and crash recovery.
  await sql`create index bom_runs_running_idx on bom_runs (owner_id) where status = 'running'`.execute(db);
  // History pages: newest first, per owner and overall.
  await sql`create index bom_runs_owner_created_idx on bom_runs (owner_id, created_at desc, id desc)
    where deleted_at is null`.execute(db);
  await sql`create index bom_runs_created_idx on bom_runs (created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );
  await addUpdatedAtTrigger(db, 'bom_runs');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bom_runs').execute();
  await db.schema.dropTable('bom_files').execute();
}
