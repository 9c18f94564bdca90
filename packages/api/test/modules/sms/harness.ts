import { startSmsEmulator, type SmsEmulator } from '@arya/sms-emulator';
import type { TestClock, TestDatabase, TestRedis } from '@arya/testing';
import {
  apiConfigSchema,
  closeApiDeps,
  createApiDeps,
  createCallerFactory,
  createContext,
  type ApiConfigInput,
  type ApiDeps,
  type Logger,
} from '../../../src/index';
import { createSmsProvider } from '../../../src/modules/sms/providers/create';
import { appRouter } from '../../../src/root';
import { baseTestConfig, openTestStores } from '../../helpers/harness';

const createCaller = createCallerFactory(appRouter);

export const EMULATOR_KEY_ID = 'arya-test-key';
export const EMULATOR_KEY_SECRET = 'arya-test-secret-never-logged';
export const SIGN_NAME = 'Arya';
export const TEMPLATES = {
  register: 'SMS_100001',
  login: 'SMS_100002',
  reset_password: 'SMS_100003',
  bind_phone: 'SMS_100004',
};

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg: string | undefined;
}

/** Collects log lines so tests can check what is (and is not) logged. */
export function createRecordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg });
  };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface SmsTestBed {
  deps: ApiDeps;
  emulator: SmsEmulator;
  clock: TestClock;
  logger: ReturnType<typeof createRecordingLogger>;
  database: TestDatabase;
  testRedis: TestRedis;
  /** A tRPC caller as a client at `ip` (with an optional access token) would see it. */
  caller: (options?: { ip?: string; accessToken?: string }) => ReturnType<typeof createCaller>;
  /** Other deps sharing this database, Redis and clock, with different config (e.g. a wrong secret). */
  depsWith: (config: Partial<ApiConfigInput>) => Promise<ApiDeps>;
  close: () => Promise<void>;
}

/**
 * Real Postgres and Redis (per-file database and key prefix), the real Aliyun SDK talking to the Dysmsapi emulator,
 * and a clock that only moves when told. The emulator's own flow control is off so the API's limits are what is
 * measured; provider-side flow control is exercised with injected faults.
 */
export async function createSmsTestBed(): Promise<SmsTestBed> {
  const { database, redis: testRedis, clock } = await openTestStores();
  const logger = createRecordingLogger();
  const emulator = await startSmsEmulator({
    accessKeys: { [EMULATOR_KEY_ID]: EMULATOR_KEY_SECRET },
    signNames: [SIGN_NAME],
    templates: Object.fromEntries(Object.values(TEMPLATES).map((code) => [code, ['code']])),
    flowControl: false,
  });
  const baseConfig: ApiConfigInput = {
    ...(await baseTestConfig()),
    SMS_PROVIDER: 'aliyun',
    SMS_CODE_SECRET: 'test-sms-code-secret-0123456789abcdef',
    ALIYUN_ACCESS_KEY_ID: EMULATOR_KEY_ID,
    ALIYUN_ACCESS_KEY_SECRET: EMULATOR_KEY_SECRET,
    ALIYUN_SMS_SIGN_NAME: SIGN_NAME,
    ALIYUN_SMS_TEMPLATE_REGISTER: TEMPLATES.register,
    ALIYUN_SMS_TEMPLATE_LOGIN: TEMPLATES.login,
    ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: TEMPLATES.reset_password,
    ALIYUN_SMS_TEMPLATE_BIND_PHONE: TEMPLATES.bind_phone,
    ALIYUN_SMS_ENDPOINT: emulator.endpoint,
    ALIYUN_SMS_PROTOCOL: 'http',
    ALIYUN_SMS_TIMEOUT_MS: '1000',
  };
  const opened: ApiDeps[] = [];
  const depsWith = async (overrides: Partial<ApiConfigInput>) => {
    const config = apiConfigSchema.parse({ ...baseConfig, ...overrides });
    const deps = await createApiDeps(config, {
      db: database.db,
      redis: testRedis.redis,
      clock,
      logger,
      sms: createSmsProvider(config, logger),
      passwordThreads: 1,
    });
    opened.push(deps);
    return deps;
  };
  const deps = await depsWith({});

  const caller: SmsTestBed['caller'] = (options = {}) =>
    createCaller(
      createContext({
        deps,
        request: {
          ip: options.ip ?? '203.0.113.10',
          userAgent: 'vitest',
          headers: options.accessToken ? { authorization: `Bearer ${options.accessToken}` } : {},
          cookies: {},
        },
        response: { setCookie: () => {}, clearCookie: () => {} },
      }),
    );

  return {
    deps,
    emulator,
    clock,
    logger,
    database,
    testRedis,
    caller,
    depsWith,
    close: async () => {
      for (const each of opened) await closeApiDeps(each);
      await emulator.close();
      await testRedis.cleanup();
      await database.drop();
    },
  };
}

/** Distinct valid mainland numbers per test, so tests in one file never share limits. */
let nextPhone = 0;
export function uniquePhone(): string {
  nextPhone += 1;
  return `139${String(10_000_000 + nextPhone * 7919).slice(-8)}`;
}
