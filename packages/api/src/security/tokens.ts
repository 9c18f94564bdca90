import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
} from 'jose';
import type { UserRole } from '@arya/db';
import type { Clock } from '../clock';
import type { PublicJwk, SigningJwk } from '../config';
import { AppError } from '../errors';

/** Pinned: tokens signed with any other algorithm are refused, whatever their header says. */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
  role: UserRole;
  tokenId: string;
  expiresAt: Date;
}

export interface PublicJwks {
  keys: JWK[];
}

export interface TokenService {
  signAccessToken: (subject: {
    userId: string;
    sessionId: string;
    role: UserRole;
  }) => Promise<{ token: string; expiresAt: Date }>;
  /** Throws AppError UNAUTHORIZED for anything but a valid, unexpired access token of this issuer and audience. */
  verifyAccessToken: (token: string) => Promise<AccessTokenClaims>;
  /** Public keys for `/.well-known/jwks.json`: the signing key first, then older keys still accepted. */
  publicJwks: () => PublicJwks;
}

export interface TokenServiceOptions {
  signingKey: SigningJwk;
  extraPublicKeys?: PublicJwk[];
  issuer: string;
  audience: string;
  clock: Clock;
}

/** A new Ed25519 signing key as a private JWK with `kid`, `alg` and `use` set (persist it; never log it). */
export async function generateSigningKey(): Promise<SigningJwk & { alg: string; use: string; kid: string }> {
  const { privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || !jwk.d) throw new Error('unexpected key export');
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
}

function isRole(value: unknown): value is UserRole {
  return value === 'user' || value === 'admin';
}

export async function createTokenService(options: TokenServiceOptions): Promise<TokenService> {
  const { signingKey, issuer, audience, clock } = options;
  const kid = signingKey.kid ?? (await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: signingKey.x }));
  const privateKey = (await importJWK({ ...signingKey, alg: ACCESS_TOKEN_ALG }, ACCESS_TOKEN_ALG)) as CryptoKey;
  const signingPublic: JWK = { kty: 'OKP', crv: 'Ed25519', x: signingKey.x, kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  const extras: JWK[] = (options.extraPublicKeys ?? [])
    .filter((key) => key.kid !== kid)
    .map((key) => ({ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: ACCESS_TOKEN_ALG, use: 'sig' }));
  const jwks: PublicJwks = { keys: [signingPublic, ...extras] };
  const keySet = createLocalJWKSet(jwks);

  return {
    publicJwks: () => structuredClone(jwks),

    signAccessToken: async ({ userId, sessionId, role }) => {
      const issuedAt = Math.floor(clock.now().getTime() / 1000);
      const expiresAtSeconds = issuedAt + ACCESS_TOKEN_TTL_SECONDS;
      const token = await new SignJWT({ sid: sessionId, role, typ: 'access' })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(userId)
        .setJti(randomUUID())
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAtSeconds)
        .sign(privateKey);
      return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
    },

    verifyAccessToken: async (token) => {
      try {
        const { payload } = await jwtVerify(token, keySet, {
          algorithms: [ACCESS_TOKEN_ALG],
          issuer,
          audience,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'jti', 'exp', 'iat'],
        });
        const { sub, sid, role, typ, jti, exp } = payload;
        if (typ !== 'access' || typeof sid !== 'string' || !isRole(role) || !sub || !jti || exp === undefined) {
          throw new AppError('UNAUTHORIZED', 'auth.invalidAccessToken');
        }
        return { userId: sub, sessionId: sid, role, tokenId: jti, expiresAt: new Date(exp * 1000) };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof joseErrors.JOSEError) throw new AppError('UNAUTHORIZED', 'auth.invalidAccessToken');
        throw error;
      }
    },
  };
}
