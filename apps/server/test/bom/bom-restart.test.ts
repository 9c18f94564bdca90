import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import {
  collectProgress,
  listeningApp,
  loginClient,
  signedInClient,
  startServerProcess,
  xlsxForm,
  type ListeningApp,
} from './harness';

// Short heartbeats so a killed process's run is found orphaned within a couple of seconds.
const bomEnv = { BOM_HEARTBEAT_MS: '200', BOM_STALE_AFTER_MS: '1500' };

let owner: ListeningApp;
let child: ChildProcess | undefined;
const cleanups: Array<() => Promise<void>> = [];

/** The run's row in Postgres, to select columns from. */
const runRow = (runId: string) => owner.deps.db.selectFrom('bom_runs').where('id', '=', runId);

beforeAll(async () => {
  // Owns the test database and Redis prefix; its runner is stopped so the run goes to the process started below.
  owner = await listeningApp({ env: bomEnv });
  await owner.app.bomRunner.stop();
  await signedInClient(owner, 'restart-user');
});
afterAll(async () => {
  child?.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
  await owner?.close();
});

describe('bom: runs that outlive their process or their time', { timeout: 120_000 }, () => {
  it('the run is retried by the next process and finishes; the owner sees it through', async () => {
    const started = await startServerProcess(owner, bomEnv);
    child = started.process;
    const generated = generateBomWorkbook({ rows: 20_000, opsCount: 2000, seed: 20 });
    const client = await loginClient(started.baseUrl, 'restart-user');
    const file = await client.bom.files.upload.mutate(xlsxForm(generated.bom, 'big.xlsx'));
    const { runId } = await client.bom.runs.create.mutate({ bomFileId: file.fileId });
    // The child process's Redis has no test prefix: remove the stream it started.
    cleanups.push(async () => {
      const unprefixed = new Redis(owner.config.REDIS_URL!);
      await unprefixed.del(`bom:run:${runId}:events`);
      unprefixed.disconnect();
    });

    // Kill it (no shutdown hooks) as soon as it has claimed the run.
    const claimedBy = await (async () => {
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const row = await runRow(runId).select(['status', 'claimed_by']).executeTakeFirstOrThrow();
        if (row.status === 'running' && row.claimed_by) return row.claimed_by;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the server process never claimed the run');
    })();
    child.kill('SIGKILL');
    await once(child, 'exit');
    const orphan = await runRow(runId).select(['status', 'attempts', 'result']).executeTakeFirstOrThrow();
    expect(orphan).toEqual({ status: 'running', attempts: 1, result: null });

    // The next process (sharing Postgres and Redis) finds the orphan at start, re-queues it once and runs it.
    const next = await listeningApp({ env: bomEnv, shareWith: owner });
    try {
      const viaNext = await loginClient(next.baseUrl, 'restart-user');
      const events = await collectProgress(viaNext, runId);
      expect(events.some((e) => e.data.note === 'retrying after a server restart')).toBe(true);
      expect(events.at(-1)?.data).toMatchObject({ status: 'done', percent: 100 });

      const run = await viaNext.bom.runs.get.query({ runId });
      expect(run).toMatchObject({ status: 'done', attempts: 2, error: null });
      expect(run.log).toEqual(applyOperations(generated.bom, { kind: 'sheet' }).log);
      const row = await runRow(runId).select('claimed_by').executeTakeFirstOrThrow();
      expect(row.claimed_by).not.toBe(claimedBy);
      const audit = await owner.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', 'like', 'bom.run_%')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['bom.run_created', 'bom.run_retried', 'bom.run_succeeded']);
    } finally {
      await next.close();
    }
  }, 120_000);

  it('a graceful shutdown puts its running run back in the queue, and another process finishes it', async () => {
    const generated = generateBomWorkbook({ rows: 20_000, opsCount: 2000, seed: 21 });
    const leaving = await listeningApp({ env: bomEnv, shareWith: owner });
    const client = await loginClient(leaving.baseUrl, 'restart-user');
    const file = await client.bom.files.upload.mutate(xlsxForm(generated.bom, 'graceful.xlsx'));
    const { runId } = await client.bom.runs.create.mutate({ bomFileId: file.fileId });
    // Claimed within seconds on an idle machine; the deadline is for a loaded one.
    const claimDeadline = Date.now() + 60_000;
    while (!leaving.app.bomRunner.running().includes(runId) && Date.now() < claimDeadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(leaving.app.bomRunner.running()).toContain(runId);
    await leaving.close();
    const released = await runRow(runId).select(['status', 'attempts', 'claimed_by']).executeTakeFirstOrThrow();
    expect(released).toEqual({ status: 'queued', attempts: 0, claimed_by: null });

    const next = await listeningApp({ env: bomEnv, shareWith: owner });
    try {
      const viaNext = await loginClient(next.baseUrl, 'restart-user');
      expect((await collectProgress(viaNext, runId)).at(-1)?.data.status).toBe('done');
      expect(await viaNext.bom.runs.get.query({ runId })).toMatchObject({ status: 'done', attempts: 1 });
    } finally {
      await next.close();
    }
  }, 120_000);

  it('a run that exceeds BOM_RUN_TIMEOUT_MS is stopped and failed with a reason the owner can act on', async () => {
    const strict = await listeningApp({ env: { ...bomEnv, BOM_RUN_TIMEOUT_MS: '100' }, shareWith: owner });
    try {
      const client = await loginClient(strict.baseUrl, 'restart-user');
      const file = await client.bom.files.upload.mutate(
        xlsxForm(generateBomWorkbook({ rows: 20_000, opsCount: 2000, seed: 22 }).bom, 'slow.xlsx'),
      );
      const { runId } = await client.bom.runs.create.mutate({ bomFileId: file.fileId });
      const last = (await collectProgress(client, runId)).at(-1)!;
      expect(last.data).toMatchObject({ status: 'failed', error: { code: 'timeout' } });
      expect(last.data.error?.message).toContain('0.1 秒');
      expect(await client.bom.runs.get.query({ runId })).toMatchObject({
        status: 'failed',
        result: null,
        summary: null,
      });
    } finally {
      await strict.close();
    }
  });
});
