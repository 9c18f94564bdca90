/**
 * Issue 10 item 3: one user cannot pile up queued runs. `BOM_MAX_QUEUED_PER_USER` is counted under the owner's queue
 * lock, so 20 starts at once from two server processes (two pools) still queue exactly the limit.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DB } from '@arya/db';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { apiConfigSchema, translate, type ApiConfig } from '../../../src';
import { systemClock } from '../../../src/clock';
import type { RequestInfo } from '../../../src/context';
import { AppError } from '../../../src/errors';
import { createRunQueueSignal } from '../../../src/modules/bom/queue-signal';
import { claimNextRun } from '../../../src/modules/bom/runs-repo';
import { createRun, deleteRun } from '../../../src/modules/bom/runs-service';
import { baseTestConfig } from '../../helpers/harness';
import { insertFile, insertUsers } from '../../helpers/rows';

const MAX_QUEUED = 5;
let database: TestDatabase;
let redis: TestRedis;
let otherProcessDb: Kysely<DB>;
let config: ApiConfig;
let alice: string;
let bob: string;
const request: RequestInfo = { ip: '192.0.2.9', userAgent: 'vitest', headers: {}, cookies: {} };

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  otherProcessDb = createDb(database.url, { maxConnections: 10 });
  config = apiConfigSchema.parse({
    ...(await baseTestConfig()),
    BOM_MAX_QUEUED_PER_USER: String(MAX_QUEUED),
  });
  [alice, bob] = await insertUsers(database.db, ['alice', 'bob']);
});
afterAll(async () => {
  await otherProcessDb.destroy();
  await redis.cleanup();
  await database.drop();
});

/** A BOM and an operations upload of `owner` (only their rows matter to queueing). */
async function filesOf(owner: string): Promise<{ bomFileId: string; opsFileId: string }> {
  return {
    bomFileId: await insertFile(database.db, owner, 'bom.xlsx'),
    opsFileId: await insertFile(database.db, owner, 'ops.xlsx', 'ops'),
  };
}

const depsOn = (db: Kysely<DB>) => ({
  db,
  redis: redis.redis,
  clock: systemClock,
  config,
  bomQueue: createRunQueueSignal(),
});

const start = (db: Kysely<DB>, owner: string, input: { bomFileId: string; opsFileId: string }) =>
  createRun(depsOn(db), { userId: owner, isAdmin: false }, input, request, 'en');

async function queuedCount(owner: string): Promise<number> {
  const rows = await database.db
    .selectFrom('bom_runs')
    .select('id')
    .where('owner_id', '=', owner)
    .where('status', '=', 'queued')
    .where('deleted_at', 'is', null)
    .execute();
  return rows.length;
}

describe('BOM_MAX_QUEUED_PER_USER', () => {
  it('20 parallel starts from two processes queue exactly the limit; the rest get TOO_MANY_REQUESTS', async () => {
    const files = await filesOf(alice);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => start(i % 2 === 0 ? database.db : otherProcessDb, alice, files)),
    );
    const accepted = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(accepted).toHaveLength(MAX_QUEUED);
    expect(refused).toHaveLength(20 - MAX_QUEUED);
    for (const error of refused) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'bom.tooManyQueuedRuns' });
      expect((error as AppError).params).toEqual({ max: MAX_QUEUED });
    }
    expect(await queuedCount(alice)).toBe(MAX_QUEUED);
    // Nothing of a refused start is left behind: no run row, no audit row.
    const audited = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'bom.run_created')
      .where('actor_user_id', '=', alice)
      .execute();
    expect(audited).toHaveLength(MAX_QUEUED);
  });

  it('says what to do, in both languages', () => {
    expect(translate('bom.tooManyQueuedRuns', { max: MAX_QUEUED }, 'en')).toMatch(
      /5 runs waiting.*Wait for one to start or finish, or delete a queued run/,
    );
    expect(translate('bom.tooManyQueuedRuns', { max: MAX_QUEUED }, 'zh-CN')).toMatch(/5 个运行在排队.*删除/);
  });

  it('is per user, and frees a place when a queued run starts or is deleted', async () => {
    const bobFiles = await filesOf(bob);
    await start(database.db, bob, bobFiles); // alice's full queue does not stop bob
    const aliceFiles = await database.db
      .selectFrom('bom_files')
      .select(['id', 'kind'])
      .where('owner_id', '=', alice)
      .execute();
    const files = {
      bomFileId: aliceFiles.find((f) => f.kind === 'bom')!.id,
      opsFileId: aliceFiles.find((f) => f.kind === 'ops')!.id,
    };
    await expect(start(database.db, alice, files)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // A run that starts executing leaves the queue: the owner may queue another.
    const claimed = await claimNextRun(database.db, { instanceId: 'p1', maxRunningPerOwner: 2, now: new Date() });
    expect(claimed?.owner_id).toBe(alice);
    await start(database.db, alice, files);
    await expect(start(database.db, alice, files)).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // Deleting a queued run ("cancel") frees its place.
    const queued = await database.db
      .selectFrom('bom_runs')
      .select('id')
      .where('owner_id', '=', alice)
      .where('status', '=', 'queued')
      .limit(1)
      .executeTakeFirstOrThrow();
    await deleteRun(depsOn(database.db), { userId: alice, isAdmin: false }, queued.id, request);
    await start(database.db, alice, files);
    expect(await queuedCount(alice)).toBe(MAX_QUEUED);
  });
});
