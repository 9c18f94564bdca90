import type { BomRunStatus } from '@arya/db';

export type RunPhase = 'queued' | 'read' | 'apply' | 'write' | 'save' | 'done' | 'failed';

/** One progress event of a run, as subscribers see it. */
export interface RunEvent {
  status: BomRunStatus;
  phase: RunPhase;
  /** Whole run, 0–100. */
  percent: number;
  /** Present when `status` is 'failed'. */
  error?: { code: string; message: string; messageEn: string };
  /** Present when the run went back to the queue (a retry after a lost server process). */
  note?: string;
}
