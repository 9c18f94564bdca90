import { describe, expect, it } from 'vitest';
import type { RunEvent } from '@arya/api';
import { laterProgress } from '../src/pages/bom/run-progress';

const running = (phase: RunEvent['phase'], percent: number): RunEvent => ({ status: 'running', phase, percent });

/** The percents a page shows for a sequence of events, one after another. */
function shownPercents(events: RunEvent[]): number[] {
  let shown: RunEvent | null = null;
  return events.map((event) => {
    shown = laterProgress(shown, event);
    return shown.percent;
  });
}

describe('laterProgress', () => {
  it('follows a run forwards, phase by phase', () => {
    let shown = laterProgress(null, running('read', 0));
    shown = laterProgress(shown, running('apply', 35));
    expect(shown).toEqual(running('apply', 35));
    expect(laterProgress(shown, running('write', 65)).phase).toBe('write');
  });

  it('never goes back when a restarted subscription replays the run from its first event', () => {
    const run = [running('read', 0), running('apply', 35), running('apply', 50), running('write', 65)];
    const replayed = [...run, ...run, { status: 'done', phase: 'done', percent: 100 } as const];
    expect(shownPercents(replayed)).toEqual([0, 35, 50, 65, 65, 65, 65, 65, 100]);
  });

  it('keeps the bar where it was when a run goes back to the queue after a lost server', () => {
    const requeued: RunEvent = { status: 'queued', phase: 'queued', percent: 0, note: 'retrying' };
    const shown = laterProgress(running('apply', 50), requeued);
    expect(shown).toEqual(running('apply', 50));
  });

  it('always shows a final event, and nothing after it', () => {
    const failed: RunEvent = {
      status: 'failed',
      phase: 'failed',
      percent: 100,
      error: { code: 'x', message: 'm', messageEn: 'm' },
    };
    const shown = laterProgress(running('write', 80), failed);
    expect(shown).toBe(failed);
    expect(laterProgress(shown, running('read', 0))).toBe(failed);
    expect(laterProgress(shown, { status: 'done', phase: 'done', percent: 100 })).toBe(failed);
  });
});
