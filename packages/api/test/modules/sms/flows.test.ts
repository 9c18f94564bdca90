import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../helpers/errors';
import { auditCount } from '../../helpers/rows';
import { createSmsTestBed, uniquePhone, type SmsTestBed } from './harness';

let bed: SmsTestBed;
beforeAll(async () => {
  bed = await createSmsTestBed();
});
afterAll(() => bed.close());

const PASSWORD = 'violet-harbour-1987';

let ipCounter = 0;
async function codeFor(
  phone: string,
  purpose: 'register' | 'login' | 'reset_password' | 'bind_phone',
  accessToken?: string,
) {
  bed.clock.advance(61_000); // clear of the per-phone minute limit
  ipCounter += 1;
  await bed.caller({ ip: `10.20.0.${ipCounter % 250}`, accessToken }).sms.send({ phone, purpose });
  const code = bed.emulator.latestCode(phone);
  if (!code) throw new Error('no code delivered');
  return code;
}

async function registerWithPhone(phone: string, extra: { account?: string; password?: string } = {}) {
  return bed.caller().auth.register({ phone, code: await codeFor(phone, 'register'), ...extra });
}

describe('auth.register with a phone', () => {
  it('creates a phone-only account with a verified phone', async () => {
    const phone = uniquePhone();
    const result = await registerWithPhone(phone);
    expect(result.accessToken).toEqual(expect.any(String));
    const row = await bed.deps.db
      .selectFrom('users')
      .selectAll()
      .where('phone', '=', `+86${phone}`)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ account: null, password_hash: null });
    expect(row.phone_verified_at).toBeInstanceOf(Date);
  });

  it('accepts an account and password together with the phone', async () => {
    const phone = uniquePhone();
    await registerWithPhone(phone, { account: `acct${phone}`, password: PASSWORD });
    await expect(bed.caller().auth.login({ account: `acct${phone}`, password: PASSWORD })).resolves.toMatchObject({
      accessToken: expect.any(String),
    });
  });

  it('refuses a phone that is already registered, once the code is used', async () => {
    const phone = uniquePhone();
    await registerWithPhone(phone);
    const error = await appErrorOf(registerWithPhone(phone));
    expect(error).toMatchObject({ code: 'CONFLICT', messageKey: 'auth.phoneTaken' });
  });

  it('refuses a wrong code and keeps the account uncreated', async () => {
    const phone = uniquePhone();
    const code = await codeFor(phone, 'register');
    const wrong = code === '000000' ? '000001' : '000000';
    const error = await appErrorOf(bed.caller().auth.register({ phone, code: wrong }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.codeIncorrect' });
    const row = await bed.deps.db
      .selectFrom('users')
      .select('id')
      .where('phone', '=', `+86${phone}`)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it('does not burn the code when the password is refused', async () => {
    const phone = uniquePhone();
    const code = await codeFor(phone, 'register');
    const error = await appErrorOf(
      bed.caller().auth.register({ phone, code, account: `weak${phone}`, password: 'password' }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    await bed.caller().auth.register({ phone, code, account: `weak${phone}`, password: PASSWORD });
  });
});

describe('auth.loginWithSms', () => {
  it('signs in the owner of the phone', async () => {
    const phone = uniquePhone();
    const registered = await registerWithPhone(phone);
    const signedIn = await bed
      .caller()
      .auth.loginWithSms({ phone: `+86${phone}`, code: await codeFor(phone, 'login') });
    expect(signedIn.user.id).toBe(registered.user.id);
    const me = await bed.caller({ accessToken: signedIn.accessToken }).user.me();
    expect(me.id).toBe(registered.user.id);
  });

  it('tells an unknown phone apart only when the code is used', async () => {
    const phone = uniquePhone();
    const error = await appErrorOf(bed.caller().auth.loginWithSms({ phone, code: await codeFor(phone, 'login') }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', messageKey: 'auth.phoneNotRegistered' });
  });

  it('refuses a code sent for another purpose', async () => {
    const phone = uniquePhone();
    await registerWithPhone(phone);
    const code = await codeFor(phone, 'reset_password');
    expect((await appErrorOf(bed.caller().auth.loginWithSms({ phone, code }))).messageKey).toBe('sms.codeExpired');
  });
});

describe('auth.resetPassword', () => {
  it('sets the new password and revokes every session of the user', async () => {
    const phone = uniquePhone();
    const account = `reset${phone}`;
    await registerWithPhone(phone, { account, password: PASSWORD });
    const first = await bed.caller().auth.login({ account, password: PASSWORD, tokenDelivery: 'body' });
    const second = await bed
      .caller()
      .auth.loginWithSms({ phone, code: await codeFor(phone, 'login'), tokenDelivery: 'body' });
    await bed.caller({ accessToken: first.accessToken }).user.me();

    const newPassword = 'amber-lantern-4421';
    const result = await bed
      .caller()
      .auth.resetPassword({ phone, code: await codeFor(phone, 'reset_password'), newPassword });
    expect(result.revokedSessions).toBeGreaterThanOrEqual(3);

    for (const session of [first, second]) {
      expect((await appErrorOf(bed.caller({ accessToken: session.accessToken }).user.me())).code).toBe('UNAUTHORIZED');
      expect((await appErrorOf(bed.caller().auth.refresh({ refreshToken: session.refreshToken }))).code).toBe(
        'UNAUTHORIZED',
      );
    }
    expect((await appErrorOf(bed.caller().auth.login({ account, password: PASSWORD }))).code).toBe('UNAUTHORIZED');
    await bed.caller().auth.login({ account, password: newPassword });
    expect(await auditCount(bed.deps.db, 'auth.password_reset')).toBeGreaterThan(0);
  });

  it('tells an unknown phone apart only when the code is used', async () => {
    const phone = uniquePhone();
    const code = await codeFor(phone, 'reset_password');
    const error = await appErrorOf(bed.caller().auth.resetPassword({ phone, code, newPassword: 'amber-lantern-4421' }));
    expect(error).toMatchObject({ code: 'NOT_FOUND', messageKey: 'auth.phoneNotRegistered' });
  });
});

describe('user.bindPhone', () => {
  it('binds a phone after re-authentication with the password', async () => {
    const account = `bind${uniquePhone()}`;
    const { accessToken, user } = await bed.caller().auth.register({ account, password: PASSWORD });
    const phone = uniquePhone();
    const code = await codeFor(phone, 'bind_phone', accessToken);
    const me = bed.caller({ accessToken });

    // Without a valid code the password is not even looked at: a right and a wrong one get the same answer.
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (const password of ['not-my-password-99', PASSWORD]) {
      const refused = await appErrorOf(me.user.bindPhone({ phone, code: wrongCode, password }));
      expect(refused).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.codeIncorrect' });
    }
    const wrongPassword = await appErrorOf(me.user.bindPhone({ phone, code, password: 'not-my-password-99' }));
    expect(wrongPassword).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'password.wrongCurrent' });
    // The code was checked, and used up, before the password: each guess costs a fresh code.
    const reused = await appErrorOf(me.user.bindPhone({ phone, code, password: PASSWORD }));
    expect(reused).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'sms.codeExpired' });
    const freshCode = await codeFor(phone, 'bind_phone', accessToken);
    const bound = await me.user.bindPhone({ phone, code: freshCode, password: PASSWORD });
    expect(bound.id).toBe(user.id);
    const row = await bed.deps.db
      .selectFrom('users')
      .select(['phone', 'phone_verified_at'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.phone).toBe(`+86${phone}`);

    // Changing it again needs the password again, and a code for the new phone.
    const next = uniquePhone();
    const nextCode = await codeFor(next, 'bind_phone', accessToken);
    expect(
      (await appErrorOf(me.user.bindPhone({ phone: next, code: nextCode, password: 'wrong-password-123' }))).code,
    ).toBe('BAD_REQUEST');
    const nextFreshCode = await codeFor(next, 'bind_phone', accessToken);
    await me.user.bindPhone({ phone: next, code: nextFreshCode, password: PASSWORD });
    const audit = await bed.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'user.phone_bound')
      .where('subject_user_id', '=', user.id)
      .orderBy('id')
      .execute();
    expect(audit.map((entry) => entry.details)).toEqual([
      { phone: `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`, previousPhone: null },
      {
        phone: `+86 ${next.slice(0, 3)}****${next.slice(-4)}`,
        previousPhone: `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`,
      },
    ]);
    // The phone now signs in to this account.
    const viaSms = await bed.caller().auth.loginWithSms({ phone: next, code: await codeFor(next, 'login') });
    expect(viaSms.user.id).toBe(user.id);
  });

  it('counts wrong passwords against the account failure limit, as sign-in (a stolen token cannot guess)', async () => {
    const account = `guess${uniquePhone()}`;
    const { accessToken } = await bed.caller().auth.register({ account, password: PASSWORD });
    const thief = bed.caller({ accessToken, ip: '10.66.0.1' });
    for (let guess = 0; guess < 5; guess++) {
      const phone = uniquePhone(); // the thief binds phones they hold, so valid codes are easy to get
      const code = await codeFor(phone, 'bind_phone', accessToken);
      const error = await appErrorOf(thief.user.bindPhone({ phone, code, password: `guess-number-${guess}` }));
      expect(error).toMatchObject({ code: 'BAD_REQUEST', messageKey: 'password.wrongCurrent' });
    }
    const phone = uniquePhone();
    const code = await codeFor(phone, 'bind_phone', accessToken);
    const blocked = await appErrorOf(thief.user.bindPhone({ phone, code, password: PASSWORD }));
    expect(blocked).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'auth.tooManyFailedLogins' });
    const login = await appErrorOf(bed.caller({ ip: '10.66.0.2' }).auth.login({ account, password: PASSWORD }));
    expect(login).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'auth.tooManyFailedLogins' });
  });

  it('refuses a phone bound to another account', async () => {
    const taken = uniquePhone();
    await registerWithPhone(taken);
    const { accessToken } = await bed.caller().auth.register({ account: `other${taken}`, password: PASSWORD });
    const code = await codeFor(taken, 'bind_phone', accessToken);
    const error = await appErrorOf(
      bed.caller({ accessToken }).user.bindPhone({ phone: taken, code, password: PASSWORD }),
    );
    expect(error).toMatchObject({ code: 'CONFLICT', messageKey: 'user.phoneTaken' });
  });
});
