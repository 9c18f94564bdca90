/**
 * Runs tasks at most `concurrency` at a time, taking turns between keys (client addresses): a key with a hundred
 * tasks waiting delays another key's task by at most one turn, not by a hundred. A key may have at most
 * `maxWaitingPerKey` tasks waiting; one more is refused at once (`FairQueueFullError`) instead of joining the line.
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
}

export function createFairQueue(options: { concurrency: number; maxWaitingPerKey: number }): FairQueue {
  // Insertion order of the Map is the turn order: a key that got a turn goes to the back.
  const lines = new Map<string, Array<() => void>>();
  let running = 0;

  const startNext = () => {
    while (running < options.concurrency) {
      const next = lines.entries().next();
      if (next.done) return;
      const [key, line] = next.value;
      lines.delete(key);
      const start = line.shift()!;
      if (line.length > 0) lines.set(key, line);
      running++;
      start();
    }
  };

  return {
    run: (key, task) => {
      const line = lines.get(key) ?? [];
      if (line.length >= options.maxWaitingPerKey) return Promise.reject(new FairQueueFullError(key));
      return new Promise((resolve, reject) => {
        line.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running--;
              startNext();
            });
        });
        lines.set(key, line);
        startNext();
      });
    },
    waiting: (key) => lines.get(key)?.length ?? 0,
  };
}
