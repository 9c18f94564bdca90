import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsTestApp, mutate, type SmsTestApp } from './helpers';

let server: SmsTestApp;

beforeAll(async () => {
  server = await createSmsTestApp();
});
afterAll(async () => {
  await server?.close();
});

/** An sms.send from a client that reads English. */
const sendInEnglish = (input: { phone: string; purpose: string }) =>
  mutate(server.app, 'sms.send', input, { 'accept-language': 'en' });

describe('SMS over HTTP (real SDK against the Dysmsapi emulator)', () => {
  it('registers and signs in with a phone, and refuses a quick resend with 429 and the seconds to wait', async () => {
    const phone = '13912345678';
    const sent = await mutate(server.app, 'sms.send', { phone: `+86 ${phone}`, purpose: 'register' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body.result?.data).toEqual({ sent: true, resendAfterSeconds: 60, expiresInSeconds: 300 });

    const again = await sendInEnglish({ phone, purpose: 'login' });
    expect(again.statusCode).toBe(429);
    expect(again.body.error?.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'sms.tooManyForPhone' });
    const wait = again.body.error?.data.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    expect(again.body.error?.message).toBe(
      `Too many codes were requested for this phone number. Try again in ${String(wait)} seconds.`,
    );

    const registered = await mutate(server.app, 'auth.register', { phone, code: server.emulator.latestCode(phone) });
    expect(registered.statusCode).toBe(200);
    expect(registered.body.result?.data.accessToken).toEqual(expect.any(String));
    expect(registered.cookies.join(';')).toMatch(/HttpOnly/i);

    const reused = await mutate(
      server.app,
      'auth.register',
      { phone, code: server.emulator.latestCode(phone) },
      { 'accept-language': 'zh-CN' },
    );
    expect(reused.statusCode).toBe(400);
    expect(reused.body.error?.message).toBe('验证码已过期或无效，请重新获取。');
  });

  it('answers 400 with field errors for a malformed phone or code, never 500', async () => {
    const invalid = await sendInEnglish({ phone: '12345', purpose: 'login' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body.error?.data).toMatchObject({ messageKey: 'sms.phoneInvalid' });
    const badPurpose = await mutate(server.app, 'sms.send', { phone: '13912345679', purpose: 'spam' });
    expect(badPurpose.statusCode).toBe(400);
    expect(badPurpose.body.error?.data.fieldErrors).toHaveProperty('purpose');
    const badCode = await mutate(server.app, 'auth.loginWithSms', { phone: '13912345679', code: '12ab' });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.body.error?.data.fieldErrors).toHaveProperty('code');
  });

  it('answers 503 with a neutral message when the provider fails', async () => {
    server.emulator.injectFault({ kind: 'serverError' });
    const failed = await sendInEnglish({ phone: '13912345670', purpose: 'login' });
    expect(failed.statusCode).toBe(503);
    expect(failed.body.error?.message).toBe(
      'The text message service is unavailable right now. Please try again later.',
    );
    expect(JSON.stringify(failed.body)).not.toMatch(/ServiceUnavailable|RequestId/);
  });
});
