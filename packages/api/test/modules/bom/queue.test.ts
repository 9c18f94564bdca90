import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyOperations } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { createDb, type DB } from '@arya/db';
import { createTestDatabase, type TestDatabase } from '@arya/testing';
import { claimNextRun, completeRun, recoverOrphanedRuns, releaseRuns } from '../../../src/modules/bom/runs-repo';
import { insertFile, insertUsers } from '../../helpers/rows';

let database: TestDatabase;
let db: Kysely<DB>;
let fileId: string;
let alice: string;
let bob: string;
const now = new Date('2026-11-28T03:00:00Z');
/** A real engine outcome, so the stored JSON has the type the table declares. */
const { summary } = applyOperations(generateBomWorkbook({ rows: 20, opsCount: 3, seed: 1 }).bom, { kind: 'sheet' });

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  [alice, bob] = await insertUsers(db, ['alice', 'bob']);
  fileId = await insertFile(db, alice, 'a.xlsx');
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await db.deleteFrom('bom_runs').execute();
});

async function queue(ownerId: string, count: number, at = now): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const queuedAt = new Date(at.getTime() + i);
    const row = await db
      .insertInto('bom_runs')
      .values({ owner_id: ownerId, bom_file_id: fileId, ops_source: 'sheet', queued_at: queuedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

describe('run queue in Postgres', () => {
  it('claims for the owner with fewer runs executing, then the oldest run, within the per-owner limit', async () => {
    const aliceRuns = await queue(alice, 3);
    const bobRuns = await queue(bob, 1, new Date(now.getTime() + 1000));
    const options = { instanceId: 'p1', maxRunningPerOwner: 2, now };
    const first = await claimNextRun(db, options);
    const second = await claimNextRun(db, options);
    const third = await claimNextRun(db, options);
    const fourth = await claimNextRun(db, options);
    // bob's run is younger than alice's second, but alice already has one executing then
    expect([first?.id, second?.id, third?.id]).toEqual([aliceRuns[0], bobRuns[0], aliceRuns[1]]);
    expect(fourth).toBeNull();
    expect(first?.attempts).toBe(1);
  });

  it('owners take turns when a thread frees: an older queue does not keep the thread for its owner', async () => {
    // One thread (the default on two cores): alice queued three runs before bob queued one.
    const aliceRuns = await queue(alice, 3);
    const bobRuns = await queue(bob, 1, new Date(now.getTime() + 1000));
    const options = { instanceId: 'p1', maxRunningPerOwner: 2 };
    const order: string[] = [];
    for (let turn = 0; turn < 4; turn++) {
      const claimed = await claimNextRun(db, { ...options, now: new Date(now.getTime() + 10_000 * (turn + 1)) });
      if (!claimed) throw new Error(`nothing claimed at turn ${turn}`);
      order.push(claimed.id);
      const finished = new Date(now.getTime() + 10_000 * (turn + 1) + 5000);
      await completeRun(db, claimed.id, 'p1', { summary, log: [], diff: [], result: Buffer.from('r'), now: finished });
    }
    expect(order).toEqual([aliceRuns[0], bobRuns[0], aliceRuns[1], aliceRuns[2]]);
  });

  it('several processes claiming at once respect the limit and never share a run', async () => {
    await queue(alice, 8);
    const processes = Array.from({ length: 4 }, () => createDb(database.url, { maxConnections: 2 }));
    try {
      const claims = await Promise.all(
        processes.flatMap((processDb, i) =>
          [0, 1, 2].map(() => claimNextRun(processDb, { instanceId: `p${i}`, maxRunningPerOwner: 2, now })),
        ),
      );
      const claimed = claims.filter((c) => c !== null).map((c) => c.id);
      expect(claimed).toHaveLength(2);
      expect(new Set(claimed).size).toBe(2);
      const running = await db.selectFrom('bom_runs').select('id').where('status', '=', 'running').execute();
      expect(running).toHaveLength(2);
    } finally {
      await Promise.all(processes.map((p) => p.destroy()));
    }
  });

  it('re-queues an orphaned run once, then fails it with the reason', async () => {
    const [runId] = await queue(alice, 1);
    const claimed = await claimNextRun(db, { instanceId: 'lost', maxRunningPerOwner: 2, now });
    expect(claimed?.id).toBe(runId);
    const reason = { code: 'interrupted', message: '中断', messageEn: 'interrupted' };

    expect(await recoverOrphanedRuns(db, new Date(now.getTime() + 10_000), 30_000, reason)).toEqual([]);
    const first = await recoverOrphanedRuns(db, new Date(now.getTime() + 31_000), 30_000, reason);
    expect(first).toEqual([{ id: runId, owner_id: alice, status: 'queued', attempts: 1 }]);

    const later = new Date(now.getTime() + 40_000);
    const again = await claimNextRun(db, { instanceId: 'lost-again', maxRunningPerOwner: 2, now: later });
    expect(again?.attempts).toBe(2);
    const second = await recoverOrphanedRuns(db, new Date(later.getTime() + 31_000), 30_000, reason);
    expect(second.map((r) => r.status)).toEqual(['failed']);
    const row = await db
      .selectFrom('bom_runs')
      .select(['status', 'error', 'finished_at'])
      .where('id', '=', runId!)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: reason });
    expect(row.finished_at).not.toBeNull();
  });

  it('a process that lost its run cannot overwrite it; a released run goes back, the attempt not counted', async () => {
    const [runId] = await queue(alice, 1);
    await claimNextRun(db, { instanceId: 'p1', maxRunningPerOwner: 2, now });
    await releaseRuns(db, 'p1', [runId!]);
    const row = await db
      .selectFrom('bom_runs')
      .select(['status', 'attempts'])
      .where('id', '=', runId!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'queued', attempts: 0 });

    await claimNextRun(db, { instanceId: 'p2', maxRunningPerOwner: 2, now });
    const stored = await completeRun(db, runId!, 'p1', {
      summary,
      log: [],
      diff: [],
      result: Buffer.from('r'),
      now,
    });
    expect(stored).toBe(false);
    expect(await completeRun(db, runId!, 'p2', { summary, log: [], diff: [], result: Buffer.from('r'), now })).toBe(
      true,
    );
  });
});
