import { describe, expect, it } from 'vitest';
import { createFairQueue, FairQueueFullError } from '../../src/lib/fair-queue';

function gate() {
  const handle: { open: () => void; opened?: Promise<void> } = { open: () => undefined };
  handle.opened = new Promise<void>((resolve) => {
    handle.open = resolve;
  });
  return handle as { open: () => void; opened: Promise<void> };
}

const throwsAtOnce = (): Promise<string> => {
  throw new Error('thrown before any promise');
};

describe('fair queue', () => {
  it('gives a newcomer the next turn but one, however long the first key’s line is', async () => {
    const queue = createFairQueue({ concurrency: 1, maxWaitingPerKey: 100 });
    const order: string[] = [];
    const first = gate();
    const flood = [queue.run('flood', () => first.opened.then(() => order.push('flood-0')))];
    for (let i = 1; i < 50; i++) flood.push(queue.run('flood', async () => order.push(`flood-${i}`)));
    const victim = queue.run('victim', async () => order.push('victim'));
    first.open();
    await Promise.all([...flood, victim]);
    expect(order.indexOf('victim')).toBeLessThanOrEqual(2);
  });

  it('refuses a key’s task beyond its waiting cap at once, and not another key’s', async () => {
    const queue = createFairQueue({ concurrency: 1, maxWaitingPerKey: 2 });
    const hold = gate();
    const running = queue.run('a', () => hold.opened);
    const waiting = [queue.run('a', async () => 1), queue.run('a', async () => 2)];
    await expect(queue.run('a', async () => 3)).rejects.toBeInstanceOf(FairQueueFullError);
    const other = queue.run('b', async () => 'b');
    expect(queue.waiting('a')).toBe(2);
    hold.open();
    await expect(Promise.all([running, ...waiting, other])).resolves.toEqual([undefined, 1, 2, 'b']);
  });

  it('runs at most `concurrency` tasks at once and keeps going after a failure', async () => {
    const queue = createFairQueue({ concurrency: 2, maxWaitingPerKey: 10 });
    let active = 0;
    let peak = 0;
    const task = async (fail: boolean) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      if (fail) throw new Error('task failed');
    };
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) => queue.run(`k${i % 3}`, () => task(i === 0))),
    );
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('starts another key’s task at once while one key holds its running cap', async () => {
    const queue = createFairQueue({ concurrency: 3, maxRunningPerKey: 2, maxWaitingPerKey: 10 });
    const hold = gate();
    const started: string[] = [];
    const flood = Array.from({ length: 6 }, (_, i) =>
      queue.run('flood', () => {
        started.push(`flood-${i}`);
        return hold.opened;
      }),
    );
    // The third slot is free, but the flooding key may not take it.
    expect(started).toEqual(['flood-0', 'flood-1']);
    const victim = queue.run('victim', async () => {
      started.push('victim');
      return 'victim';
    });
    expect(started).toEqual(['flood-0', 'flood-1', 'victim']);
    await expect(victim).resolves.toBe('victim');
    hold.open();
    await Promise.all(flood);
    expect(started).toHaveLength(7);
  });

  it('says whether a key has room before its task is refused', async () => {
    const queue = createFairQueue({ concurrency: 1, maxWaitingPerKey: 1 });
    const hold = gate();
    const running = queue.run('a', () => hold.opened);
    expect(queue.hasRoom('a')).toBe(true);
    const waiting = queue.run('a', async () => undefined);
    expect(queue.hasRoom('a')).toBe(false);
    expect(queue.hasRoom('b')).toBe(true);
    hold.open();
    await Promise.all([running, waiting]);
    expect(queue.hasRoom('a')).toBe(true);
  });

  it('gives the slot back when a task throws instead of returning a promise, at once or after a wait', async () => {
    const queue = createFairQueue({ concurrency: 1, maxWaitingPerKey: 10 });
    await expect(queue.run('a', throwsAtOnce)).rejects.toThrow('thrown before any promise');
    const hold = gate();
    const running = queue.run('a', () => hold.opened);
    const thrownAfterWait = queue.run('b', throwsAtOnce);
    const next = queue.run('c', async () => 'next');
    hold.open();
    const settled = Promise.allSettled([running, thrownAfterWait, next]);
    const stuck = new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 1000));
    const outcome = await Promise.race([settled, stuck]);
    expect(outcome).not.toBe('stuck');
    expect(outcome).toMatchObject([
      { status: 'fulfilled' },
      { status: 'rejected', reason: expect.objectContaining({ message: 'thrown before any promise' }) },
      { status: 'fulfilled', value: 'next' },
    ]);
  });
});
