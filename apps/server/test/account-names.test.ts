import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSmsTestApp,
  firstAdminToken,
  mutate,
  strongPassword,
  type SmsTestApp,
  type TrpcResponse,
} from './helpers';

// Look-alike account names (issue 10, item 9): Unicode TR39 skeletons and the Highly Restrictive script mix, over HTTP
// against the real server, Postgres (the unique index decides races) and the SMS emulator through the Aliyun SDK.
let server: SmsTestApp;
let adminToken: string;

beforeAll(async () => {
  server = await createSmsTestApp();
  adminToken = await firstAdminToken(server, 'names-admin');
});
afterAll(async () => {
  await server?.close();
});

const register = (account: string, locale = 'en') =>
  mutate(server.app, 'auth.register', { account, password: strongPassword }, { 'accept-language': locale });

function expectRefused(response: TrpcResponse, status: number, messageKey: string) {
  expect({ status: response.statusCode, body: response.body }).toMatchObject({ status });
  expect(response.body.error?.data).toMatchObject({ messageKey });
  // The message is on the account field too, so the forms show it beside the input.
  expect(response.body.error?.data.fieldErrors).toEqual({ account: [response.body.error?.message] });
}

const create = (account: string) =>
  mutate(server.app, 'admin.users.create', { account, role: 'user' }, { authorization: `Bearer ${adminToken}` });

async function accountsLike(pattern: string): Promise<string[]> {
  const rows = await server.deps.db
    .selectFrom('users')
    .select('account')
    .where('account', 'like', pattern)
    .orderBy('account')
    .execute();
  return rows.map((row) => String(row.account));
}

describe('look-alike account names', () => {
  it('refuses аlice (Cyrillic а) beside alice: mixed scripts, named in both languages', async () => {
    expect((await register('alice')).statusCode).toBe(200);
    const en = await register('\u0430lice');
    expectRefused(en, 400, 'account.mixedScripts');
    expect(en.body.error?.message).toContain('Cyrillic and Latin letters');
    const zh = await register('\u0430lice', 'zh-CN');
    expectRefused(zh, 400, 'account.mixedScripts');
    expect(zh.body.error?.message).toContain('西里尔文和拉丁文字母');
    // Mixed scripts are refused whether or not the look-alike exists.
    expectRefused(await register('b\u043eb-the-builder'), 400, 'account.mixedScripts');
  });

  it('reads ａｌｉｃｅ (fullwidth) as alice (NFKC): taken', async () => {
    expectRefused(await register('ａｌｉｃｅ'), 409, 'auth.accountTaken');
    expectRefused(await register('ALICE'), 409, 'auth.accountTaken');
  });

  it('refuses one-script look-alikes by skeleton: paypa1/paypal, Cyrillic асе/Latin ace, g00gle/google', async () => {
    expect((await register('paypal')).statusCode).toBe(200);
    const zh = await register('paypa1', 'zh-CN');
    expectRefused(zh, 409, 'account.lookAlikeTaken');
    expect(zh.body.error?.message).toContain('看起来几乎一样');
    expectRefused(await register('PAYPA1'), 409, 'account.lookAlikeTaken'); // stored lower case: paypa1

    expect((await register('ace')).statusCode).toBe(200);
    expectRefused(await register('\u0430\u0441\u0435'), 409, 'account.lookAlikeTaken'); // all Cyrillic

    expect((await register('g00gle')).statusCode).toBe(200);
    expectRefused(await register('google'), 409, 'account.lookAlikeTaken');
    expect(await accountsLike('%pal')).toEqual(['paypal']);
  });

  it('keeps Chinese, Japanese and Korean names, alone or with Latin letters (TR39 Highly Restrictive)', async () => {
    for (const account of ['张伟', '张伟2', 'zhang_伟', '山田たろう', 'kim김철수']) {
      const response = await register(account);
      expect({ account, status: response.statusCode }).toEqual({ account, status: 200 });
    }
    expectRefused(await register('张伟'), 409, 'auth.accountTaken');
    expectRefused(await register('张伟\u0430'), 400, 'account.mixedScripts'); // Han with Cyrillic
  });

  it('two parallel registrations of look-alikes: exactly one succeeds (the unique index decides)', async () => {
    const names = ['pool', 'p0ol', 'po0l', 'p00l'];
    const responses = await Promise.all(names.map((name) => register(name)));
    expect(responses.map((r) => r.statusCode).toSorted()).toEqual([200, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.statusCode === 409)) {
      expect(refused.body.error?.data.messageKey).toBe('account.lookAlikeTaken');
    }
    expect(await accountsLike('p%l')).toHaveLength(2); // paypal and one of the four
  });

  it('admins creating accounts meet the same rule, also when racing (no password hash in the way)', async () => {
    expectRefused(await create('p\u0430ypal-team'), 400, 'account.mixedScripts');
    expectRefused(await create('PAYPA1'), 409, 'account.lookAlikeTaken');
    const racing = await Promise.all(['rnoon', 'moon', 'rn0on', 'm0on', 'moo\u043f'].map(create));
    expect(racing.map((r) => r.statusCode).toSorted()).toEqual([200, 400, 409, 409, 409]);
  });

  it('a phone-only account choosing its name (user.setAccount) meets the same rule', async () => {
    expect((await register('scope')).statusCode).toBe(200);
    const phone = '13912340909';
    expect((await mutate(server.app, 'sms.send', { phone, purpose: 'register' })).statusCode).toBe(200);
    const registered = await mutate(server.app, 'auth.register', { phone, code: server.emulator.latestCode(phone) });
    const headers = { authorization: `Bearer ${String(registered.body.result?.data.accessToken)}` };
    expectRefused(
      await mutate(server.app, 'user.setAccount', { account: 'a1ice' }, headers),
      409,
      'account.lookAlikeTaken',
    );
    expectRefused(
      await mutate(server.app, 'user.setAccount', { account: 'ѕсоре' }, headers),
      409,
      'account.lookAlikeTaken',
    );
    expectRefused(
      await mutate(server.app, 'user.setAccount', { account: 'al\u0456ce2' }, headers),
      400,
      'account.mixedScripts',
    );
    const set = await mutate(server.app, 'user.setAccount', { account: '王芳' }, headers);
    expect(set.body.result?.data.account).toBe('王芳');
  });

  it('signing up with a phone and a look-alike name keeps the code usable for a second try', async () => {
    const phone = '13912340808';
    expect((await mutate(server.app, 'sms.send', { phone, purpose: 'register' })).statusCode).toBe(200);
    const code = server.emulator.latestCode(phone);
    const refused = await mutate(server.app, 'auth.register', {
      phone,
      code,
      account: 'a1ice',
      password: strongPassword,
    });
    expectRefused(refused, 409, 'account.lookAlikeTaken');
    const retried = await mutate(server.app, 'auth.register', {
      phone,
      code,
      account: 'alice.w',
      password: strongPassword,
    });
    expect(retried.body.result?.data.user).toMatchObject({ account: 'alice.w' });
  });
});
