import type { Redis } from 'ioredis';
import type { BomRunStatus } from '@arya/db';
import { FINISHED_RUN_EVENTS_TTL_SECONDS, RUN_EVENTS_MAX_LENGTH, RUN_EVENTS_TTL_SECONDS, runEventsKey } from './keys';

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

/** Share of the whole run each engine phase covers, so the overall percent only grows. */
const PHASE_SPAN: Record<'read' | 'apply' | 'write', [from: number, to: number]> = {
  read: [0, 35],
  apply: [35, 65],
  write: [65, 95],
};

export function overallPercent(phase: 'read' | 'apply' | 'write', phasePercent: number): number {
  const [from, to] = PHASE_SPAN[phase];
  return Math.round(from + ((to - from) * Math.min(100, Math.max(0, phasePercent))) / 100);
}

export function isFinalEvent(event: RunEvent): boolean {
  return event.status === 'done' || event.status === 'failed';
}

/** Appends an event to the run's stream, where every server process's subscribers read it. */
export async function publishRunEvent(redis: Redis, runId: string, event: RunEvent): Promise<string> {
  const key = runEventsKey(runId);
  const ttl = isFinalEvent(event) ? FINISHED_RUN_EVENTS_TTL_SECONDS : RUN_EVENTS_TTL_SECONDS;
  const replies = await redis
    .multi()
    .xadd(key, 'MAXLEN', '~', String(RUN_EVENTS_MAX_LENGTH), '*', 'event', JSON.stringify(event))
    .expire(key, ttl)
    .exec();
  const added = replies?.[0];
  if (!added || added[0] || typeof added[1] !== 'string') throw added?.[0] ?? new Error('XADD of a run event failed');
  return added[1];
}

export interface StoredRunEvent {
  id: string;
  event: RunEvent;
}

const STREAM_ID = /^\d+-\d+$/;

export interface FollowOptions {
  /** Resume after this event id (from `tracked()`); anything else starts from the first event. */
  lastEventId?: string | null | undefined;
  signal?: AbortSignal | undefined;
  /** How long one blocking read waits before `onIdle` is asked (ms). */
  blockMs?: number;
  /**
   * Called when no event came for `blockMs`: returns a final event to end with (e.g. read from the database), or null.
   */
  onIdle: (streamExists: boolean) => Promise<RunEvent | null>;
}

type StreamReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

function parseEntry(id: string, fields: string[]): StoredRunEvent | null {
  const index = fields.indexOf('event');
  const json = index >= 0 ? fields[index + 1] : undefined;
  if (json === undefined) return null;
  return { id, event: JSON.parse(json) as RunEvent };
}

/**
 * Yields a run's events from `lastEventId` on until a final one (done/failed). Blocking reads need their own Redis
 * connection, so each follower opens one and closes it when it ends or the subscriber goes away.
 */
export async function* followRunEvents(
  redis: Redis,
  runId: string,
  options: FollowOptions,
): AsyncGenerator<StoredRunEvent> {
  const key = runEventsKey(runId);
  let cursor = options.lastEventId && STREAM_ID.test(options.lastEventId) ? options.lastEventId : '0';
  if ((await redis.exists(key)) === 0) {
    // Events of an old run have expired: its stored state is the answer.
    const final = await options.onIdle(false);
    if (final) {
      yield { id: `final-${final.status}`, event: final };
      return;
    }
  }
  const reader = redis.duplicate();
  const stop = () => reader.disconnect();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    while (!options.signal?.aborted) {
      let reply: StreamReply;
      try {
        reply = (await reader.xread(
          'COUNT',
          100,
          'BLOCK',
          options.blockMs ?? 5000,
          'STREAMS',
          key,
          cursor,
        )) as StreamReply;
      } catch (error) {
        if (options.signal?.aborted) return;
        throw error;
      }
      if (!reply) {
        const final = await options.onIdle((await redis.exists(key)) === 1);
        if (final) {
          yield { id: `final-${final.status}`, event: final };
          return;
        }
        continue;
      }
      for (const [, entries] of reply) {
        for (const [id, fields] of entries) {
          cursor = id;
          const stored = parseEntry(id, fields);
          if (!stored) continue;
          yield stored;
          if (isFinalEvent(stored.event)) return;
        }
      }
    }
  } finally {
    options.signal?.removeEventListener('abort', stop);
    reader.disconnect();
  }
}
