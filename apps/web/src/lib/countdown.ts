import { useCallback, useEffect, useState } from 'react';

/** Whole seconds left until `endsAt` (ms epoch), never negative; rounds up so "1 s" shows until the end. */
export function secondsUntil(endsAt: number, now: number): number {
  return Math.max(0, Math.ceil((endsAt - now) / 1000));
}

/**
 * A live countdown: `start(seconds)` begins it; `secondsLeft` ticks down to 0 and re-renders each second; `started`
 * tells a countdown that ran out from one never begun.
 */
export function useCountdown() {
  const [endsAt, setEndsAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const secondsLeft = secondsUntil(endsAt, now);

  useEffect(() => {
    if (secondsLeft === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [secondsLeft]);

  const start = useCallback((seconds: number) => {
    const at = Date.now();
    setNow(at);
    setEndsAt(at + seconds * 1000);
  }, []);

  return { secondsLeft, start, started: endsAt > 0 };
}
