import { initTRPC } from '@trpc/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Context } from '@arya/api';
import { createRouterHost } from './helpers';

/** The app router has no subscription yet; this one proves the host streams SSE through its plugins. */
const t = initTRPC.context<Context>().create();
const streamingRouter = t.router({
  countdown: t.procedure.input(z.object({ from: z.number().int().min(1).max(5) })).subscription(async function* ({
    input,
  }) {
    for (let value = input.from; value > 0; value--) yield { value };
  }),
});

describe('tRPC subscriptions over SSE', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createRouterHost(streamingRouter);
  });
  afterAll(() => app.close());

  it('streams each yielded value as a server-sent event', async () => {
    const response = await app.inject({
      url: `/trpc/countdown?input=${encodeURIComponent(JSON.stringify({ from: 3 }))}`,
      headers: { accept: 'text/event-stream' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const values = response.body
      .split('\n')
      .filter((line) => line.startsWith('data: {'))
      .map((line) => JSON.parse(line.slice('data: '.length)) as { value?: unknown })
      // tRPC opens the stream with a `connected` event carrying its own data
      .flatMap((data) => (typeof data.value === 'number' ? [data.value] : []));
    expect(values).toEqual([3, 2, 1]);
  });

  it('rejects bad subscription input with BAD_REQUEST before streaming', async () => {
    const response = await app.inject({
      url: `/trpc/countdown?input=${encodeURIComponent(JSON.stringify({ from: 99 }))}`,
      headers: { accept: 'text/event-stream' },
    });
    expect(response.body).toContain('BAD_REQUEST');
  });
});
