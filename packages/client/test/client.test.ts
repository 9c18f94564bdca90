import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRPCClientError } from '@trpc/client';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiConfigSchema,
  appRouter,
  closeApiDeps,
  createApiDeps,
  createContext,
  createFirstAdmin,
  generateSigningKey,
  getPublicJwks,
  type ApiDeps,
} from '@arya/api';
import { createTestClock, createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { createAryaClient, InvalidAccessTokenError } from '../src';

// A tiny HTTP host for the router (the real one is apps/server): /trpc plus the JWKS route.
let server: Server;
let deps: ApiDeps;
let database: TestDatabase;
let redis: TestRedis;
let baseUrl: string;
// Starts at the real time: the client's offline verification checks expiry against the real clock.
const clock = createTestClock();
const requestedPaths: string[] = [];

function parseCookies(header: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (header ?? '').split(';').flatMap((part) => {
      const [name, ...value] = part.trim().split('=');
      return name ? [[name, value.join('=')]] : [];
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  const config = apiConfigSchema.parse({
    NODE_ENV: 'test',
    JWT_PRIVATE_KEY: JSON.stringify(await generateSigningKey()),
    BCRYPT_COST: '10',
    REGISTRATIONS_PER_IP_PER_HOUR: '100000',
  });
  deps = await createApiDeps(config, { db: database.db, redis: redis.redis, clock, passwordThreads: 1 });
  await createFirstAdmin(deps, { account: 'service-bot', password: 'service bot secret' });

  const trpcHandler = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req, res }) =>
      createContext({
        deps,
        request: {
          ip: req.socket.remoteAddress ?? null,
          userAgent: req.headers['user-agent'] ?? null,
          headers: req.headers,
          cookies: parseCookies(req.headers.cookie),
        },
        response: {
          setCookie: (name, value) => res.appendHeader('set-cookie', `${name}=${value}; HttpOnly; Path=/trpc`),
          clearCookie: (name) => res.appendHeader('set-cookie', `${name}=; Max-Age=0; Path=/trpc`),
        },
      }),
  });
  server = createServer((req, res) => {
    requestedPaths.push(req.url ?? '');
    if (req.url === '/.well-known/jwks.json') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(getPublicJwks(deps)));
      return;
    }
    trpcHandler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeApiDeps(deps);
  await redis.cleanup();
  await database.drop();
});

const refreshCalls = () => requestedPaths.filter((p) => p.includes('auth.refresh')).length;

describe('createAryaClient over HTTP', () => {
  it('signs in, calls typed procedures and signs out', async () => {
    const client = createAryaClient({ url: `${baseUrl}/trpc` });
    const user = await client.login({ account: 'service-bot', password: 'service bot secret' });
    expect(user).toMatchObject({ account: 'service-bot', role: 'admin' });
    const me = await client.trpc.user.me.query();
    expect(me.id).toBe(user.id);
    const page = await client.trpc.admin.users.list.query({ limit: 5 });
    expect(page.items.map((u) => u.account)).toContain('service-bot');
    await client.logout();
    expect(client.getTokens()).toBeNull();
    await expect(client.trpc.user.me.query()).rejects.toBeInstanceOf(TRPCClientError);
  });

  it('refreshes once when the access token has expired and retries, even for concurrent calls', async () => {
    const client = createAryaClient({ url: `${baseUrl}/trpc` });
    await client.login({ account: 'service-bot', password: 'service bot secret' });
    const before = client.getTokens();
    clock.advance(16 * 60 * 1000);
    const callsBefore = refreshCalls();
    const [a, b, c] = await Promise.all([
      client.trpc.user.me.query(),
      client.trpc.user.sessions.query(),
      client.trpc.user.me.query(),
    ]);
    expect(a.account).toBe('service-bot');
    expect(b.some((s) => s.current)).toBe(true);
    expect(c.id).toBe(a.id);
    expect(refreshCalls() - callsBefore).toBe(1);
    expect(client.getTokens()?.refreshToken).not.toBe(before?.refreshToken);
  });

  it('gives up with UNAUTHORIZED when the session itself has ended, after one refresh attempt', async () => {
    const client = createAryaClient({ url: `${baseUrl}/trpc` });
    const user = await client.login({ account: 'service-bot', password: 'service bot secret' });
    await deps.db.updateTable('sessions').set({ revoked_at: clock.now() }).where('user_id', '=', user.id).execute();
    clock.advance(16 * 60 * 1000);
    const callsBefore = refreshCalls();
    const error = await client.trpc.user.me.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<typeof appRouter>).data?.code).toBe('UNAUTHORIZED');
    expect(refreshCalls() - callsBefore).toBe(1);
    expect(client.getTokens()).toBeNull();
  });

  it('verifies access tokens offline with the JWKS and rejects forged ones', async () => {
    const client = createAryaClient({ url: `${baseUrl}/trpc` });
    const user = await client.login({ account: 'service-bot', password: 'service bot secret' });
    const token = client.getTokens()?.accessToken ?? '';
    const verified = await client.verifyAccessToken(token);
    expect(verified).toMatchObject({ userId: user.id, role: 'admin' });
    const [header, payload] = token.split('.');
    await expect(client.verifyAccessToken(`${header}.${payload}.${'A'.repeat(86)}`)).rejects.toBeInstanceOf(
      InvalidAccessTokenError,
    );
    expect(requestedPaths).toContain('/.well-known/jwks.json');
  });
});
