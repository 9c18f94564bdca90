import type { ApiConfig } from '../../../config';
import type { Logger } from '../../../logger';
import { createAliyunSmsProvider } from './aliyun';
import { createConsoleSmsProvider } from './console';
import type { SmsProvider } from './types';

/** Used outside production when SMS_CODE_SECRET is unset, so `pnpm dev` works with no set-up. */
const DEVELOPMENT_CODE_SECRET = 'arya-development-sms-code-secret-do-not-use-in-production';

/** The HMAC key for stored codes. Production refuses to start without a real one. */
export function smsCodeSecret(config: ApiConfig): string {
  if (config.SMS_CODE_SECRET) return config.SMS_CODE_SECRET;
  if (config.NODE_ENV === 'production')
    throw new Error('SMS_CODE_SECRET must be set (at least 32 characters) when NODE_ENV=production');
  return DEVELOPMENT_CODE_SECRET;
}

function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpoint.startsWith('[') ? endpoint.slice(1, endpoint.indexOf(']')) : (endpoint.split(':')[0] ?? '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * What is wrong with the SMS settings, one "VARIABLE: problem" line each (the host lists them with its other config
 * problems before it starts). Empty when the settings can build a provider.
 */
export function smsConfigProblems(config: ApiConfig): string[] {
  const production = config.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && !config.SMS_CODE_SECRET)
    problems.push('SMS_CODE_SECRET: is required when NODE_ENV=production (at least 32 characters)');
  const provider = config.SMS_PROVIDER ?? (production ? undefined : 'console');
  if (provider === undefined) {
    problems.push('SMS_PROVIDER: must be "aliyun" when NODE_ENV=production');
  } else if (provider === 'console') {
    if (production)
      problems.push(
        'SMS_PROVIDER: "console" is refused when NODE_ENV=production (it writes verification codes to the log)',
      );
  } else {
    for (const [variable, value] of Object.entries(aliyunRequired(config))) {
      if (!value) problems.push(`${variable}: is required when SMS_PROVIDER=aliyun`);
    }
    if (config.ALIYUN_SMS_PROTOCOL === 'http' && production && !isLoopbackEndpoint(config.ALIYUN_SMS_ENDPOINT)) {
      problems.push(
        'ALIYUN_SMS_PROTOCOL: http is allowed only outside production or for a loopback ALIYUN_SMS_ENDPOINT',
      );
    }
  }
  return problems;
}

function aliyunRequired(config: ApiConfig) {
  return {
    ALIYUN_ACCESS_KEY_ID: config.ALIYUN_ACCESS_KEY_ID,
    ALIYUN_ACCESS_KEY_SECRET: config.ALIYUN_ACCESS_KEY_SECRET,
    ALIYUN_SMS_SIGN_NAME: config.ALIYUN_SMS_SIGN_NAME,
    ALIYUN_SMS_TEMPLATE_REGISTER: config.ALIYUN_SMS_TEMPLATE_REGISTER,
    ALIYUN_SMS_TEMPLATE_LOGIN: config.ALIYUN_SMS_TEMPLATE_LOGIN,
    ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: config.ALIYUN_SMS_TEMPLATE_RESET_PASSWORD,
    ALIYUN_SMS_TEMPLATE_BIND_PHONE: config.ALIYUN_SMS_TEMPLATE_BIND_PHONE,
  };
}

/** Builds the configured provider once at start; refuses (naming each variable) when `smsConfigProblems` finds any. */
export function createSmsProvider(config: ApiConfig, logger: Logger): SmsProvider {
  const problems = smsConfigProblems(config);
  if (problems.length > 0)
    throw new Error(`Invalid SMS configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  if ((config.SMS_PROVIDER ?? 'console') === 'console') return createConsoleSmsProvider(logger);

  const required = aliyunRequired(config);
  return createAliyunSmsProvider({
    accessKeyId: required.ALIYUN_ACCESS_KEY_ID ?? '',
    accessKeySecret: required.ALIYUN_ACCESS_KEY_SECRET ?? '',
    signName: required.ALIYUN_SMS_SIGN_NAME ?? '',
    templates: {
      register: required.ALIYUN_SMS_TEMPLATE_REGISTER ?? '',
      login: required.ALIYUN_SMS_TEMPLATE_LOGIN ?? '',
      reset_password: required.ALIYUN_SMS_TEMPLATE_RESET_PASSWORD ?? '',
      bind_phone: required.ALIYUN_SMS_TEMPLATE_BIND_PHONE ?? '',
    },
    endpoint: config.ALIYUN_SMS_ENDPOINT,
    protocol: config.ALIYUN_SMS_PROTOCOL,
    timeoutMs: config.ALIYUN_SMS_TIMEOUT_MS,
  });
}
