import { availableParallelism } from 'node:os';
import { MessageChannel } from 'node:worker_threads';
import { Tinypool } from 'tinypool';
import type {
  ApplyResult,
  BomComparison,
  CompareFileNames,
  InspectResult,
  MaterialRow,
  OpsInspection,
} from '@arya/bom';
import type {
  ApplyOpsInput,
  ApplyTask,
  CompareTask,
  DryRunTask,
  EngineOutcome,
  InspectTask,
  ProgressMessage,
} from './engine-task';

/** The worker file, for hosts that bundle this package and must ship the bundled engine task under this name. */
export const bomWorkerUrl = new URL('./bom-worker.mjs', import.meta.url);

/** The BOM engine off the event loop: a bounded set of worker threads, tasks beyond it wait in the pool's queue. */
export interface BomWorkerPool {
  readonly threads: number;
  inspect: (input: InspectTask) => Promise<EngineOutcome<InspectResult>>;
  /** Every BOM row with a material code (for the online operations editor). */
  materialRows: (input: InspectTask) => Promise<EngineOutcome<MaterialRow[]>>;
  /** An operations workbook checked against a BOM (`dryRunOpsWorkbook`), nothing written. */
  dryRun: (input: DryRunTask) => Promise<EngineOutcome<OpsInspection>>;
  /** Two workbooks compared (`compareBoms`), and the diff workbook of such a comparison. */
  compare: (input: CompareTask) => Promise<EngineOutcome<BomComparison>>;
  compareWorkbook: (input: CompareTask & { names: CompareFileNames }) => Promise<EngineOutcome<Uint8Array>>;
  /** `timeoutMs`: the task is stopped (its thread terminated) and the promise rejects with `EngineTimeoutError`. */
  apply: (
    input: { bom: Uint8Array; ops: ApplyOpsInput; limits: ApplyTask['limits'] },
    onProgress: (progress: ProgressMessage) => void,
    timeoutMs?: number,
  ) => Promise<EngineOutcome<ApplyResult>>;
  close: () => Promise<void>;
}

/** An engine task ran longer than it was allowed. */
export class EngineTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the BOM engine did not finish within ${timeoutMs} ms`);
    this.name = 'EngineTimeoutError';
  }
}

export interface BomWorkerPoolOptions {
  /** Default: cores − 1, at least 1, so one core stays free for requests. */
  threads?: number;
  /** Default: `bomWorkerUrl`. */
  filename?: string;
}

export function createBomWorkerPool(options: BomWorkerPoolOptions = {}): BomWorkerPool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  // Threads start on first use and stop when idle, so processes that never run a BOM hold no engine memory.
  const pool = new Tinypool({
    filename: options.filename ?? bomWorkerUrl.href,
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: 60_000,
  });

  return {
    threads,
    inspect: async (input) => (await pool.run(input, { name: 'inspect' })) as EngineOutcome<InspectResult>,
    materialRows: async (input) => (await pool.run(input, { name: 'materialRows' })) as EngineOutcome<MaterialRow[]>,
    dryRun: async (input) => (await pool.run(input, { name: 'dryRun' })) as EngineOutcome<OpsInspection>,
    compare: async (input) => (await pool.run(input, { name: 'compare' })) as EngineOutcome<BomComparison>,
    compareWorkbook: async (input) => (await pool.run(input, { name: 'compareWorkbook' })) as EngineOutcome<Uint8Array>,
    apply: async (input, onProgress, timeoutMs) => {
      const { port1, port2 } = new MessageChannel();
      port1.on('message', (message: ProgressMessage) => onProgress(message));
      const signal = timeoutMs === undefined ? null : AbortSignal.timeout(timeoutMs);
      try {
        const task: ApplyTask = { ...input, progressPort: port2 };
        return (await pool.run(task, { name: 'apply', transferList: [port2], signal })) as EngineOutcome<ApplyResult>;
      } catch (error) {
        if (signal?.aborted && timeoutMs !== undefined) throw new EngineTimeoutError(timeoutMs);
        throw error;
      } finally {
        port1.close();
      }
    },
    close: async () => {
      await pool.destroy();
    },
  };
}
