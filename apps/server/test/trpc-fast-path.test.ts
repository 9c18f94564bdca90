import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@arya/api';
import { errorsPlugin } from '../src/plugins/errors';
import { securityPlugin } from '../src/plugins/security';
import { trpcPlugin } from '../src/plugins/trpc';
import { planPlainRpc, type PlainRequest } from '../src/plugins/trpc-fast-path';
import { createTestApp, registerUser, strongPassword, type TestApp } from './helpers';

/**
 * The fast path must answer exactly as tRPC's own handler: the same requests go to an app with it and to one without,
 * and the responses are compared (status, the headers tRPC sets, cookies' attributes, body). Stack traces (this is a
 * development config) and freshly minted tokens are the only parts allowed to differ.
 */
async function hostWith(base: TestApp, disableFastPath: boolean): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(errorsPlugin, { production: false });
  await app.register(securityPlugin, { config: base.config });
  await app.register(trpcPlugin, { deps: base.deps, disableFastPath });
  return app;
}

interface Comparable {
  status: number;
  contentType: string | undefined;
  vary: string | undefined;
  allow: string | undefined;
  cookies: string[];
  body: unknown;
}

const VOLATILE_KEYS = new Set(['stack', 'accessToken', 'refreshToken', 'accessTokenExpiresAt']);

function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, VOLATILE_KEYS.has(key) ? typeof inner : withoutVolatile(inner)]),
  );
}

/** JSON bodies compared as values; anything else (a streamed JSON-lines batch, an empty HEAD answer) as text. */
function parsedBody(text: string): unknown {
  try {
    return withoutVolatile(JSON.parse(text));
  } catch {
    return text;
  }
}

async function send(app: FastifyInstance, request: InjectOptions): Promise<Comparable> {
  const response = await app.inject(request);
  const setCookie = response.headers['set-cookie'];
  const cookies = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const header = (name: string) => response.headers[name]?.toString();
  return {
    status: response.statusCode,
    contentType: header('content-type'),
    vary: header('vary'),
    allow: header('allow'),
    // The value is a fresh random token each time; its attributes must match.
    cookies: cookies.map((cookie) => cookie.replace(/^([^=]+)=[^;]*/, '$1=<value>')),
    body: parsedBody(response.body),
  };
}

const plan = (request: Partial<PlainRequest>) =>
  planPlainRpc(appRouter, { method: 'GET', headers: {}, path: 'user.me', search: '', body: undefined, ...request });

const json = { 'content-type': 'application/json' };
const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));

describe('tRPC fast path', () => {
  let base: TestApp;
  let fast: FastifyInstance;
  let official: FastifyInstance;
  let auth: Record<string, string>;
  beforeAll(async () => {
    base = await createTestApp();
    fast = await hostWith(base, false);
    official = await hostWith(base, true);
    auth = { authorization: `Bearer ${await registerUser(base.app, 'fast-path-user')}` };
  });
  afterAll(async () => {
    await fast.close();
    await official.close();
    await base.close();
  });

  const cases: Array<[string, () => InjectOptions]> = [
    ['a query', () => ({ url: '/trpc/user.me', headers: auth })],
    ['a query refused by its middleware', () => ({ url: '/trpc/user.me' })],
    [
      'a query with a malformed token',
      () => ({ url: '/trpc/user.me', headers: { authorization: 'Bearer not.a.jwt' } }),
    ],
    ['a query with JSON content type', () => ({ url: '/trpc/user.me', headers: { ...auth, ...json } })],
    ['a query with invalid input', () => ({ url: `/trpc/bom.runs.list?input=${input({ limit: -5 })}`, headers: auth })],
    ['a query with valid input', () => ({ url: `/trpc/bom.runs.list?input=${input({ limit: 5 })}`, headers: auth })],
    ['a query forbidden to its caller', () => ({ url: `/trpc/admin.users.list?input=${input({})}`, headers: auth })],
    ['a batch of queries', () => ({ url: `/trpc/user.me,user.sessions?batch=1&input=${input({})}`, headers: auth })],
    [
      'a batch with one failure (207)',
      () => ({ url: `/trpc/user.me,admin.users.list?batch=1&input=${input({ 1: {} })}`, headers: auth }),
    ],
    ['a batch failing alike', () => ({ url: `/trpc/user.me,user.sessions?batch=1&input=${input({})}` })],
    [
      'a batch with inputs by index',
      () => ({
        url: `/trpc/bom.runs.list,bom.runs.list?batch=1&input=${input({ 0: { limit: 1 }, 1: { limit: 0 } })}`,
        headers: auth,
      }),
    ],
    ['a public query without input', () => ({ url: '/trpc/bom.template' })],
    // The query string is read as tRPC reads it (URLSearchParams), not as Fastify parses it.
    [
      'a repeated input parameter',
      () => ({ url: `/trpc/bom.runs.list?input=${input({ limit: 2 })}&input=${input({ limit: -1 })}`, headers: auth }),
    ],
    [
      'input with a malformed escape and a plus',
      () => ({ url: '/trpc/bom.runs.get?input=%7B%22runId%22%3A%22a+b%FF%22%7D', headers: auth }),
    ],
    ['a batch flag given twice', () => ({ url: `/trpc/user.me?batch=1&batch=0&input=${input({})}`, headers: auth })],
    [
      'a mutation with invalid input',
      () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: { account: 'x' } }),
    ],
    [
      'a mutation with a wrong password',
      () => ({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: { ...json, 'accept-language': 'en' },
        payload: { account: 'nobody-at-all', password: 'wrong-password-1' },
      }),
    ],
    [
      'a mutation that signs in and sets a cookie',
      () => ({
        method: 'POST',
        url: '/trpc/auth.login',
        headers: json,
        payload: { account: 'fast-path-user', password: strongPassword },
      }),
    ],
    ['a mutation without a body', () => ({ method: 'POST', url: '/trpc/auth.refresh', headers: json })],
    [
      'a batch of mutations',
      () => ({
        method: 'POST',
        url: '/trpc/user.updateProfile,user.updateProfile?batch=1',
        headers: { ...auth, ...json },
        payload: { 0: { username: 'Ada' }, 1: { username: '' } },
      }),
    ],
    // Framing errors: the fast path declines these and tRPC answers.
    [
      'a query sent as POST',
      () => ({ method: 'POST', url: '/trpc/user.me', headers: { ...auth, ...json }, payload: {} }),
    ],
    ['a mutation sent as GET', () => ({ url: '/trpc/auth.logout', headers: auth })],
    ['an unknown procedure', () => ({ url: '/trpc/user.nothingHere', headers: auth })],
    ['input that is not JSON', () => ({ url: '/trpc/bom.runs.list?input=%7Bnope', headers: auth })],
    ['a body that is not JSON', () => ({ method: 'POST', url: '/trpc/auth.login', headers: json, payload: '{nope' })],
    [
      'a batch whose input is not an object',
      () => ({ url: `/trpc/user.me,user.me?batch=1&input=${input([1, 2])}`, headers: auth }),
    ],
    [
      'a batch mixing queries and mutations',
      () => ({ method: 'POST', url: '/trpc/user.me,auth.logout?batch=1', headers: { ...auth, ...json }, payload: {} }),
    ],
    [
      'an unsupported content type',
      () => ({ method: 'POST', url: '/trpc/auth.login', headers: { 'content-type': 'text/plain' }, payload: 'hello' }),
    ],
    [
      'a streaming batch',
      () => ({
        url: `/trpc/user.me?batch=1&input=${input({})}`,
        headers: { ...auth, 'trpc-accept': 'application/jsonl' },
      }),
    ],
    ['a HEAD request', () => ({ method: 'HEAD', url: '/trpc/user.me', headers: auth })],
  ];

  it.each(cases)('answers %s exactly as tRPC does', async (_name, request) => {
    const viaFastPath = await send(fast, request());
    const viaTrpc = await send(official, request());
    expect(viaFastPath).toEqual(viaTrpc);
  });

  it('takes the plain JSON requests and leaves the rest to tRPC', () => {
    expect(plan({})).toMatchObject({ type: 'query', isBatch: false, calls: [{ path: 'user.me', input: undefined }] });
    expect(
      plan({ path: 'user.me,bom.runs.list', search: `batch=1&input=${input({ 1: { limit: 3 } })}` }),
    ).toMatchObject({
      type: 'query',
      isBatch: true,
      calls: [
        { path: 'user.me', input: undefined },
        { path: 'bom.runs.list', input: { limit: 3 } },
      ],
    });
    const login = { method: 'POST', path: 'auth.login', headers: json, body: '{"account":"a"}' };
    expect(plan(login)).toMatchObject({ type: 'mutation', calls: [{ input: { account: 'a' } }] });
    expect(plan({ ...login, headers: { 'content-type': 'Application/JSON; charset=utf-8' } })).not.toBeNull();

    expect(plan({ method: 'POST', headers: json, body: '{}' })).toBeNull();
    expect(plan({ path: 'auth.login' })).toBeNull();
    expect(plan({ path: 'nothing.here' })).toBeNull();
    expect(plan({ path: 'bom.runs.progress' })).toBeNull();
    expect(plan({ search: 'input=%7Bnope' })).toBeNull();
    expect(plan({ search: 'connectionParams=%7B%7D' })).toBeNull();
    expect(plan({ ...login, body: '{nope' })).toBeNull();
    expect(plan({ ...login, headers: { 'content-type': 'multipart/form-data; boundary=x' } })).toBeNull();
    expect(plan({ headers: { 'trpc-accept': 'application/jsonl' } })).toBeNull();
    expect(plan({ headers: { accept: 'text/html, application/jsonl' } })).toBeNull();
    expect(plan({ method: 'HEAD' })).toBeNull();
    expect(plan({ path: 'user.me,auth.logout', search: 'batch=1' })).toBeNull();
    expect(plan({ path: 'user.me,user.me', search: 'batch=1&input=%5B1%5D' })).toBeNull();
    expect(plan({ path: 'user%2Eme' })).toBeNull();
  });
});
