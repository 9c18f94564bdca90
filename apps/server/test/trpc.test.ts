import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, mutate, registerUser, strongPassword, type TestApp } from './helpers';

function refreshCookie(cookies: string[]): string {
  const cookie = cookies.find((line) => /httponly/i.test(line) && !/max-age=0|expires=thu, 01 jan 1970/i.test(line));
  if (!cookie) throw new Error(`no refresh cookie among ${JSON.stringify(cookies)}`);
  return cookie;
}

describe('tRPC over HTTP', () => {
  let dev: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    dev = await createTestApp();
    production = await createTestApp({ env: { NODE_ENV: 'production' }, shareWith: dev });
  });
  afterAll(async () => {
    await production.close();
    await dev.close();
  });

  it('logs in and sets the refresh token as an HttpOnly, SameSite=Lax cookie (Secure in production only)', async () => {
    await registerUser(dev.app, 'cookie-dev');
    const login = await mutate(dev.app, 'auth.login', { account: 'cookie-dev', password: strongPassword });
    expect(login.statusCode).toBe(200);
    expect(login.body.result?.data).toMatchObject({ accessToken: expect.any(String) });
    expect(login.body.result?.data.refreshToken).toBeUndefined();
    const cookie = refreshCookie(login.cookies);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('marks the refresh cookie Secure in production, and the cookie alone refreshes the session', async () => {
    await registerUser(production.app, 'cookie-prod');
    const login = await mutate(production.app, 'auth.login', { account: 'cookie-prod', password: strongPassword });
    const cookie = refreshCookie(login.cookies);
    expect(cookie).toMatch(/;\s*Secure/i);

    const pair = cookie.split(';')[0]!;
    const refreshed = await mutate(production.app, 'auth.refresh', {}, { cookie: pair });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.body.result?.data.accessToken).toEqual(expect.any(String));
    expect(refreshCookie(refreshed.cookies).split(';')[0]).not.toBe(pair);
  });

  it('serves batched calls on one request', async () => {
    const token = await registerUser(dev.app, 'batcher');
    const response = await dev.app.inject({
      url: `/trpc/user.me,user.me?batch=1&input=${encodeURIComponent('{}')}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.statusCode).toBe(200);
    const results = response.json() as Array<{ result: { data: { account: string } } }>;
    expect(results).toHaveLength(2);
    expect(results.map((entry) => entry.result.data.account)).toEqual(['batcher', 'batcher']);
  });

  it('answers a protected procedure without a token with UNAUTHORIZED', async () => {
    const response = await dev.app.inject('/trpc/user.me');
    expect(response.statusCode).toBe(401);
    expect(response.json().error.data.code).toBe('UNAUTHORIZED');
  });

  it('publishes the signing key at /.well-known/jwks.json, and issued tokens verify against it offline', async () => {
    const response = await dev.app.inject('/.well-known/jwks.json');
    expect(response.statusCode).toBe(200);
    const jwks = response.json() as { keys: Array<Record<string, string>> };
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', kid: expect.any(String) });
    expect(jwks.keys.every((key) => !('d' in key))).toBe(true);

    const token = await registerUser(dev.app, 'jwks-check');
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(jwks), {
      algorithms: ['EdDSA'],
      issuer: dev.config.JWT_ISSUER,
      audience: dev.config.JWT_AUDIENCE,
    });
    expect(protectedHeader.kid).toBe(jwks.keys[0]!.kid);
    expect(payload.typ).toBe('access');
  });
});
