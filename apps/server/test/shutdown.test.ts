import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { shutdownGracefully } from '../src/shutdown';
import { createTestApp, listenOnLoopback } from './helpers';

/** Resolves once `open` is called: the test waits for the request to reach its handler instead of guessing a delay. */
function latch(): { opened: Promise<void>; open: () => void } {
  const resolvers: Array<() => void> = [];
  const opened = new Promise<void>((resolve) => resolvers.push(resolve));
  return { opened, open: () => resolvers[0]?.() };
}

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, refuses new connections, then runs the close hooks', async () => {
    const t = await createTestApp();
    let finished = false;
    const handlerEntered = latch();
    t.app.get('/test/slow', async () => {
      handlerEntered.open();
      await sleep(400);
      finished = true;
      return { done: true };
    });
    let finishedBeforeClose: boolean | undefined;
    t.app.addHook('onClose', async () => {
      finishedBeforeClose = finished;
    });
    const baseUrl = await listenOnLoopback(t.app);

    const inFlight = fetch(`${baseUrl}/test/slow`);
    await handlerEntered.opened;
    const outcome = await shutdownGracefully(t.app, 5000);

    expect(outcome).toBe('drained');
    expect(finished).toBe(true);
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow('fetch failed');
    expect(finishedBeforeClose).toBe(true);
    await t.redis.cleanup();
    await t.database.drop();
  });

  it('cuts connections still open after the drain timeout', async () => {
    const t = await createTestApp();
    const handlerEntered = latch();
    t.app.get('/test/stuck', async (_request, reply) => {
      handlerEntered.open();
      await sleep(10_000);
      return reply.send({ late: true });
    });
    const baseUrl = await listenOnLoopback(t.app);

    const stuck = fetch(`${baseUrl}/test/stuck`).then(
      () => 'answered',
      () => 'cut',
    );
    await handlerEntered.opened;
    const started = Date.now();
    expect(await shutdownGracefully(t.app, 300)).toBe('forced');
    // Well before the stuck handler's 10 s would have answered, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await stuck).toBe('cut');
    await t.redis.cleanup();
    await t.database.drop();
  });
});
