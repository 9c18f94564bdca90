import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenancePlugin } from '../src/plugins/maintenance';
import { createTestApp, registerUser, type TestApp } from './helpers';

const DAY = 24 * 60 * 60 * 1000;

describe('maintenance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prunes refresh-token rows expired for over a day, on start and then periodically', async () => {
    await registerUser(t.app, 'prune-first');
    const sessions = () => t.deps.db.selectFrom('sessions').select(['id']).execute();
    const ageAll = () =>
      t.deps.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
        .execute();
    await ageAll();
    expect(await sessions()).toHaveLength(1);

    const host = Fastify();
    await host.register(maintenancePlugin, { deps: t.deps, intervalMs: 100 });
    await host.ready();
    try {
      await expect.poll(sessions, { timeout: 15_000 }).toHaveLength(0);

      await registerUser(t.app, 'prune-second');
      await registerUser(t.app, 'prune-kept');
      await t.deps.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
        .where('user_id', 'in', t.deps.db.selectFrom('users').select('id').where('account', '=', 'prune-second'))
        .execute();
      await expect.poll(sessions, { timeout: 15_000 }).toHaveLength(1);
    } finally {
      await host.close();
    }
  });

  it('deletes finished runs and unused uploads older than BOM_RETENTION_DAYS, and nothing else', async () => {
    const kept = await createTestApp({ env: { BOM_RETENTION_DAYS: '30' } });
    const { db } = kept.deps;
    try {
      await registerUser(kept.app, 'retention-owner');
      const owner = await db
        .selectFrom('users')
        .select('id')
        .where('account', '=', 'retention-owner')
        .executeTakeFirstOrThrow();
      const ago = (days: number) => new Date(Date.now() - days * DAY);
      const file = async (name: string, createdDaysAgo: number) =>
        (
          await db
            .insertInto('bom_files')
            .values({
              owner_id: owner.id,
              kind: 'bom',
              name,
              size: 3,
              sha256: name,
              bytes: Buffer.from('abc'),
              inspect: '{}',
              created_at: ago(createdDaysAgo),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      const run = async (bomFileId: string, status: 'done' | 'failed' | 'queued', finishedDaysAgo: number | null) =>
        (
          await db
            .insertInto('bom_runs')
            .values({
              owner_id: owner.id,
              bom_file_id: bomFileId,
              ops_source: 'sheet',
              status,
              result: status === 'done' ? Buffer.from('result') : null,
              queued_at: ago(finishedDaysAgo ?? 0),
              finished_at: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;

      const oldFile = await file('old-unused', 40);
      const oldFileOfOldRun = await file('old-used-by-old-run', 40);
      const oldRun = await run(oldFileOfOldRun, 'done', 35);
      const oldFileOfNewRun = await file('old-used-by-new-run', 40);
      const newRun = await run(oldFileOfNewRun, 'done', 2);
      const oldFileOfQueuedRun = await file('old-used-by-queued-run', 40);
      const queuedRun = await run(oldFileOfQueuedRun, 'queued', null);
      const newFile = await file('new-unused', 1);

      const host = Fastify();
      await host.register(maintenancePlugin, { deps: kept.deps, intervalMs: 60_000 });
      await host.ready();
      try {
        const liveRuns = () => db.selectFrom('bom_runs').select('id').where('deleted_at', 'is', null).execute();
        await expect
          .poll(async () => (await liveRuns()).map((r) => r.id).toSorted(), { timeout: 15_000 })
          .toEqual([newRun, queuedRun].toSorted());
        const files = await db.selectFrom('bom_files').select(['id', 'deleted_at', 'bytes']).execute();
        const deleted = new Set(files.filter((f) => f.deleted_at !== null).map((f) => f.id));
        expect(deleted).toEqual(new Set([oldFile, oldFileOfOldRun]));
        expect(files.filter((f) => deleted.has(f.id)).map((f) => f.bytes.byteLength)).toEqual([0, 0]);
        expect(deleted.has(newFile)).toBe(false);
        const expiredRun = await db
          .selectFrom('bom_runs')
          .select(['result', 'deleted_at'])
          .where('id', '=', oldRun)
          .executeTakeFirstOrThrow();
        expect(expiredRun.result).toBeNull();
        const audit = await db
          .selectFrom('audit_log')
          .select('details')
          .where('action', '=', 'bom.retention_pruned')
          .execute();
        expect(audit.map((a) => a.details)).toEqual([{ runs: 1, files: 2, retentionDays: 30 }]);
      } finally {
        await host.close();
      }
    } finally {
      await kept.close();
    }
  });
});
