import { sql, type Kysely } from 'kysely';
import { addUpdatedAtTrigger } from './helpers';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('result_code', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('accepted', 'boolean', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index sms_messages_created_idx on sms_messages (id desc)`.execute(db);
  await addUpdatedAtTrigger(db, 'sms_messages');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sms_messages').execute();
}
