import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  firstAdminToken,
  mutate,
  registerUser,
  strongPassword,
  type TestApp,
  type TrpcResponse,
} from './helpers';

// Display names show as owners in the runs/files lists, where-used results and the audit log: an attacker must not
// spoof them with bidi overrides ("abc" + RLO + "gpj.exe" reads "abcexe.jpg") or hidden zero-width characters.
let server: TestApp;
let adminToken: string;

beforeAll(async () => {
  server = await createTestApp();
  adminToken = await firstAdminToken(server, 'dn-admin');
});
afterAll(async () => {
  await server?.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function usernameOf(account: string): Promise<string | null | undefined> {
  const row = await server.deps.db
    .selectFrom('users')
    .select('username')
    .where('account', '=', account)
    .executeTakeFirst();
  return row?.username;
}

function expectInvisibleRefused(response: TrpcResponse, codePoint: string) {
  expect(response.statusCode).toBe(400);
  expect(response.body.error?.data).toMatchObject({
    code: 'BAD_REQUEST',
    messageKey: 'displayName.invisibleCharacter',
    params: { codePoint },
  });
  // The same words beside the name field, so the forms show it there.
  expect(response.body.error?.data.fieldErrors).toEqual({ username: [response.body.error?.message] });
}

const renameIn = (locale: string, token: string, username: string) =>
  mutate(server.app, 'user.updateProfile', { username }, { ...bearer(token), 'accept-language': locale });

describe('display names refuse invisible and control characters', () => {
  it('user.updateProfile refuses a right-to-left override, named in both languages; nothing is stored', async () => {
    const token = await registerUser(server.app, 'dn-rlo');
    const en = await renameIn('en', token, 'abc\u202Egpj.exe');
    expectInvisibleRefused(en, 'U+202E');
    expect(en.body.error?.message).toContain('invisible or control character (U+202E');
    const zh = await renameIn('zh-CN', token, 'abc\u202Egpj.exe');
    expectInvisibleRefused(zh, 'U+202E');
    expect(zh.body.error?.message).toContain('姓名含有不可见字符或控制字符（U+202E');
    expect(await usernameOf('dn-rlo')).toBeNull();
  });

  it('auth.register refuses a zero-width name and creates no account', async () => {
    const response = await mutate(
      server.app,
      'auth.register',
      { account: 'dn-zwsp', password: strongPassword, username: 'ad\u200Bmin' },
      { 'accept-language': 'en' },
    );
    expectInvisibleRefused(response, 'U+200B');
    expect(await usernameOf('dn-zwsp')).toBeUndefined();
  });

  it('admin.users.create refuses an isolate in the name and creates no account', async () => {
    const response = await mutate(
      server.app,
      'admin.users.create',
      { account: 'dn-isolate', role: 'user', username: 'a\u2067b' },
      bearer(adminToken),
    );
    expectInvisibleRefused(response, 'U+2067');
    expect(await usernameOf('dn-isolate')).toBeUndefined();
  });

  it('a Chinese name (and spaces collapsed, NFC) is stored', async () => {
    const token = await registerUser(server.app, 'dn-zhang');
    const zh = await mutate(server.app, 'user.updateProfile', { username: '  张伟 ' }, bearer(token));
    expect(zh.statusCode).toBe(200);
    expect(zh.body.result?.data).toMatchObject({ username: '张伟' });
    const spaced = await mutate(server.app, 'user.updateProfile', { username: 'Zoe\u0308   Smith' }, bearer(token));
    expect(spaced.body.result?.data).toMatchObject({ username: 'Zoë Smith' });
    expect(await usernameOf('dn-zhang')).toBe('Zoë Smith');
    const registered = await mutate(server.app, 'auth.register', {
      account: 'dn-li',
      password: strongPassword,
      username: '李\u3000雷',
    });
    expect(registered.statusCode).toBe(200);
    expect(await usernameOf('dn-li')).toBe('李 雷');
  });
});
