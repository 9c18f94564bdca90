import { gunzipSync } from 'node:zlib';
import { initTRPC } from '@trpc/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '@arya/api';
import { createRouterHost } from './helpers';

const t = initTRPC.context<Context>().create();
const router = t.router({
  big: t.procedure.query(() => ({ rows: Array.from({ length: 500 }, (_, i) => ({ row: i, code: `M${i}` })) })),
  small: t.procedure.query(() => ({ ok: true })),
  ticks: t.procedure.subscription(async function* () {
    for (let value = 1; value <= 3; value++) yield { value };
  }),
});

describe('response compression', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await createRouterHost(router, { compression: true });
  });
  afterAll(() => app.close());

  it('compresses a large JSON answer for a client that accepts gzip, and only then', async () => {
    const gzipped = await app.inject({ url: '/trpc/big', headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(gzipped.rawPayload).toString('utf8')) as {
      result: { data: { rows: unknown[] } };
    };
    expect(body.result.data.rows).toHaveLength(500);
    expect(gzipped.rawPayload.byteLength).toBeLessThan(JSON.stringify(body).length / 3);

    const plain = await app.inject({ url: '/trpc/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(body);
  });

  it('sends small answers as they are', async () => {
    const response = await app.inject({ url: '/trpc/small', headers: { 'accept-encoding': 'gzip, br' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ result: { data: { ok: true } } });
  });

  it('never compresses server-sent events, so each event arrives as it is sent', async () => {
    const response = await app.inject({
      url: '/trpc/ticks',
      headers: { accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
    });
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toContain('"value":3');
  });
});
