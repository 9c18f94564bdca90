import type { Redis } from 'ioredis';
import {
  createTestClock,
  createTestDatabase,
  createTestRedis,
  type TestClock,
  type TestDatabase,
  type TestRedis,
} from '@arya/testing';
import {
  apiConfigSchema,
  appRouter,
  closeApiDeps,
  createApiDeps,
  createFirstAdmin,
  createCallerFactory,
  createContext,
  generateSigningKey,
  type ApiConfig,
  type ApiConfigInput,
  type ApiDeps,
  type CookieOptions,
} from '../../src';

const createCaller = createCallerFactory(appRouter);

export interface TestApi {
  deps: ApiDeps;
  config: ApiConfig;
  clock: TestClock;
  database: TestDatabase;
  redis: TestRedis;
  /** A second "server instance": its own deps (own pools, own worker pool) on the same database and Redis. */
  createInstance: () => Promise<ApiDeps>;
  close: () => Promise<void>;
}

/** What every test config starts from: test mode, a fresh signing key, cheap hashing. */
export async function baseTestConfig(): Promise<ApiConfigInput> {
  return {
    NODE_ENV: 'test',
    JWT_PRIVATE_KEY: JSON.stringify(await generateSigningKey()),
    BCRYPT_COST: '10',
    // Tests send many codes from one address; the proof-of-work tests set it low.
    SMS_POW_AFTER: '1000',
  };
}

/** What every harness opens: a per-file database, a uniquely prefixed Redis and a clock that moves only when told. */
export async function openTestStores(): Promise<{ database: TestDatabase; redis: TestRedis; clock: TestClock }> {
  return {
    database: await createTestDatabase(),
    redis: createTestRedis(),
    clock: createTestClock('2026-11-28T08:00:00.000Z'),
  };
}

export async function createTestApi(configOverrides: Record<string, string> = {}): Promise<TestApi> {
  const { database, redis, clock } = await openTestStores();
  const config = apiConfigSchema.parse({
    ...(await baseTestConfig()),
    // Tests register many accounts from one address; the registration limit's own test sets it low.
    REGISTRATIONS_PER_IP_PER_HOUR: '100000',
    // Queries use the test's own pool; the access cache's LISTEN connection needs the URL.
    DATABASE_URL: database.url,
    ...configOverrides,
  });
  const instances: ApiDeps[] = [];
  const extraRedis: Redis[] = [];
  const deps = await createApiDeps(config, { db: database.db, redis: redis.redis, clock, passwordThreads: 1 });
  instances.push(deps);
  return {
    deps,
    config,
    clock,
    database,
    redis,
    createInstance: async () => {
      const otherRedis = redis.duplicate();
      extraRedis.push(otherRedis);
      const other = await createApiDeps(config, { redis: otherRedis, clock, passwordThreads: 1 });
      instances.push(other);
      return other;
    },
    close: async () => {
      for (const instance of instances) await closeApiDeps(instance);
      await redis.cleanup();
      await database.drop();
    },
  };
}

export interface RecordedCookie {
  value: string;
  options: CookieOptions;
}

export interface AgentOptions {
  ip?: string;
  userAgent?: string;
  locale?: string;
}

/**
 * A fake browser: keeps the cookies the API sets and the access token it was given, and calls procedures in-process.
 */
export function createAgent(deps: ApiDeps, options: AgentOptions = {}) {
  const cookies = new Map<string, RecordedCookie>();
  const cleared: string[] = [];
  let accessToken: string | null = null;

  const call = () =>
    createCaller(
      createContext({
        deps,
        request: {
          ip: options.ip ?? '198.51.100.7',
          userAgent: options.userAgent ?? 'vitest-agent',
          headers: {
            'accept-language': options.locale ?? 'en',
            ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
          },
          cookies: Object.fromEntries([...cookies].map(([name, cookie]) => [name, cookie.value])),
        },
        response: {
          setCookie: (name, value, cookieOptions) => {
            cookies.set(name, { value, options: cookieOptions });
          },
          clearCookie: (name) => {
            cookies.delete(name);
            cleared.push(name);
          },
        },
      }),
    );

  return {
    get api() {
      return call();
    },
    cookies,
    cleared,
    get accessToken() {
      return accessToken;
    },
    set accessToken(token: string | null) {
      accessToken = token;
    },
    async register(account: string, password = 'correct horse battery', username?: string) {
      const result = await call().auth.register({ account, password, ...(username ? { username } : {}) });
      accessToken = result.accessToken;
      return result;
    },
    async login(account: string, password = 'correct horse battery') {
      const result = await call().auth.login({ account, password });
      accessToken = result.accessToken;
      return result;
    },
  };
}

export type Agent = ReturnType<typeof createAgent>;

export const ADMIN_PASSWORD = 'admin pass phrase';

/** Makes `account` the first admin (as `pnpm create-admin` does); an agent signed in as it. */
export async function firstAdminAgent(deps: ApiDeps, account = 'boss'): Promise<Agent> {
  await createFirstAdmin(deps, { account, password: ADMIN_PASSWORD });
  const admin = createAgent(deps);
  await admin.login(account, ADMIN_PASSWORD);
  return admin;
}
