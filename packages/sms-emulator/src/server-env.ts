import { DEFAULT_ACCESS_KEY, DEFAULT_SIGN_NAME, DEFAULT_TEMPLATE_CODES, type SmsEmulator } from './server';

/**
 * The server variables that send its SMS through the real Aliyun SDK to `emulator` over loopback HTTP, for an emulator
 * started with the default key pair, sign name and templates. The server's SMS_CODE_SECRET is the caller's to set.
 */
export function aliyunEnvFor(emulator: Pick<SmsEmulator, 'endpoint'>): Record<string, string> {
  return {
    SMS_PROVIDER: 'aliyun',
    ALIYUN_ACCESS_KEY_ID: DEFAULT_ACCESS_KEY.id,
    ALIYUN_ACCESS_KEY_SECRET: DEFAULT_ACCESS_KEY.secret,
    ALIYUN_SMS_SIGN_NAME: DEFAULT_SIGN_NAME,
    ...DEFAULT_TEMPLATE_CODES,
    ALIYUN_SMS_ENDPOINT: emulator.endpoint,
    ALIYUN_SMS_PROTOCOL: 'http',
  };
}
