import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../../helpers/errors';
import { createSmsTestBed, uniquePhone, type SmsTestBed } from './harness';

let bed: SmsTestBed;
beforeAll(async () => {
  bed = await createSmsTestBed();
});
afterAll(() => bed.close());

const PASSWORD = 'maple-lantern-5521';

let ipCounter = 0;
async function codeFor(phone: string, purpose: 'register' | 'reset_password' | 'login') {
  bed.clock.advance(61_000); // clear of the per-phone minute limit
  ipCounter += 1;
  await bed.caller({ ip: `10.30.0.${ipCounter % 250}` }).sms.send({ phone, purpose });
  const code = bed.emulator.latestCode(phone);
  if (!code) throw new Error('no code delivered');
  return code;
}

async function phoneOnlyAccount(phone: string) {
  const { accessToken } = await bed.caller().auth.register({ phone, code: await codeFor(phone, 'register') });
  return bed.caller({ accessToken });
}

describe('user.setPasswordBySms (a phone-only account from 个人资料)', () => {
  it('sets a first password with a code sent to its own phone; then password sign-in works', async () => {
    const phone = uniquePhone();
    const me = await phoneOnlyAccount(phone);
    expect((await me.user.me()).hasPassword).toBe(false);
    const result = await me.user.setPasswordBySms({
      code: await codeFor(phone, 'reset_password'),
      newPassword: PASSWORD,
    });
    expect(result).toEqual({ revokedSessions: 0 });
    expect((await me.user.me()).hasPassword).toBe(true);
    await me.user.setAccount({ account: `later${phone}` });
    await expect(bed.caller().auth.login({ account: `later${phone}`, password: PASSWORD })).resolves.toMatchObject({
      accessToken: expect.any(String),
    });
  });

  it('does not burn the code on a weak password, and refuses a code sent for another purpose', async () => {
    const phone = uniquePhone();
    const me = await phoneOnlyAccount(phone);
    const code = await codeFor(phone, 'reset_password');
    await expectAppError(
      me.user.setPasswordBySms({ code, newPassword: 'password' }),
      'BAD_REQUEST',
      'password.tooCommon',
    );
    await me.user.setPasswordBySms({ code, newPassword: PASSWORD });

    const loginCode = await codeFor(phone, 'login');
    await expectAppError(
      me.user.setPasswordBySms({ code: loginCode, newPassword: 'another-fine-pass-77' }),
      'BAD_REQUEST',
      'sms.codeExpired',
    );
  });

  it("cannot be used with someone else's code, or without signing in", async () => {
    const mine = uniquePhone();
    const theirs = uniquePhone();
    const me = await phoneOnlyAccount(mine);
    await phoneOnlyAccount(theirs);
    const theirCode = await codeFor(theirs, 'reset_password');
    // The code is checked against the caller's own phone, so a code for another phone is not valid here.
    await expectAppError(
      me.user.setPasswordBySms({ code: theirCode, newPassword: PASSWORD }),
      'BAD_REQUEST',
      'sms.codeExpired',
    );
    await expectAppError(
      bed.caller().user.setPasswordBySms({ code: theirCode, newPassword: PASSWORD }),
      'UNAUTHORIZED',
      'auth.missingAccessToken',
    );
    const row = await bed.deps.db
      .selectFrom('users')
      .select('password_hash')
      .where('phone', '=', `+86${theirs}`)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
  });

  it('ends other sessions when it replaces an existing password', async () => {
    const phone = uniquePhone();
    const first = await phoneOnlyAccount(phone);
    await first.user.setPasswordBySms({ code: await codeFor(phone, 'reset_password'), newPassword: PASSWORD });
    const { accessToken } = await bed.caller().auth.loginWithSms({ phone, code: await codeFor(phone, 'login') });
    const second = bed.caller({ accessToken });
    const result = await second.user.setPasswordBySms({
      code: await codeFor(phone, 'reset_password'),
      newPassword: 'second-maple-lantern-88',
    });
    expect(result).toEqual({ revokedSessions: 1 });
    await expectAppError(first.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    await second.user.me();
  });
});
