/**
 * What a BOM worker thread runs: the engine's inspect and apply, with the engine's input errors turned into plain data
 * (an Error subclass does not survive the trip back from a worker thread).
 */
import type { MessagePort } from 'node:worker_threads';
import {
  applyOperations,
  buildComparisonWorkbook,
  compareBomWorkbooks,
  dryRunOpsWorkbook,
  inspectWorkbook,
  isBomInputError,
  listMaterialRows,
  type ApplyPhase,
  type ApplyResult,
  type BomComparison,
  type BomInputErrorCode,
  type BomLimits,
  type CompareFileNames,
  type InspectResult,
  type MaterialRow,
  type OpRow,
  type OpsInspection,
} from '@arya/bom';
import { lowerThisThreadsPriority } from '../../lib/thread-priority';

/** Nice value of engine threads: below the server's own threads, so requests are served first when cores are busy. */
const ENGINE_THREAD_NICE = 10;

lowerThisThreadsPriority(ENGINE_THREAD_NICE);

/** The engine refused the input (not xlsx, no header, …): a user error, with the engine's own bilingual text. */
export interface EngineRefusal {
  code: BomInputErrorCode;
  messageZh: string;
  messageEn: string;
  /** which workbook of a comparison was refused */
  side?: 'old' | 'new';
}

export type EngineOutcome<T> = { ok: true; value: T } | { ok: false; refusal: EngineRefusal };

export interface InspectTask {
  bytes: Uint8Array;
  limits: Partial<BomLimits>;
}

/** Operations as the worker receives them: the BOM's own sheet, another workbook's bytes, or online rows. */
export type ApplyOpsInput =
  | { kind: 'sheet' }
  | { kind: 'workbook'; bytes: Uint8Array }
  | { kind: 'rows'; rows: OpRow[] };

export interface ApplyTask {
  bom: Uint8Array;
  ops: ApplyOpsInput;
  limits: Partial<BomLimits>;
  /** Receives `{ phase, percent }` messages while the engine works. */
  progressPort: MessagePort;
}

export interface ProgressMessage {
  phase: ApplyPhase;
  percent: number;
}

function guarded<T>(work: () => T): EngineOutcome<T> {
  try {
    return { ok: true, value: work() };
  } catch (error) {
    if (isBomInputError(error)) {
      const refusal: EngineRefusal = { code: error.code, messageZh: error.messageZh, messageEn: error.message };
      if (error.side) refusal.side = error.side;
      return { ok: false, refusal };
    }
    throw error;
  }
}

export function inspect(task: InspectTask): EngineOutcome<InspectResult> {
  return guarded(() => inspectWorkbook(task.bytes, { limits: task.limits }));
}

export function materialRows(task: InspectTask): EngineOutcome<MaterialRow[]> {
  return guarded(() => listMaterialRows(task.bytes, { limits: task.limits }));
}

export interface DryRunTask {
  bom: Uint8Array;
  /** an operations workbook (its first sheet) */
  ops: Uint8Array;
  limits: Partial<BomLimits>;
}

/** An operations workbook checked against a BOM without running: its op warnings and the ops the run will skip. */
export function dryRun(task: DryRunTask): EngineOutcome<OpsInspection> {
  return guarded(() => dryRunOpsWorkbook(task.bom, task.ops, { limits: task.limits }));
}

export interface CompareTask {
  old: Uint8Array;
  new: Uint8Array;
  /** both workbooks' sheet (`bom.compare`'s `sheet`), or one per side (a run's input and result) */
  sheet?: string | undefined;
  oldSheet?: string | undefined;
  newSheet?: string | undefined;
  limits: Partial<BomLimits>;
}

const compareOptions = (task: CompareTask) => ({
  sheet: task.sheet,
  oldSheet: task.oldSheet,
  newSheet: task.newSheet,
  limits: task.limits,
});

export function compare(task: CompareTask): EngineOutcome<BomComparison> {
  return guarded(() => compareBomWorkbooks(task.old, task.new, compareOptions(task)).comparison);
}

/** The diff workbook (对比摘要 + 对比明细) of the same comparison. */
export function compareWorkbook(task: CompareTask & { names: CompareFileNames }): EngineOutcome<Uint8Array> {
  return guarded(() =>
    buildComparisonWorkbook(compareBomWorkbooks(task.old, task.new, compareOptions(task)), task.names),
  );
}

export function apply(task: ApplyTask): EngineOutcome<ApplyResult> {
  let lastPhase: ApplyPhase | null = null;
  let lastPercent = -1;
  try {
    return guarded(() =>
      applyOperations(task.bom, task.ops, {
        limits: task.limits,
        onProgress: (phase, percent) => {
          // The engine reports every op; forward only visible steps so the port is not flooded.
          if (phase === lastPhase && percent < 100 && percent - lastPercent < 2) return;
          lastPhase = phase;
          lastPercent = percent;
          // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a MessagePort, not a window
          task.progressPort.postMessage({ phase, percent } satisfies ProgressMessage);
        },
      }),
    );
  } finally {
    task.progressPort.close();
  }
}
