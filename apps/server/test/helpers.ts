import type { AnyTRPCRouter } from '@trpc/server';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApiDeps, createFirstAdmin, generateSigningKey, type ApiDeps, type Clock } from '@arya/api';
import { aliyunEnvFor, startSmsEmulator, type SmsEmulator } from '@arya/sms-emulator';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { buildApp } from '../src/app';
import { parseConfig, type Config } from '../src/config';
import { compressionPlugin } from '../src/plugins/compression';
import { securityPlugin } from '../src/plugins/security';
import { trpcPlugin } from '../src/plugins/trpc';
import { shutdownGracefully } from '../src/shutdown';
import { productionSmsEnv } from './production-sms-env';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  deps: ApiDeps;
  database: TestDatabase;
  redis: TestRedis;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Share another test app's database and Redis prefix (a second server instance). */
  shareWith?: TestApp;
  /** The service clock (default: the system clock). */
  clock?: Clock;
}

const signingKey = JSON.stringify(await generateSigningKey());

/** Config as the process would parse it, pointed at this test file's database. */
export function testConfig(database: TestDatabase, env: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_PRIVATE_KEY: signingKey,
    BCRYPT_COST: '10',
    // Tests register many accounts from one address.
    REGISTRATIONS_PER_IP_PER_HOUR: '100000',
    // Tests send many codes from one address; the proof-of-work tests set it low.
    SMS_POW_AFTER: '1000',
    // Tests sign users up in every environment (production defaults to closed registration).
    REGISTRATION_MODE: 'open',
    // One BOM worker thread (the machine is shared); the tests of several threads set more.
    BOM_WORKER_THREADS: '1',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    WEB_DIST_DIR: '/nonexistent',
    ...(env.NODE_ENV === 'production' ? productionSmsEnv : {}),
    ...env,
  });
}

/** How long a test app's close waits for open requests before cutting their connections. */
const CLOSE_DRAIN_MS = 3000;

/**
 * The real app on a per-file database and a uniquely prefixed Redis, not listening (use `app.inject`).
 * `close` closes the app and, unless shared, drops the database and the Redis keys.
 */
export async function createTestApp({ env, shareWith, clock }: TestAppOptions = {}): Promise<TestApp> {
  const database = shareWith?.database ?? (await createTestDatabase());
  const redis = shareWith?.redis ?? createTestRedis();
  const config = testConfig(database, env);
  const deps = await createApiDeps(config, {
    db: shareWith ? undefined : database.db,
    redis: shareWith ? redis.duplicate() : redis.redis,
    passwordThreads: 1,
    ...(clock ? { clock } : {}),
  });
  const app = await buildApp({ config, deps });
  return {
    app,
    config,
    deps,
    database,
    redis,
    async close() {
      // As the server's own shutdown does: a test client's keep-alive connection that Node does not count as idle
      // (seen under load after an upload) would otherwise hold app.close() until the hook timeout.
      await shutdownGracefully(app, CLOSE_DRAIN_MS);
      if (!shareWith) {
        await redis.cleanup();
        await database.drop();
      }
    },
  };
}

/**
 * A bare Fastify host serving a small test `router` (built on the API's context) through the app's security plugin,
 * compression when asked, and the tRPC plugin, on a test app's deps; that test app closes with the host.
 */
export async function createRouterHost(router: AnyTRPCRouter, { compression = false } = {}): Promise<FastifyInstance> {
  const base = await createTestApp();
  const app = Fastify();
  app.addHook('onClose', () => base.close());
  await app.register(securityPlugin, { config: base.config });
  if (compression) await app.register(compressionPlugin);
  await app.register(trpcPlugin, { deps: base.deps, router });
  return app;
}

export interface SmsTestApp extends TestApp {
  /** The Dysmsapi emulator this app's SMS go to (the one it shares when built with `shareWith`). */
  emulator: SmsEmulator;
}

export interface SmsTestAppOptions extends TestAppOptions {
  /** A second server instance: the same database, Redis prefix and SMS emulator. */
  shareWith?: SmsTestApp;
}

/**
 * A test app whose SMS go through the real Aliyun SDK to the Dysmsapi emulator, in any NODE_ENV. The emulator's own
 * per-phone flow control is off, so a test measures the server's limits. `close` closes the emulator too, unless
 * shared.
 */
export async function createSmsTestApp(options: SmsTestAppOptions = {}): Promise<SmsTestApp> {
  const { shareWith } = options;
  const emulator = shareWith?.emulator ?? (await startSmsEmulator({ flowControl: false }));
  const closeEmulator = async () => {
    if (!shareWith) await emulator.close();
  };
  try {
    const env = { ...aliyunEnvFor(emulator), SMS_CODE_SECRET: productionSmsEnv.SMS_CODE_SECRET, ...options.env };
    const test = await createTestApp({ ...options, env });
    return {
      ...test,
      emulator,
      async close() {
        await test.close();
        await closeEmulator();
      },
    };
  } catch (error) {
    await closeEmulator();
    throw error;
  }
}

let phonesHandedOut = 0;
/** A valid mainland mobile number no earlier call in this test file got, so no two sends share a per-phone limit. */
export function uniquePhone(): string {
  phonesHandedOut += 1;
  return `139${String(phonesHandedOut).padStart(8, '0')}`;
}

/** Starts `app` on a free loopback port, for clients that need real HTTP; returns its base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the app is not listening');
  return `http://127.0.0.1:${address.port}`;
}

export interface TrpcResponse {
  statusCode: number;
  body: {
    result?: { data: Record<string, unknown> };
    error?: { message: string; code: number; data: Record<string, unknown> };
  };
  cookies: string[];
}

/** One tRPC mutation over HTTP through `inject`. */
export async function mutate(
  app: FastifyInstance,
  path: string,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<TrpcResponse> {
  const response = await app.inject({ method: 'POST', url: `/trpc/${path}`, payload: input as object, headers });
  const setCookie = response.headers['set-cookie'];
  return {
    statusCode: response.statusCode,
    body: response.json(),
    cookies: setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie],
  };
}

export const strongPassword = 'Quartz-Lantern-42-Orbit';

/** Registers an account and returns its access token. */
export async function registerUser(app: FastifyInstance, account: string): Promise<string> {
  const response = await mutate(app, 'auth.register', { account, password: strongPassword });
  const token = response.body.result?.data.accessToken;
  if (typeof token !== 'string') throw new Error(`registration failed: ${JSON.stringify(response.body)}`);
  return token;
}

/** Makes `account` the first admin (as `pnpm create-admin` does) and signs it in; returns its access token. */
export async function firstAdminToken(test: TestApp, account: string): Promise<string> {
  await createFirstAdmin(test.deps, { account, password: strongPassword });
  const response = await mutate(test.app, 'auth.login', { account, password: strongPassword });
  const token = response.body.result?.data.accessToken;
  if (typeof token !== 'string') throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
  return token;
}
