import type { Redis } from 'ioredis';
import { FINISHED_RUN_EVENTS_TTL_SECONDS, RUN_EVENTS_MAX_LENGTH, RUN_EVENTS_TTL_SECONDS, runEventsKey } from './keys';
import { encodeHubMessage, runEventsChannel, type HubMessage, type RunEventHub } from './progress-hub';
import type { RunEvent } from './run-event';

export type { RunEvent, RunPhase } from './run-event';

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

/**
 * Appends an event to the run's stream (the record any follower, on any process, reads from where it is) and then
 * publishes it, so each process's hub wakes its followers at once. A publish lost with its process is made up by the
 * followers' catch-up reads (see `followRunEvents`).
 */
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
  await redis.publish(runEventsChannel(redis, runId), encodeHubMessage(added[1], event));
  return added[1];
}

export interface StoredRunEvent {
  id: string;
  event: RunEvent;
}

const STREAM_ID = /^\d+-\d+$/;

/** Whether stream id `a` comes after `b` (`<ms>-<seq>`, compared as numbers). */
export function streamIdAfter(a: string, b: string): boolean {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map(BigInt);
  const [bMs = 0n, bSeq = 0n] = b.split('-').map(BigInt);
  return aMs === bMs ? aSeq > bSeq : aMs > bMs;
}

export interface FollowOptions {
  /** Resume after this event id (from `tracked()`); anything else starts from the first event. */
  lastEventId?: string | null | undefined;
  signal?: AbortSignal | undefined;
  /** How long a follower waits without news before it reads the stream itself and asks `onIdle` (ms). */
  blockMs?: number;
  /**
   * Called when no event came for `blockMs`: returns a final event to end with (e.g. read from the database), or null.
   */
  onIdle: (streamExists: boolean) => Promise<RunEvent | null>;
}

function parseEntry(id: string, fields: string[]): StoredRunEvent | null {
  const index = fields.indexOf('event');
  const json = index >= 0 ? fields[index + 1] : undefined;
  if (json === undefined) return null;
  return { id, event: JSON.parse(json) as RunEvent };
}

/** The stream's events after `cursor`, oldest first (non-blocking, on the shared command connection). */
async function readAfter(redis: Redis, key: string, cursor: string): Promise<StoredRunEvent[]> {
  const events: StoredRunEvent[] = [];
  let from = cursor;
  for (;;) {
    // Inclusive start (the dev server's in-memory Redis knows no exclusive `(id`): the entry at `from` is skipped.
    const entries = await redis.xrange(key, from, '+', 'COUNT', 100);
    for (const [id, fields] of entries) {
      if (!streamIdAfter(id, from)) continue;
      from = id;
      const stored = parseEntry(id, fields);
      if (stored) events.push(stored);
    }
    if (entries.length < 100) return events;
  }
}

/**
 * Yields a run's events from `lastEventId` on until a final one (done/failed). Followers share the process's one
 * subscriber connection (`hub`); the stream is read on the shared command connection when a follower joins, after a
 * lost subscription, and whenever it has heard nothing for `blockMs` — so a missed message costs a delay, never an
 * event, and a final state only stored in the database (a stream that expired or a publish that never came) is found
 * by `onIdle`.
 */
export async function* followRunEvents(
  deps: { redis: Redis; bomProgress: RunEventHub },
  runId: string,
  options: FollowOptions,
): AsyncGenerator<StoredRunEvent> {
  const { redis } = deps;
  const key = runEventsKey(runId);
  const blockMs = options.blockMs ?? 5000;
  let cursor = options.lastEventId && STREAM_ID.test(options.lastEventId) ? options.lastEventId : '0-0';
  if ((await redis.exists(key)) === 0) {
    // Events of an old run have expired: its stored state is the answer.
    const final = await options.onIdle(false);
    if (final) {
      yield { id: `final-${final.status}`, event: final };
      return;
    }
  }

  const inbox: StoredRunEvent[] = [];
  let gap = false;
  let readStream = true; // first a catch-up read: what was published before this follower joined
  let wake: (() => void) | null = null;
  const wakeUp = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const hear = (message: HubMessage) => {
    if (message.kind === 'event') inbox.push({ id: message.id, event: message.event });
    else if (message.kind === 'gap') gap = true;
    else {
      gap = false;
      readStream = true;
    }
    wakeUp();
  };
  const quiet = () =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve(false);
      }, blockMs);
      wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  const stopListening = await deps.bomProgress.listen(runId, hear);
  options.signal?.addEventListener('abort', wakeUp, { once: true });
  let idle = false;
  try {
    while (!options.signal?.aborted) {
      const batch: StoredRunEvent[] = [];
      if (readStream) {
        readStream = false;
        batch.push(...(await readAfter(redis, key, cursor)));
      }
      // While the subscription is lost, what still arrives may follow a hole: the read after `resync` covers it.
      if (!gap) batch.push(...inbox.splice(0));
      let heard = false;
      for (const stored of batch) {
        if (!streamIdAfter(stored.id, cursor)) continue; // read already (the catch-up and the messages overlap)
        cursor = stored.id;
        heard = true;
        yield stored;
        if (isFinalEvent(stored.event)) return;
      }
      if (idle && !heard) {
        const final = await options.onIdle((await redis.exists(key)) === 1);
        if (final) {
          yield { id: `final-${final.status}`, event: final };
          return;
        }
      }
      idle = false;
      if (readStream || (!gap && inbox.length > 0)) continue;
      if (await quiet()) continue;
      // Nothing for `blockMs`: read the stream in case a message was lost, then, if still nothing, ask for a final
      // state.
      readStream = true;
      idle = true;
    }
  } finally {
    options.signal?.removeEventListener('abort', wakeUp);
    stopListening();
  }
}
