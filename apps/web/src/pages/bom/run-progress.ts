import type { RunEvent } from '@arya/api';

/**
 * The progress a run's page shows after `next` arrives. The bar never goes back: a subscription that starts over
 * (a remount, a reconnect without its last event id) replays the run's events from the first, and a run put back in
 * the queue after a lost server restarts at 0 %; those older or lower events are not news to the person watching.
 * A final event (done or failed) always counts, and nothing moves the page on from it.
 */
export function laterProgress(shown: RunEvent | null, next: RunEvent): RunEvent {
  if (!shown) return next;
  if (isFinal(shown)) return shown;
  return isFinal(next) || next.percent >= shown.percent ? next : shown;
}

function isFinal(event: RunEvent): boolean {
  return event.status === 'done' || event.status === 'failed';
}
