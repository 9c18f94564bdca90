import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySmsCode } from '../../../src/modules/sms/service';
import { appErrorOf } from '../../helpers/errors';
import { createSmsTestBed, uniquePhone, type SmsTestBed } from './harness';

let bed: SmsTestBed;
beforeAll(async () => {
  bed = await createSmsTestBed();
});
afterAll(() => bed.close());

async function sendAndRead(phone: string, purpose: 'register' | 'login' | 'reset_password' = 'login') {
  await bed.caller({ ip: `198.51.100.${Math.floor(Math.random() * 250)}` }).sms.send({ phone, purpose });
  const code = bed.emulator.latestCode(phone);
  if (!code) throw new Error('the emulator received no code');
  return code;
}

describe('SMS codes', () => {
  it('are 6 digits, delivered through the real SDK, and kept in Redis only as an HMAC', async () => {
    const phone = uniquePhone();
    const code = await sendAndRead(phone);
    expect(code).toMatch(/^\d{6}$/);
    const keys = await bed.testRedis.duplicate().keys(`${bed.testRedis.keyPrefix}sms:code:*`);
    expect(keys.length).toBeGreaterThan(0);
    const sweeper = bed.testRedis.duplicate();
    for (const key of keys) {
      const stored = await sweeper.hgetall(key.slice(bed.testRedis.keyPrefix.length));
      expect(JSON.stringify(stored)).not.toContain(code);
      expect(stored.mac).toMatch(/^[0-9a-f]{64}$/);
    }
    await expect(verifySmsCode(bed.deps, { phone, purpose: 'login', code })).resolves.toMatchObject({
      e164: `+86${phone}`,
    });
  });

  it('are bound to phone and purpose', async () => {
    const phone = uniquePhone();
    const code = await sendAndRead(phone, 'login');
    expect((await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'register', code }))).messageKey).toBe(
      'sms.codeExpired',
    );
    expect(
      (await appErrorOf(verifySmsCode(bed.deps, { phone: uniquePhone(), purpose: 'login', code }))).messageKey,
    ).toBe('sms.codeExpired');
    // Any spelling of the same number finds it.
    await verifySmsCode(bed.deps, { phone: `+86 ${phone}`, purpose: 'login', code });
  });

  it('expire after 5 minutes (service clock)', async () => {
    const phone = uniquePhone();
    const code = await sendAndRead(phone);
    bed.clock.advance(5 * 60_000 - 1000);
    const other = uniquePhone();
    const otherCode = await sendAndRead(other);
    await verifySmsCode(bed.deps, { phone, purpose: 'login', code }); // 4:59 — still valid
    bed.clock.advance(5 * 60_000);
    const expired = await appErrorOf(verifySmsCode(bed.deps, { phone: other, purpose: 'login', code: otherCode }));
    expect(expired).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.codeExpired' });
  });

  it('are single use, even under concurrent use', async () => {
    const phone = uniquePhone();
    const code = await sendAndRead(phone);
    const attempts = await Promise.allSettled(
      Array.from({ length: 12 }, () => verifySmsCode(bed.deps, { phone, purpose: 'login', code })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect((await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'login', code }))).messageKey).toBe(
      'sms.codeExpired',
    );
  });

  it('are destroyed after 5 wrong attempts, counting down the attempts left', async () => {
    const phone = uniquePhone();
    const code = await sendAndRead(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (const attemptsLeft of [4, 3, 2, 1]) {
      const error = await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'login', code: wrong }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.codeIncorrect', params: { attemptsLeft } });
    }
    expect((await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'login', code: wrong }))).messageKey).toBe(
      'sms.codeAttemptsExceeded',
    );
    // The right code no longer helps: a new one must be requested.
    expect((await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'login', code }))).messageKey).toBe(
      'sms.codeExpired',
    );
  });

  it('are replaced by a new send for the same phone and purpose', async () => {
    const phone = uniquePhone();
    const first = await sendAndRead(phone);
    bed.clock.advance(61_000);
    let second = await sendAndRead(phone);
    while (second === first) {
      bed.clock.advance(61_000);
      second = await sendAndRead(phone);
    }
    expect((await appErrorOf(verifySmsCode(bed.deps, { phone, purpose: 'login', code: first }))).messageKey).toBe(
      'sms.codeIncorrect',
    );
    await verifySmsCode(bed.deps, { phone, purpose: 'login', code: second });
  });
});
