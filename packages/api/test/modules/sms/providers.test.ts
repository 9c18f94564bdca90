import { describe, expect, it } from 'vitest';
import { apiConfigSchema, generateSigningKey, type ApiConfigInput } from '../../../src/index';
import { createSmsProvider } from '../../../src/modules/sms/providers/create';
import { createRecordingLogger } from './harness';

const signingKey = JSON.stringify(await generateSigningKey());
const aliyun: Partial<ApiConfigInput> = {
  SMS_PROVIDER: 'aliyun',
  SMS_CODE_SECRET: 'production-sms-code-secret-0123456789',
  ALIYUN_ACCESS_KEY_ID: 'id',
  ALIYUN_ACCESS_KEY_SECRET: 'secret',
  ALIYUN_SMS_SIGN_NAME: 'Arya',
  ALIYUN_SMS_TEMPLATE_REGISTER: 'SMS_1',
  ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_2',
  ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: 'SMS_3',
  ALIYUN_SMS_TEMPLATE_BIND_PHONE: 'SMS_4',
};

function parse(env: Record<string, string>) {
  return apiConfigSchema.safeParse({ JWT_PRIVATE_KEY: signingKey, ...env });
}

function provider(env: Partial<ApiConfigInput>) {
  const logger = createRecordingLogger();
  return {
    logger,
    create: () => createSmsProvider(apiConfigSchema.parse({ JWT_PRIVATE_KEY: signingKey, ...env }), logger),
  };
}

describe('createSmsProvider', () => {
  it('defaults to the console provider outside production, and says it logs codes', async () => {
    const { create, logger } = provider({ NODE_ENV: 'development' });
    const console = create();
    expect(console.name).toBe('console');
    expect(logger.entries[0]?.msg).toMatch(/codes are written to this log/);
    await console.send({
      phone: { e164: '+8613800138000', providerNumber: '13800138000', mainland: true },
      purpose: 'login',
      code: '123456',
    });
    expect(logger.entries.at(-1)?.msg).toContain('123456');
  });

  it('refuses the console provider in production', () => {
    expect(
      provider({ NODE_ENV: 'production', SMS_PROVIDER: 'console', SMS_CODE_SECRET: aliyun.SMS_CODE_SECRET }).create,
    ).toThrow(/SMS_PROVIDER: "console" is refused when NODE_ENV=production/);
    expect(provider({ NODE_ENV: 'production', SMS_CODE_SECRET: aliyun.SMS_CODE_SECRET }).create).toThrow(
      /SMS_PROVIDER: must be "aliyun"/,
    );
  });

  it('needs SMS_CODE_SECRET in production', () => {
    expect(provider({ ...aliyun, NODE_ENV: 'production', SMS_CODE_SECRET: undefined }).create).toThrow(
      /SMS_CODE_SECRET/,
    );
  });

  it('names every missing ALIYUN_* variable', () => {
    expect(
      provider({ NODE_ENV: 'production', SMS_PROVIDER: 'aliyun', SMS_CODE_SECRET: aliyun.SMS_CODE_SECRET }).create,
    ).toThrow(
      /ALIYUN_ACCESS_KEY_ID: is required when SMS_PROVIDER=aliyun\n {2}- ALIYUN_ACCESS_KEY_SECRET: is required/,
    );
  });

  it('allows http only outside production or for a loopback endpoint', () => {
    const http = { ...aliyun, ALIYUN_SMS_PROTOCOL: 'http' as const };
    expect(provider({ ...http, NODE_ENV: 'production', ALIYUN_SMS_ENDPOINT: 'sms.example.com' }).create).toThrow(
      /ALIYUN_SMS_PROTOCOL: http is allowed only/,
    );
    expect(provider({ ...http, NODE_ENV: 'production', ALIYUN_SMS_ENDPOINT: '127.0.0.1:4010' }).create().name).toBe(
      'aliyun',
    );
    expect(provider({ ...http, NODE_ENV: 'development', ALIYUN_SMS_ENDPOINT: 'sms.example.com' }).create().name).toBe(
      'aliyun',
    );
  });

  it('rejects bad values at config parse time, naming the variable', () => {
    expect(parse({ SMS_PROVIDER: 'twilio' }).error?.issues[0]?.path).toEqual(['SMS_PROVIDER']);
    expect(parse({ ALIYUN_SMS_PROTOCOL: 'ftp' }).error?.issues[0]?.path).toEqual(['ALIYUN_SMS_PROTOCOL']);
    expect(parse({ ALIYUN_SMS_ENDPOINT: 'https://dysmsapi.aliyuncs.com' }).error?.issues[0]?.path).toEqual([
      'ALIYUN_SMS_ENDPOINT',
    ]);
    expect(parse({ SMS_CODE_SECRET: 'short' }).error?.issues[0]?.path).toEqual(['SMS_CODE_SECRET']);
    expect(parse({}).data).toMatchObject({
      ALIYUN_SMS_ENDPOINT: 'dysmsapi.aliyuncs.com',
      ALIYUN_SMS_PROTOCOL: 'https',
      ALIYUN_SMS_TIMEOUT_MS: 5000,
    });
  });
});
