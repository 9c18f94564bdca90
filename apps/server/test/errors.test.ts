import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

describe('error responses', () => {
  let dev: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    dev = await createTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    production = await createTestApp({ env: { NODE_ENV: 'production', BODY_LIMIT_BYTES: '2048' }, shareWith: dev });
    for (const { app } of [dev, production]) {
      app.get('/test/boom', async () => {
        throw new Error('connection string postgres://secret@db leaked');
      });
    }
  });
  afterAll(async () => {
    await production.close();
    await dev.close();
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await production.app.inject('/no/such/route?x=1');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({
      error: {
        statusCode: 404,
        message: 'No route for GET /no/such/route',
        requestId: response.headers['x-request-id'],
      },
    });
  });

  it('hides internals of a 500 in production', async () => {
    const response = await production.app.inject('/test/boom');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: { statusCode: 500, message: 'Internal Server Error', requestId: response.headers['x-request-id'] },
    });
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('.ts:');
  });

  it('shows the message and stack of a 500 in development', async () => {
    const response = await dev.app.inject('/test/boom');
    expect(response.statusCode).toBe(500);
    expect(response.json().error.message).toContain('leaked');
    expect(response.json().error.stack).toContain('Error');
  });

  it('rejects a body over BODY_LIMIT_BYTES with 413, before tRPC sees it', async () => {
    const response = await production.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ account: 'a'.repeat(4000), password: 'x' }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
  });

  it('answers bad procedure input with a typed tRPC error and no stack in production', async () => {
    const response = await production.app.inject({
      method: 'POST',
      url: '/trpc/auth.login',
      payload: { account: 42 },
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.stack).toBeUndefined();
    expect(response.body).not.toContain('.ts:');
  });
});
