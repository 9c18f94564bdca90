import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createContext, type ApiDeps } from '../src';
import { createTestApi, type TestApi } from './helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

/** Calls the router over the Fetch adapter, as an HTTP host would, and returns status and parsed body. */
async function post(deps: ApiDeps, path: string, input: unknown, headers: Record<string, string> = {}) {
  return send(
    deps,
    new Request(`http://localhost/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(input),
    }),
  );
}

async function get(deps: ApiDeps, path: string, headers: Record<string, string> = {}) {
  return send(deps, new Request(`http://localhost/trpc/${path}`, { headers }));
}

async function send(deps: ApiDeps, request: Request) {
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: request,
    router: appRouter,
    createContext: ({ req, resHeaders }) =>
      createContext({
        deps,
        request: {
          ip: '127.0.0.1',
          userAgent: req.headers.get('user-agent'),
          headers: Object.fromEntries(req.headers),
          cookies: {},
        },
        response: {
          setCookie: (name, value) => resHeaders.append('set-cookie', `${name}=${value}`),
          clearCookie: (name) => resHeaders.append('set-cookie', `${name}=; Max-Age=0`),
        },
      }),
  });
  const body = (await response.json()) as { error?: { message: string; data: Record<string, unknown> } };
  return { status: response.status, error: body.error, headers: response.headers };
}

describe('error formatter', () => {
  it('puts messageKey, translated message and field errors for invalid input', async () => {
    const { status, error } = await post(
      t.deps,
      'auth.register',
      { account: 'x', password: '' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(status).toBe(400);
    expect(error?.message).toBe('Some fields are not valid. Please check them and try again.');
    expect(error?.data).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'error.validation', params: {} });
    expect(Object.keys(error?.data['fieldErrors'] as object).toSorted()).toEqual(['account', 'password']);
  });

  it('translates domain errors, in Chinese unless English is preferred', async () => {
    const zh = await post(t.deps, 'auth.login', { account: 'nobody', password: 'whatever1' });
    expect(zh.status).toBe(401);
    expect(zh.error?.message).toMatch(/^账号或密码不正确。/);
    expect(zh.error?.data).toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'auth.invalidCredentials' });
    const en = await post(
      t.deps,
      'auth.login',
      { account: 'nobody', password: 'whatever1' },
      { 'accept-language': 'en-US' },
    );
    expect(en.error?.message).toMatch(/^The account or password is incorrect\./);
  });

  it('returns 429 with retryAfterSeconds in data and the message', async () => {
    for (let i = 0; i < 5; i++) await post(t.deps, 'auth.login', { account: 'hammered', password: 'wrong guess' });
    const { status, error } = await post(
      t.deps,
      'auth.login',
      { account: 'hammered', password: 'wrong guess' },
      { 'accept-language': 'en' },
    );
    expect(status).toBe(429);
    expect(error?.data).toMatchObject({
      messageKey: 'auth.tooManyFailedLogins',
      retryAfterSeconds: 900,
      params: { retryAfterSeconds: 900 },
    });
    expect(error?.message).toBe('Too many failed sign-in attempts. Try again in 900 seconds.');
  });

  it('sends stacks only outside production', async () => {
    const development = await get({ ...t.deps, config: { ...t.config, NODE_ENV: 'development' } }, 'user.me');
    expect(development.error?.data['stack']).toEqual(expect.any(String));
    const production = await get({ ...t.deps, config: { ...t.config, NODE_ENV: 'production' } }, 'user.me');
    expect(production.status).toBe(401);
    expect(production.error?.data).not.toHaveProperty('stack');
    expect(production.error?.data['messageKey']).toBe('auth.missingAccessToken');
  });

  it('hides the detail of unexpected errors behind a generic message', async () => {
    const broken = {
      ...t.deps,
      tokens: { ...t.deps.tokens, verifyAccessToken: () => Promise.reject(new Error('secret internals')) },
    };
    const { status, error } = await get({ ...broken, config: { ...t.config, NODE_ENV: 'production' } }, 'user.me', {
      authorization: 'Bearer x',
      'accept-language': 'en',
    });
    expect(status).toBe(500);
    expect(error?.message).toBe('Something went wrong on our side. Please try again later.');
    expect(JSON.stringify(error)).not.toContain('secret internals');
  });

  it('sets the refresh cookie through the host response', async () => {
    const { status, headers } = await post(t.deps, 'auth.register', {
      account: 'cookieuser',
      password: 'correct horse battery',
    });
    expect(status).toBe(200);
    expect(headers.getSetCookie()).toEqual([
      expect.stringMatching(/^arya_refresh=[A-Za-z0-9_-]{43}$/),
      'arya_session=1',
    ]);
  });
});
