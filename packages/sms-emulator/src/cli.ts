/**
 * Runs the Dysmsapi emulator on its own, for browser end-to-end tests and local development:
 *   pnpm --filter @arya/sms-emulator start [--port 4010] [--host 127.0.0.1]
 * It accepts the same ALIYUN_* variables as the server, so one .env points both at each other:
 *   ALIYUN_SMS_ENDPOINT=127.0.0.1:4010 ALIYUN_SMS_PROTOCOL=http
 */
import { parseArgs } from 'node:util';
import { DEFAULT_ACCESS_KEYS, DEFAULT_SIGN_NAMES, DEFAULT_TEMPLATES, startSmsEmulator } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.SMS_EMULATOR_PORT ?? '4010' },
    host: { type: 'string', default: process.env.SMS_EMULATOR_HOST ?? '127.0.0.1' },
    'no-flow-control': { type: 'boolean', default: false },
  },
});

const env = process.env;
const accessKeys =
  env.ALIYUN_ACCESS_KEY_ID && env.ALIYUN_ACCESS_KEY_SECRET
    ? { [env.ALIYUN_ACCESS_KEY_ID]: env.ALIYUN_ACCESS_KEY_SECRET }
    : DEFAULT_ACCESS_KEYS;
const templateCodes = [
  env.ALIYUN_SMS_TEMPLATE_REGISTER,
  env.ALIYUN_SMS_TEMPLATE_LOGIN,
  env.ALIYUN_SMS_TEMPLATE_RESET_PASSWORD,
  env.ALIYUN_SMS_TEMPLATE_BIND_PHONE,
].filter((code): code is string => Boolean(code));

const emulator = await startSmsEmulator({
  host: values.host,
  port: Number(values.port),
  accessKeys,
  signNames: env.ALIYUN_SMS_SIGN_NAME ? [env.ALIYUN_SMS_SIGN_NAME] : DEFAULT_SIGN_NAMES,
  templates: templateCodes.length
    ? { ...DEFAULT_TEMPLATES, ...Object.fromEntries(templateCodes.map((code) => [code, ['code']])) }
    : DEFAULT_TEMPLATES,
  flowControl: values['no-flow-control'] ? false : undefined,
});

console.log(`Dysmsapi emulator listening on ${emulator.url}`);
console.log(`  point the server at it: ALIYUN_SMS_ENDPOINT=${emulator.endpoint} ALIYUN_SMS_PROTOCOL=http`);
console.log(`  access keys: ${Object.keys(accessKeys).join(', ')}`);
console.log(`  latest code: curl '${emulator.url}/__emulator/messages?phone=13800138000'`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
