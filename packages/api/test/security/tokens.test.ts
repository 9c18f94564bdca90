import { decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '@arya/testing';
import { generateSigningKey } from '../../src';
import { createTokenService } from '../../src/security/tokens';

const subject = {
  userId: '11111111-1111-4111-8111-111111111111',
  sessionId: '22222222-2222-4222-8222-222222222222',
  role: 'user' as const,
};

async function service(options: { issuer?: string; audience?: string } = {}) {
  const signingKey = await generateSigningKey();
  const clock = createTestClock('2026-11-28T08:00:00Z');
  const tokens = await createTokenService({
    signingKey,
    issuer: options.issuer ?? 'arya',
    audience: options.audience ?? 'arya',
    clock,
  });
  return { signingKey, clock, tokens };
}

async function expectInvalid(promise: Promise<unknown>) {
  await expect(promise).rejects.toMatchObject({ code: 'UNAUTHORIZED', messageKey: 'auth.invalidAccessToken' });
}

describe('access tokens', () => {
  it('carry iss, aud, sub, sid, role, typ and jti, signed EdDSA with a kid published in the JWKS', async () => {
    const { tokens, signingKey } = await service();
    const { token, expiresAt } = await tokens.signAccessToken(subject);
    const header = decodeProtectedHeader(token);
    expect(header).toMatchObject({ alg: 'EdDSA', kid: signingKey.kid });
    const claims = await tokens.verifyAccessToken(token);
    expect(claims).toMatchObject({ ...subject, expiresAt });
    expect(claims.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(payload).toMatchObject({
      iss: 'arya',
      aud: 'arya',
      sub: subject.userId,
      sid: subject.sessionId,
      role: 'user',
      typ: 'access',
    });
    const jwks = tokens.publicJwks();
    expect(jwks.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: signingKey.x, kid: signingKey.kid, alg: 'EdDSA', use: 'sig' },
    ]);
    expect(JSON.stringify(jwks)).not.toContain(signingKey.d);
  });

  it('expire after 15 minutes by the service clock', async () => {
    const { tokens, clock } = await service();
    const { token } = await tokens.signAccessToken(subject);
    clock.advance(15 * 60 * 1000 - 1000);
    await tokens.verifyAccessToken(token);
    clock.advance(2000);
    await expectInvalid(tokens.verifyAccessToken(token));
  });

  it('are refused from another key, issuer or audience, or when tampered with', async () => {
    const a = await service();
    const { token } = await a.tokens.signAccessToken(subject);
    await expectInvalid((await service()).tokens.verifyAccessToken(token));
    const otherIssuer = await createTokenService({
      signingKey: a.signingKey,
      issuer: 'someone-else',
      audience: 'arya',
      clock: a.clock,
    });
    await expectInvalid(otherIssuer.verifyAccessToken(token));
    const otherAudience = await createTokenService({
      signingKey: a.signingKey,
      issuer: 'arya',
      audience: 'bom-service',
      clock: a.clock,
    });
    await expectInvalid(otherAudience.verifyAccessToken(token));
    const [header, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    await expectInvalid(a.tokens.verifyAccessToken(`${header}.${forgedPayload}.${signature}`));
  });

  it('pin the algorithm: alg "none" and HS256 are refused', async () => {
    const { tokens, signingKey } = await service();
    const claims = {
      sub: subject.userId,
      sid: subject.sessionId,
      role: 'admin',
      typ: 'access',
      jti: 'x',
      iss: 'arya',
      aud: 'arya',
    };
    const now = Math.floor(Date.parse('2026-11-28T08:00:00Z') / 1000);
    const unsignedHeader = Buffer.from(JSON.stringify({ alg: 'none', kid: signingKey.kid })).toString('base64url');
    const unsignedBody = Buffer.from(JSON.stringify({ ...claims, iat: now, exp: now + 60 })).toString('base64url');
    await expectInvalid(tokens.verifyAccessToken(`${unsignedHeader}.${unsignedBody}.`));
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: signingKey.kid })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(new TextEncoder().encode(signingKey.x));
    await expectInvalid(tokens.verifyAccessToken(hmac));
  });

  it('must be access tokens (typ claim)', async () => {
    const { tokens, signingKey } = await service();
    const key = await importJWK({ ...signingKey }, 'EdDSA');
    const now = Math.floor(Date.parse('2026-11-28T08:00:00Z') / 1000);
    const other = await new SignJWT({ sid: subject.sessionId, role: 'user', typ: 'refresh' })
      .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid })
      .setIssuer('arya')
      .setAudience('arya')
      .setSubject(subject.userId)
      .setJti('j')
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(key);
    await expectInvalid(tokens.verifyAccessToken(other));
  });

  it('stay valid across a key rotation when the old public key is kept in JWT_PUBLIC_KEYS', async () => {
    const old = await service();
    const { token } = await old.tokens.signAccessToken(subject);
    const newKey = await generateSigningKey();
    const rotated = await createTokenService({
      signingKey: newKey,
      extraPublicKeys: [{ kty: 'OKP', crv: 'Ed25519', x: old.signingKey.x, kid: old.signingKey.kid }],
      issuer: 'arya',
      audience: 'arya',
      clock: old.clock,
    });
    expect((await rotated.verifyAccessToken(token)).userId).toBe(subject.userId);
    expect(rotated.publicJwks().keys.map((k) => k.kid)).toEqual([newKey.kid, old.signingKey.kid]);
    const fresh = await rotated.signAccessToken(subject);
    expect(decodeProtectedHeader(fresh.token).kid).toBe(newKey.kid);
  });
});
