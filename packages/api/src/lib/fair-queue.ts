/**
 * Runs tasks at most `concurrency` at a time, taking turns between keys (client addresses): a key with a hundred
 * tasks waiting delays another key's task by at most one turn, not by a hundred. A key may run at most
 * `maxRunningPerKey` tasks at once, so with a cap below `concurrency` one key can never hold every slot and another
 * key's task starts without waiting for a slot at all. A key may have at most `maxWaitingPerKey` tasks waiting; one
 * more is refused at once (`FairQueueFullError`) instead of joining the line.
 */

export class FairQueueFullError extends Error {
  constructor(readonly key: string) {
    super(`too many tasks waiting for ${key}`);
    this.name = 'FairQueueFullError';
  }
}

export interface FairQueue {
  run: <T>(key: string, task: () => Promise<T>) => Promise<T>;
  /** Tasks waiting (not yet started) for `key`. */
  waiting: (key: string) => number;
  /** Whether `run(key, …)` would be accepted now (it may still wait for a turn). */
  hasRoom: (key: string) => boolean;
}

export interface FairQueueOptions {
  concurrency: number;
  /** Default: `concurrency`. */
  maxRunningPerKey?: number;
  maxWaitingPerKey: number;
}

export function createFairQueue(options: FairQueueOptions): FairQueue {
  const maxRunningPerKey = Math.min(options.maxRunningPerKey ?? options.concurrency, options.concurrency);
  // Insertion order of the Map is the turn order: a key that got a turn goes to the back.
  const lines = new Map<string, Array<() => void>>();
  const runningByKey = new Map<string, number>();
  let running = 0;

  const nextStartable = (): [string, Array<() => void>] | undefined => {
    for (const entry of lines) {
      if ((runningByKey.get(entry[0]) ?? 0) < maxRunningPerKey) return entry;
    }
    return undefined;
  };

  const startNext = () => {
    while (running < options.concurrency) {
      const next = nextStartable();
      if (!next) return;
      const [key, line] = next;
      lines.delete(key);
      const start = line.shift()!;
      if (line.length > 0) lines.set(key, line);
      running++;
      runningByKey.set(key, (runningByKey.get(key) ?? 0) + 1);
      start();
    }
  };

  const finished = (key: string) => {
    running--;
    const left = (runningByKey.get(key) ?? 1) - 1;
    if (left === 0) runningByKey.delete(key);
    else runningByKey.set(key, left);
    startNext();
  };

  const hasRoom = (key: string) => (lines.get(key)?.length ?? 0) < options.maxWaitingPerKey;

  return {
    run: (key, task) => {
      if (!hasRoom(key)) return Promise.reject(new FairQueueFullError(key));
      const line = lines.get(key) ?? [];
      return new Promise((resolve, reject) => {
        line.push(() => {
          // A task that throws instead of returning a rejected promise must still give its slot back.
          let started: ReturnType<typeof task>;
          try {
            started = task();
          } catch (error) {
            started = Promise.reject(error);
          }
          started.then(resolve, reject).finally(() => finished(key));
        });
        lines.set(key, line);
        startNext();
      });
    },
    waiting: (key) => lines.get(key)?.length ?? 0,
    hasRoom,
  };
}
