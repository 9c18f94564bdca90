import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ApplyResult } from '@arya/bom';
import type { BomRunFailure } from '@arya/db';
import type { ApiDeps } from '../../deps';
import { recordAudit } from '../../lib/audit';
import { translate } from '../../messages';
import { engineLimits } from './engine-limits';
import type { ApplyOpsInput } from './engine-task';
import { readFileBytes } from './files-repo';
import { overallPercent, publishRunEvent, type RunEvent } from './progress';
import {
  claimNextRun,
  completeRun,
  failRun,
  MAX_ATTEMPTS,
  recoverOrphanedRuns,
  releaseRuns,
  touchHeartbeats,
  type ClaimedRun,
} from './runs-repo';
import { EngineTimeoutError } from './worker-pool';

type RunnerDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'logger' | 'bomPool' | 'bomQueue'>;

export interface BomRunner {
  /** This process's id in `bom_runs.claimed_by`. */
  readonly instanceId: string;
  /** Runs executing in this process now. */
  running: () => string[];
  /** Looks for queued runs now (also done on every poll tick). */
  wake: () => void;
  /** Recovers orphaned runs now (also done on start and every few heartbeats). */
  recover: () => Promise<void>;
  /**
   * Stops claiming. `release` (graceful shutdown) puts this process's running runs back in the queue for another
   * process; otherwise they are left as they are, as a crash would.
   */
  stop: (options?: { release?: boolean }) => Promise<void>;
}

const failure = (code: string, messageZh: string, messageEn: string): BomRunFailure => ({
  code,
  message: messageZh,
  messageEn,
});

const interrupted = () =>
  failure('interrupted', translate('bom.runInterrupted', {}, 'zh-CN'), translate('bom.runInterrupted', {}, 'en'));

async function opsInputOf(deps: RunnerDeps, run: ClaimedRun): Promise<ApplyOpsInput> {
  switch (run.ops_source) {
    case 'sheet':
      return { kind: 'sheet' };
    case 'rows':
      return { kind: 'rows', rows: run.ops ?? [] };
    case 'workbook': {
      const bytes = run.ops_file_id ? await readFileBytes(deps.db, run.ops_file_id) : undefined;
      if (!bytes) throw new Error(`ops file of run ${run.id} is missing`);
      return { kind: 'workbook', bytes };
    }
  }
}

/**
 * Claims queued runs while this process has free worker threads, runs them in the pool, and stores each outcome in
 * one transaction. Progress goes to the run's Redis stream, where subscribers on any process read it.
 */
export function startBomRunner(deps: RunnerDeps): BomRunner {
  const instanceId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const capacity = deps.bomPool.threads;
  const active = new Map<string, Promise<void>>();
  let stopped = false;
  let claiming: Promise<void> | null = null;
  let claimAgain = false;

  const publish = (runId: string, event: RunEvent) =>
    publishRunEvent(deps.redis, runId, event).catch((error: unknown) =>
      deps.logger.warn({ err: error, runId }, 'run event not published'),
    );

  async function audit(
    run: ClaimedRun,
    action: 'bom.run_succeeded' | 'bom.run_failed',
    trx: Parameters<typeof recordAudit>[0],
    details: Record<string, string | number | boolean | null>,
  ) {
    await recordAudit(trx, null, {
      action,
      actorUserId: null,
      subjectUserId: run.owner_id,
      at: deps.clock.now(),
      details: { runId: run.id, ...details },
    });
  }

  async function storeSuccess(run: ClaimedRun, result: ApplyResult): Promise<boolean> {
    return deps.db.transaction().execute(async (trx) => {
      const stored = await completeRun(trx, run.id, instanceId, {
        summary: result.summary,
        log: result.log,
        diff: result.diff,
        result: Buffer.from(result.workbook.buffer, result.workbook.byteOffset, result.workbook.byteLength),
        now: deps.clock.now(),
      });
      if (stored) {
        await audit(run, 'bom.run_succeeded', trx, {
          rowsChanged: result.summary.rowsChanged,
          ops: result.summary.opsTotal,
          attempts: run.attempts,
        });
      }
      return stored;
    });
  }

  async function storeFailure(run: ClaimedRun, error: BomRunFailure): Promise<boolean> {
    return deps.db.transaction().execute(async (trx) => {
      const stored = await failRun(trx, run.id, instanceId, error, deps.clock.now());
      if (stored) await audit(run, 'bom.run_failed', trx, { code: error.code, attempts: run.attempts });
      return stored;
    });
  }

  async function execute(run: ClaimedRun): Promise<void> {
    const log = { runId: run.id, attempt: run.attempts };
    try {
      await publish(run.id, { status: 'running', phase: 'read', percent: 0 });
      const bom = await readFileBytes(deps.db, run.bom_file_id);
      if (!bom) throw new Error(`BOM file of run ${run.id} is missing`);
      const ops = await opsInputOf(deps, run);
      let last = '';
      const outcome = await deps.bomPool.apply(
        { bom, ops, limits: engineLimits(deps.config) },
        ({ phase, percent }) => {
          const overall = overallPercent(phase, percent);
          if (`${phase}:${overall}` === last) return;
          last = `${phase}:${overall}`;
          void publish(run.id, { status: 'running', phase, percent: overall });
        },
        deps.config.BOM_RUN_TIMEOUT_MS,
      );
      if (stopped) return; // the pool closed under a finished task: leave the run to recovery
      if (!outcome.ok) {
        const error = failure(outcome.refusal.code, outcome.refusal.messageZh, outcome.refusal.messageEn);
        if (await storeFailure(run, error))
          await publish(run.id, { status: 'failed', phase: 'failed', percent: 100, error });
        return;
      }
      await publish(run.id, { status: 'running', phase: 'save', percent: 96 });
      if (await storeSuccess(run, outcome.value))
        await publish(run.id, { status: 'done', phase: 'done', percent: 100 });
      else deps.logger.warn(log, 'run finished after another process took it over; result discarded');
    } catch (error) {
      // A closing pool (shutdown or crash simulation) is not the run's fault: recovery gives it to another process.
      if (stopped) return;
      deps.logger.error({ ...log, err: error }, 'bom run failed');
      const timedOut = error instanceof EngineTimeoutError;
      const key = timedOut ? 'bom.runTimedOut' : 'bom.runFailedInternal';
      const params = { seconds: Math.round(deps.config.BOM_RUN_TIMEOUT_MS / 100) / 10 };
      const reason = failure(
        timedOut ? 'timeout' : 'internal',
        translate(key, params, 'zh-CN'),
        translate(key, params, 'en'),
      );
      if (await storeFailure(run, reason).catch(() => false))
        await publish(run.id, { status: 'failed', phase: 'failed', percent: 100, error: reason });
    }
  }

  async function claimWhileFree(): Promise<void> {
    // `stopped` changes while awaiting, hence the check on every turn.
    for (;;) {
      if (stopped || active.size >= capacity) return;
      const run = await claimNextRun(deps.db, {
        instanceId,
        maxRunningPerOwner: deps.config.BOM_MAX_RUNNING_PER_USER,
        now: () => deps.clock.now(),
      });
      if (!run || stopped) return;
      const task = execute(run).finally(() => {
        active.delete(run.id);
        wake(); // a slot is free, and the owner may have more queued
      });
      active.set(run.id, task);
    }
  }

  function wake(): void {
    if (stopped) return;
    if (claiming) {
      claimAgain = true;
      return;
    }
    claiming = claimWhileFree()
      .catch((error: unknown) => deps.logger.error({ err: error }, 'claiming bom runs failed'))
      .finally(() => {
        claiming = null;
        if (claimAgain) {
          claimAgain = false;
          wake();
        }
      });
  }

  async function recover(): Promise<void> {
    const recovered = await recoverOrphanedRuns(
      deps.db,
      deps.clock.now(),
      deps.config.BOM_STALE_AFTER_MS,
      interrupted(),
    );
    for (const run of recovered) {
      const retried = run.status === 'queued';
      deps.logger.warn(
        { runId: run.id, attempts: run.attempts, retried },
        'recovered a run orphaned by a lost server process',
      );
      await recordAudit(deps.db, null, {
        action: retried ? 'bom.run_retried' : 'bom.run_failed',
        actorUserId: null,
        subjectUserId: run.owner_id,
        at: deps.clock.now(),
        details: { runId: run.id, attempts: run.attempts, reason: 'server_lost', maxAttempts: MAX_ATTEMPTS },
      });
      await publish(
        run.id,
        retried
          ? { status: 'queued', phase: 'queued', percent: 0, note: 'retrying after a server restart' }
          : { status: 'failed', phase: 'failed', percent: 100, error: interrupted() },
      );
    }
    if (recovered.some((run) => run.status === 'queued')) wake();
  }

  const unsubscribe = deps.bomQueue.subscribe(wake);
  const poll = setInterval(wake, deps.config.BOM_QUEUE_POLL_MS);
  let beats = 0;
  const heartbeat = setInterval(() => {
    void touchHeartbeats(deps.db, instanceId, [...active.keys()], deps.clock.now()).catch((error: unknown) =>
      deps.logger.warn({ err: error }, 'bom heartbeat failed'),
    );
    // Orphans are looked for on every few beats too, so a crash is healed without waiting for a restart.
    if (++beats % 3 === 0)
      void recover().catch((error: unknown) => deps.logger.warn({ err: error }, 'bom recovery failed'));
  }, deps.config.BOM_HEARTBEAT_MS);
  poll.unref();
  heartbeat.unref();

  void recover()
    .catch((error: unknown) => deps.logger.error({ err: error }, 'bom recovery at start failed'))
    .finally(wake);

  return {
    instanceId,
    running: () => [...active.keys()],
    wake,
    recover,
    stop: async ({ release = false } = {}) => {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      clearInterval(poll);
      clearInterval(heartbeat);
      await claiming;
      if (release) await releaseRuns(deps.db, instanceId, [...active.keys()]);
    },
  };
}
