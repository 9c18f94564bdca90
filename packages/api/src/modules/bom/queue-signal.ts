/**
 * Tells this process's runner that a run was queued here, so it starts at once instead of at the next poll. Runs
 * queued by other processes are found by polling the table (see runner.ts).
 */
export interface RunQueueSignal {
  notify: () => void;
  /** Returns the function that unsubscribes. */
  subscribe: (listener: () => void) => () => void;
}

export function createRunQueueSignal(): RunQueueSignal {
  const listeners = new Set<() => void>();
  return {
    notify: () => {
      for (const listener of listeners) listener();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
