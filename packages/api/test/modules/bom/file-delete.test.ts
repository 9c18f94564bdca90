import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@arya/testing';
import { systemClock } from '../../../src/clock';
import type { RequestInfo } from '../../../src/context';
import { lockLiveFiles } from '../../../src/modules/bom/files-repo';
import { deleteFile } from '../../../src/modules/bom/files-service';
import { appErrorOf } from '../../helpers/errors';
import { insertFile, insertUsers } from '../../helpers/rows';

let database: TestDatabase;
let alice: string;
let bob: string;
const request: RequestInfo = { ip: '192.0.2.5', userAgent: 'vitest', headers: {}, cookies: {} };

beforeAll(async () => {
  database = await createTestDatabase();
  [alice, bob] = await insertUsers(database.db, ['alice', 'bob']);
});
afterAll(async () => {
  await database.drop();
});

const deps = () => ({ db: database.db, clock: systemClock });

const upload = (name: string) => insertFile(database.db, alice, name);

async function runOn(fileId: string, status: 'queued' | 'running' | 'done'): Promise<void> {
  await database.db
    .insertInto('bom_runs')
    .values({ owner_id: alice, bom_file_id: fileId, ops_source: 'sheet', status, queued_at: new Date() })
    .execute();
}

describe('deleting an upload', () => {
  it('drops its bytes and records it; runs that used it stay; another user gets NOT_FOUND, an admin may', async () => {
    const fileId = await upload('a.xlsx');
    await runOn(fileId, 'done');
    expect((await appErrorOf(deleteFile(deps(), { userId: bob, isAdmin: false }, fileId, request))).code).toBe(
      'NOT_FOUND',
    );

    await deleteFile(deps(), { userId: alice, isAdmin: false }, fileId, request);
    const row = await database.db
      .selectFrom('bom_files')
      .select(['deleted_at', 'bytes'])
      .where('id', '=', fileId)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect(row.bytes.byteLength).toBe(0);
    expect(
      await database.db.selectFrom('bom_runs').select('id').where('bom_file_id', '=', fileId).execute(),
    ).toHaveLength(1);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'details'])
      .where('action', '=', 'bom.file_deleted')
      .execute();
    expect(audit).toEqual([{ actor_user_id: alice, details: { fileId, name: 'a.xlsx', kind: 'bom' } }]);
    // already gone
    expect((await appErrorOf(deleteFile(deps(), { userId: alice, isAdmin: false }, fileId, request))).code).toBe(
      'NOT_FOUND',
    );

    const other = await upload('b.xlsx');
    await deleteFile(deps(), { userId: bob, isAdmin: true }, other, request);
  });

  it('is refused with CONFLICT while a queued or running run uses the file', async () => {
    for (const status of ['queued', 'running'] as const) {
      const fileId = await upload(`${status}.xlsx`);
      await runOn(fileId, status);
      const refused = await appErrorOf(deleteFile(deps(), { userId: alice, isAdmin: false }, fileId, request));
      expect({ code: refused.code, key: refused.messageKey }).toEqual({ code: 'CONFLICT', key: 'bom.fileInUse' });
    }
  });

  it('waits for a run being created from the file, then sees it and refuses', async () => {
    const fileId = await upload('racing.xlsx');
    let deletion: Promise<unknown> | undefined;
    await database.db.transaction().execute(async (trx) => {
      // what createRun does: lock the file shared, insert the run, commit
      expect(await lockLiveFiles(trx, [fileId], 'share')).toBe(1);
      deletion = deleteFile(deps(), { userId: alice, isAdmin: false }, fileId, request).then(
        () => 'deleted',
        (error: unknown) => error,
      );
      await deletionWaitingOnLock();
      await trx
        .insertInto('bom_runs')
        .values({ owner_id: alice, bom_file_id: fileId, ops_source: 'sheet', status: 'queued', queued_at: new Date() })
        .execute();
    });
    const outcome = await deletion;
    expect(outcome).not.toBe('deleted');
    expect((await appErrorOf(Promise.reject(outcome))).messageKey).toBe('bom.fileInUse');
  });
});

/** Until another backend of this database waits on a row lock: the deletion has reached the file's lock. */
async function deletionWaitingOnLock(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`.execute(database.db);
    if ((rows[0]?.waiting ?? 0) > 0) return;
    await sleep(20);
  }
  throw new Error('the deletion never waited for the lock the run creation holds');
}
