export interface TestClock {
  now: () => Date;
  set: (at: Date | string) => void;
  advance: (ms: number) => void;
}

/** A clock that only moves when told to. Starts at `start` (default: the real time at creation). */
export function createTestClock(start: Date | string = new Date()): TestClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
