import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * Lowers the CPU priority of the calling worker thread (never the process's): on Linux each thread has its own nice
 * value, so CPU-heavy workers (bcrypt, the BOM engine) yield to the event loop when cores are busy and still use every
 * idle cycle. Elsewhere, or if not permitted, the thread keeps the default priority.
 */
export function lowerThisThreadsPriority(nice: number): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId !== process.pid) setPriority(threadId, nice);
  } catch {
    // not Linux, or not allowed: run at normal priority
  }
}
