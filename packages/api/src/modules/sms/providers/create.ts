import type { ApiConfig } from '../../../config';
import type { Logger } from '../../../deps';
import { createAliyunSmsProvider } from './aliyun';
import { createConsoleSmsProvider } from './console';
import type { SmsProvider } from './types';

/** Used outside production when SMS_CODE_SECRET is unset, so `pnpm dev` works with no set-up. */
const DEVELOPMENT_CODE_SECRET = 'arya-development-sms-code-secret-do-not-use-in-production';

/** The HMAC key for stored codes. Production refuses to start without a real one. */
export function smsCodeSecret(config: ApiConfig): string {
  if (config.SMS_CODE_SECRET) return config.SMS_CODE_SECRET;
  if (config.NODE_ENV === 'production') throw new Error('SMS_CODE_SECRET must be set (at least 32 characters) when NODE_ENV=production');
  return DEVELOPMENT_CODE_SECRET;
}

function isLoopbackEndpoint(endpoint: string): boolean {
  const host = endpoint.startsWith('[') ? endpoint.slice(1, endpoint.indexOf(']')) : (endpoint.split(':')[0] ?? '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Builds the configured provider once at start. Every refusal names the variable to fix, so a misconfigured server
 * stops before it takes traffic.
 */
export function createSmsProvider(config: ApiConfig, logger: Logger): SmsProvider {
  const production = config.NODE_ENV === 'production';
  smsCodeSecret(config);
  const name = config.SMS_PROVIDER ?? (production ? undefined : 'console');
  if (name === undefined) throw new Error('SMS_PROVIDER must be set to "aliyun" when NODE_ENV=production');
  if (name === 'console') {
    if (production) throw new Error('SMS_PROVIDER=console is refused when NODE_ENV=production: it writes verification codes to the log');
    return createConsoleSmsProvider(logger);
  }

  const required = {
    ALIYUN_ACCESS_KEY_ID: config.ALIYUN_ACCESS_KEY_ID,
    ALIYUN_ACCESS_KEY_SECRET: config.ALIYUN_ACCESS_KEY_SECRET,
    ALIYUN_SMS_SIGN_NAME: config.ALIYUN_SMS_SIGN_NAME,
    ALIYUN_SMS_TEMPLATE_REGISTER: config.ALIYUN_SMS_TEMPLATE_REGISTER,
    ALIYUN_SMS_TEMPLATE_LOGIN: config.ALIYUN_SMS_TEMPLATE_LOGIN,
    ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: config.ALIYUN_SMS_TEMPLATE_RESET_PASSWORD,
    ALIYUN_SMS_TEMPLATE_BIND_PHONE: config.ALIYUN_SMS_TEMPLATE_BIND_PHONE,
  };
  const missing = Object.entries(required)
    .filter(([, value]) => !value)
    .map(([variable]) => variable);
  if (missing.length > 0) throw new Error(`SMS_PROVIDER=aliyun needs ${missing.join(', ')}`);
  if (config.ALIYUN_SMS_PROTOCOL === 'http' && production && !isLoopbackEndpoint(config.ALIYUN_SMS_ENDPOINT)) {
    throw new Error('ALIYUN_SMS_PROTOCOL=http is allowed only outside production or for a loopback ALIYUN_SMS_ENDPOINT');
  }

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
