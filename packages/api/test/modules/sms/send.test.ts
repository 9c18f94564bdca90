import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { translate } from '../../../src/messages';
import { sendSmsCode } from '../../../src/modules/sms/service';
import { appErrorOf } from '../../helpers/errors';
import { createSmsTestBed, EMULATOR_KEY_SECRET, uniquePhone, type SmsTestBed } from './harness';

let bed: SmsTestBed;
beforeAll(async () => {
  bed = await createSmsTestBed();
});
afterAll(() => bed.close());
beforeEach(() => {
  bed.emulator.reset();
  bed.logger.entries.length = 0;
});

let ipCounter = 0;
/** A fresh client address per call unless one is given, so the per-IP limit stays out of per-phone tests. */
function send(phone: string, options: { ip?: string; purpose?: 'register' | 'login' | 'reset_password' } = {}) {
  ipCounter += 1;
  return bed.caller({ ip: options.ip ?? `10.9.${Math.floor(ipCounter / 250)}.${ipCounter % 250}` }).sms.send({
    phone,
    purpose: options.purpose ?? 'login',
  });
}

async function auditRows() {
  return bed.deps.db.selectFrom('sms_messages').selectAll().orderBy('id').execute();
}

describe('sms.send', () => {
  it('answers with the resend delay and lifetime, and records the attempt with a masked phone', async () => {
    const phone = uniquePhone();
    await expect(send(`+86${phone}`)).resolves.toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 });
    const [message] = bed.emulator.messages(phone);
    expect(message?.templateCode).toBe('SMS_100002');
    const row = (await auditRows()).at(-1);
    expect(row).toMatchObject({
      phone_masked: `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`,
      purpose: 'login',
      provider: 'aliyun',
      result_code: 'OK',
      request_id: message?.requestId,
      accepted: true,
    });
  });

  it('normalises mainland numbers and refuses others unless international sending is on', async () => {
    const phone = uniquePhone();
    await send(`0086 ${phone.slice(0, 3)}-${phone.slice(3)}`);
    expect(bed.emulator.latestCode(phone)).toMatch(/^\d{6}$/);
    expect(await appErrorOf(send('12345'))).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.phoneInvalid' });
    expect(await appErrorOf(send('+85291234567'))).toMatchObject({
      code: 'BAD_REQUEST',
      messageKey: 'sms.internationalNotSupported',
    });
    expect(bed.emulator.messages('85291234567')).toHaveLength(0);

    const international = await bed.depsWith({ SMS_ALLOW_INTERNATIONAL: 'true' });
    await sendSmsCode(international, { phone: '+85291234567', purpose: 'login', ip: '10.1.1.1' });
    expect(bed.emulator.latestCode('85291234567')).toMatch(/^\d{6}$/);
  });

  it('allows one send per phone per minute, with the seconds to wait', async () => {
    const phone = uniquePhone();
    await send(phone);
    bed.clock.advance(20_000);
    const refused = await appErrorOf(send(phone, { purpose: 'register' }));
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageKey: 'sms.tooManyForPhone',
      retryAfterSeconds: 40,
    });
    expect(refused.params).toEqual({ retryAfterSeconds: 40 });
    expect(translate(refused.messageKey, refused.params, 'en')).toBe(
      'Too many codes were requested for this phone number. Try again in 40 seconds.',
    );
    expect(translate(refused.messageKey, refused.params, 'zh-CN')).toBe('该手机号获取验证码过于频繁，请 40 秒后再试。');
    expect(bed.emulator.messages(phone)).toHaveLength(1); // refused before the provider was called
    bed.clock.advance(40_000);
    await send(phone);
  });

  it('allows 5 sends per phone per hour', async () => {
    const phone = uniquePhone();
    for (let i = 0; i < 5; i++) {
      await send(phone);
      bed.clock.advance(61_000);
    }
    const refused = await appErrorOf(send(phone));
    // The first send (5 × 61 s ago) leaves the hour window 3600 − 305 s from now.
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageKey: 'sms.tooManyForPhone',
      retryAfterSeconds: 3600 - 305,
    });
    bed.clock.advance((3600 - 305) * 1000);
    await send(phone);
  });

  it('allows 10 sends per phone per day', async () => {
    const phone = uniquePhone();
    const start = bed.clock.now().getTime();
    for (let i = 0; i < 10; i++) {
      await send(phone);
      bed.clock.advance(61 * 60_000); // past the hour window every time
    }
    const refused = await appErrorOf(send(phone));
    const wait = Math.ceil((start + 24 * 3600_000 - bed.clock.now().getTime()) / 1000);
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageKey: 'sms.tooManyForPhone',
      retryAfterSeconds: wait,
    });
    bed.clock.advance(wait * 1000);
    await send(phone);
  });

  it('allows 20 sends per client address per hour, shared across phones', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 20; i++) await send(uniquePhone(), { ip });
    const refused = await appErrorOf(send(uniquePhone(), { ip }));
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'sms.tooManyFromAddress' });
    expect(refused.retryAfterSeconds).toBe(3600);
    await send(uniquePhone(), { ip: '192.0.2.78' });
    bed.clock.advance(3600_000);
    await send(uniquePhone(), { ip });
  });

  it('holds the limits across server processes sharing Redis', async () => {
    const phone = uniquePhone();
    const otherProcess = await bed.depsWith({});
    const results = await Promise.allSettled([
      sendSmsCode(bed.deps, { phone, purpose: 'login', ip: '10.2.0.1' }),
      sendSmsCode(otherProcess, { phone, purpose: 'login', ip: '10.2.0.2' }),
      sendSmsCode(otherProcess, { phone, purpose: 'register', ip: '10.2.0.3' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(bed.emulator.messages(phone)).toHaveLength(1);
  });

  it('answers the same for registered and unregistered phones (no enumeration)', async () => {
    const registered = uniquePhone();
    await send(registered, { purpose: 'register' });
    const code = bed.emulator.latestCode(registered) ?? '';
    await bed.caller().auth.register({ phone: registered, code });
    bed.clock.advance(61_000);

    const unregistered = uniquePhone();
    for (const purpose of ['register', 'login', 'reset_password'] as const) {
      const forRegistered = await send(registered, { purpose });
      const forUnregistered = await send(unregistered, { purpose });
      expect(forRegistered).toEqual(forUnregistered);
      bed.clock.advance(61_000);
    }
    expect(bed.emulator.messages(registered)).toHaveLength(4);
    expect(bed.emulator.messages(unregistered)).toHaveLength(3);
  });

  it('requires a signed-in user for bind_phone codes', async () => {
    const refused = await appErrorOf(bed.caller().sms.send({ phone: uniquePhone(), purpose: 'bind_phone' }));
    expect(refused.code).toBe('UNAUTHORIZED');
  });
});

describe('sms.send when the provider refuses', () => {
  it('maps Aliyun flow control to TOO_MANY_REQUESTS, stores no code and keeps the quota', async () => {
    const phone = uniquePhone();
    bed.emulator.injectFault({ kind: 'throttle' });
    const refused = await appErrorOf(send(phone));
    expect(refused).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      messageKey: 'sms.providerThrottled',
      retryAfterSeconds: 60,
    });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'isv.BUSINESS_LIMIT_CONTROL', accepted: false });
    expect(await bed.testRedis.redis.exists(`sms:code:login:+86${phone}`)).toBe(0);
  });

  it('maps an invalid number to BAD_REQUEST', async () => {
    const international = await bed.depsWith({ SMS_ALLOW_INTERNATIONAL: 'true' });
    // Passes our E.164 check (7 digits) but Dysmsapi wants 8 or more.
    const error = await appErrorOf(sendSmsCode(international, { phone: '+1234567', purpose: 'login', ip: '10.3.0.1' }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.phoneInvalid' });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'isv.MOBILE_NUMBER_ILLEGAL', accepted: false });
  });

  it('maps 5xx to SERVICE_UNAVAILABLE, logs the RequestId; a failed send uses no per-phone quota', async () => {
    const phone = uniquePhone();
    bed.emulator.injectFault({ kind: 'serverError' });
    const error = await appErrorOf(send(phone));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', messageKey: 'sms.unavailable' });
    const row = (await auditRows()).at(-1);
    expect(row).toMatchObject({ result_code: 'ServiceUnavailable', accepted: false });
    expect(row?.request_id).toMatch(/^[0-9A-F-]{36}$/);
    const logged = bed.logger.entries.find((e) => e.msg === 'SMS provider did not accept the message');
    expect(logged?.obj).toMatchObject({ resultCode: 'ServiceUnavailable', requestId: row?.request_id });
    // Immediately again: not refused by the minute limit.
    await send(phone);
    expect(bed.emulator.latestCode(phone)).toMatch(/^\d{6}$/);
  });

  it('maps a timeout to SERVICE_UNAVAILABLE', async () => {
    const phone = uniquePhone();
    bed.emulator.injectFault({ kind: 'delay', ms: 2500 }); // the test config times out after 1 s
    const error = await appErrorOf(send(phone));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', messageKey: 'sms.unavailable' });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'TIMEOUT', accepted: false, request_id: null });
    // The SDK's timeout message quotes the request URL; its query (phone, code) must not reach the logs.
    const logged = JSON.stringify(bed.logger.entries);
    expect(logged).toMatch(/Timeout/);
    expect(logged).not.toContain(phone);
    expect(logged).not.toContain('TemplateParam');
    await send(phone);
  });

  it('goes through when the endpoint closes an idle connection as the send leaves', async () => {
    await send(uniquePhone());
    // As when the endpoint's keep-alive timeout fires while the request is on its way: a request on a connection that
    // already carried an answer is reset. Reusing connections made one sign-up in a CI run fail with 503.
    bed.emulator.injectFault({ kind: 'idleClose' });
    const phone = uniquePhone();
    await send(phone);
    expect(bed.emulator.latestCode(phone)).toMatch(/^\d{6}$/);
  });

  it('maps account-wide throttling to SERVICE_UNAVAILABLE and account problems to INTERNAL_SERVER_ERROR', async () => {
    bed.emulator.injectFault({ kind: 'gatewayThrottle' });
    expect(await appErrorOf(send(uniquePhone()))).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      messageKey: 'sms.unavailable',
    });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'Throttling.User', accepted: false });

    bed.emulator.injectFault({ kind: 'businessError', code: 'isv.AMOUNT_NOT_ENOUGH', message: '账户余额不足' });
    expect(await appErrorOf(send(uniquePhone()))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      messageKey: 'sms.sendFailed',
    });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'isv.AMOUNT_NOT_ENOUGH', accepted: false });
  });

  it('maps an unreachable provider to SERVICE_UNAVAILABLE without logging the number', async () => {
    const unreachable = await bed.depsWith({ ALIYUN_SMS_ENDPOINT: '127.0.0.1:9' });
    const phone = uniquePhone();
    const error = await appErrorOf(sendSmsCode(unreachable, { phone, purpose: 'login', ip: '10.4.0.3' }));
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', messageKey: 'sms.unavailable' });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'NETWORK_ERROR', accepted: false });
    expect(JSON.stringify(bed.logger.entries)).not.toContain(phone);
  });

  it('maps a wrong key secret to INTERNAL_SERVER_ERROR with a neutral message, never logging the secret', async () => {
    const misconfigured = await bed.depsWith({ ALIYUN_ACCESS_KEY_SECRET: 'a-wrong-secret-that-must-not-be-logged' });
    const phone = uniquePhone();
    const error = await appErrorOf(sendSmsCode(misconfigured, { phone, purpose: 'login', ip: '10.4.0.1' }));
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', messageKey: 'sms.sendFailed' });
    const logged = bed.logger.entries.find((e) => e.msg === 'SMS provider did not accept the message');
    expect(logged).toMatchObject({ level: 'error', obj: { resultCode: 'SignatureDoesNotMatch' } });
    expect((logged?.obj as { requestId?: string } | undefined)?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const everything = JSON.stringify(bed.logger.entries);
    expect(everything).not.toContain('a-wrong-secret-that-must-not-be-logged');
    expect(everything).not.toContain(EMULATOR_KEY_SECRET);
    expect(bed.emulator.messages(phone)).toHaveLength(0);
  });

  it('maps an unknown template to INTERNAL_SERVER_ERROR', async () => {
    const misconfigured = await bed.depsWith({ ALIYUN_SMS_TEMPLATE_LOGIN: 'SMS_UNKNOWN' });
    const error = await appErrorOf(
      sendSmsCode(misconfigured, { phone: uniquePhone(), purpose: 'login', ip: '10.4.0.2' }),
    );
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', messageKey: 'sms.sendFailed' });
    expect((await auditRows()).at(-1)).toMatchObject({ result_code: 'isv.SMS_TEMPLATE_ILLEGAL', accepted: false });
  });
});
