/**
 * Issue 10 items 5 and 7 and the batch cap, as an attacker sends them: raw HTTP over loopback to the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '@arya/api';
import { createTestApp, listenOnLoopback, strongPassword, type TestApp } from './helpers';

interface ErrorBody {
  error: { message: string; data: { code: string; httpStatus: number; messageKey: string; fieldErrors?: object } };
}

const batchOf = (count: number) => Array.from({ length: count }, () => 'auth.resetPassword').join(',');
const inputs = (count: number) =>
  JSON.stringify(
    Object.fromEntries(
      Array.from({ length: count }, (_, index) => [index, { phone: '13800000000', code: '000000', newPassword: 'x' }]),
    ),
  );

describe('request rules over HTTP', () => {
  let server: TestApp;
  let base: string;
  beforeAll(async () => {
    server = await createTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    base = await listenOnLoopback(server.app);
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  async function signIn(account: string, tokenDelivery: 'cookie' | 'body' = 'cookie') {
    const registered = await post('auth.register', JSON.stringify({ account, password: strongPassword }));
    expect(registered.status).toBe(200);
    const login = await post('auth.login', JSON.stringify({ account, password: strongPassword, tokenDelivery }));
    const body = (await login.json()) as { result: { data: { accessToken: string } } };
    const cookie = login.headers.getSetCookie()[0]!.split(';', 1)[0]!;
    return { accessToken: body.result.data.accessToken, cookie };
  }

  describe('item 5: text Postgres cannot store is a validation error in every string input', () => {
    it('answers 400 (not 500) for NUL in login, profile and admin search', async () => {
      await createFirstAdmin(server.deps, { account: 'nul-admin', password: strongPassword });
      const { accessToken } = await signIn('nul-user');
      const adminLogin = await post('auth.login', JSON.stringify({ account: 'nul-admin', password: strongPassword }));
      const adminToken = ((await adminLogin.json()) as { result: { data: { accessToken: string } } }).result.data
        .accessToken;

      const login = await post('auth.login', JSON.stringify({ account: 'alice\u0000', password: 'whatever-1' }));
      const profile = await post('user.updateProfile', JSON.stringify({ username: 'bo\u0000b' }), {
        authorization: `Bearer ${accessToken}`,
      });
      const search = await fetch(
        `${base}/trpc/admin.users.list?input=${encodeURIComponent(JSON.stringify({ query: 'a\u0000' }))}`,
        { headers: { authorization: `Bearer ${adminToken}` } },
      );
      for (const [response, field] of [
        [login, 'account'],
        [profile, 'username'],
        [search, 'query'],
      ] as const) {
        expect(response.status).toBe(400);
        const body = (await response.json()) as ErrorBody;
        expect(body.error.data.messageKey).toBe('error.unstorableText');
        expect(body.error.data.fieldErrors).toHaveProperty(field);
        expect(body.error.message).toContain(field);
      }
      const me = await fetch(`${base}/trpc/user.me`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(((await me.json()) as { result: { data: { username: string | null } } }).result.data.username).toBeNull();
    });

    it('refuses lone surrogates and NUL in object keys and batched inputs too', async () => {
      const surrogate = await post('auth.login', '{"account":"al\\ud800ice","password":"whatever-1"}');
      expect(surrogate.status).toBe(400);
      const key = await post('auth.login', '{"account":"alice","password":"whatever-1","x\\u0000":1}');
      expect(key.status).toBe(400);
      const batch = await post(
        'auth.login,auth.login?batch=1',
        JSON.stringify({ 0: { account: 'ok', password: 'x' }, 1: { account: 'b\u0000', password: 'x' } }),
      );
      const items = (await batch.json()) as ErrorBody[];
      expect(items[1]!.error.data.messageKey).toBe('error.unstorableText');
    });
  });

  describe('item 7: only the upload procedure takes multipart; cookie-carrying state changes must be same-site', () => {
    it('refuses a cross-site form post to auth.logout and keeps the session', async () => {
      const { cookie } = await signIn('form-victim');
      const form = new FormData();
      form.set('anything', '1');
      for (const body of [form, new URLSearchParams({ a: '1' }), 'text']) {
        const response = await fetch(`${base}/trpc/auth.logout`, {
          method: 'POST',
          headers: { cookie, origin: 'https://evil.example.net' },
          body,
        });
        expect(response.status).toBe(415);
      }
      const refreshed = await post('auth.refresh', '{}', { cookie, origin: base });
      expect(refreshed.status).toBe(200);
    });

    it('refuses JSON state changes with cookies from another origin or a cross-site Sec-Fetch-Site', async () => {
      const { cookie } = await signIn('origin-victim');
      const crossOrigin = await post('auth.logout', '{}', { cookie, origin: 'https://evil.example.net' });
      expect(crossOrigin.status).toBe(403);
      expect(((await crossOrigin.json()) as ErrorBody).error.data.messageKey).toBe('error.crossSiteRequest');
      const crossSite = await post('auth.logout', '{}', { cookie, 'sec-fetch-site': 'cross-site' });
      expect(crossSite.status).toBe(403);
      const nullOrigin = await post('auth.logout', '{}', { cookie, origin: 'null' });
      expect(nullOrigin.status).toBe(403);

      const configured = await post('auth.refresh', '{}', { cookie, origin: 'https://app.example.com' });
      expect(configured.status).toBe(200);
      const rotated = configured.headers.getSetCookie()[0]!.split(';', 1)[0]!;
      const sameOrigin = await post('auth.logout', '{}', {
        cookie: rotated,
        origin: base,
        'sec-fetch-site': 'same-origin',
      });
      expect(sameOrigin.status).toBe(200);
      expect(
        ((await sameOrigin.json()) as { result: { data: { endedSession: boolean } } }).result.data.endedSession,
      ).toBe(true);
    });

    it('still takes a multipart upload for bom.files.upload', async () => {
      const { accessToken } = await signIn('uploader');
      const form = new FormData();
      form.set('kind', 'bom');
      form.set('file', new Blob([new Uint8Array([1, 2, 3])]), 'x.xlsx');
      const response = await fetch(`${base}/trpc/bom.files.upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}` },
        body: form,
      });
      // The procedure ran: a three-byte file is not a workbook, which it says itself.
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.data.messageKey).toMatch(/^bom\./);
    });
  });

  describe('TRPC_MAX_BATCH', () => {
    it('refuses a batch above 10 calls before running any, and runs one of 10', async () => {
      const started = Date.now();
      const tooMany = await post(`${batchOf(100)}?batch=1`, inputs(100));
      expect(tooMany.status).toBe(400);
      const body = (await tooMany.json()) as ErrorBody;
      expect(body.error.data.messageKey).toBe('error.batchTooLarge');
      expect(body.error.message).toContain('10');
      expect(Date.now() - started).toBeLessThan(5000);

      const ten = await post(`${batchOf(10)}?batch=1`, inputs(10));
      expect(((await ten.json()) as unknown[]).length).toBe(10);
    });

    it('applies to batched queries over GET as well', async () => {
      const paths = Array.from({ length: 11 }, () => 'user.me').join(',');
      const response = await fetch(`${base}/trpc/${paths}?batch=1`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error.data.messageKey).toBe('error.batchTooLarge');
    });
  });
});
