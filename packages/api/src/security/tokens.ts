import { createPublicKey, randomUUID, verify as verifySignature, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Verified tokens kept so a client's repeated token costs a map lookup, not a signature check. */
const VERIFIED_CACHE_SIZE = 10_000;

const invalid = () => new AppError('UNAUTHORIZED', 'auth.invalidAccessToken');

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * Verifies a compact JWS with Node's own Ed25519 (synchronous, no WebCrypto promise per call) and checks the claims as
 * `jose.jwtVerify` did: alg pinned to EdDSA, no `crit`, key by `kid`, `iss`/`aud` exact, `exp` in the future, `nbf`
 * reached, `iat` present; then Arya's own claims.
 */
function verifyCompact(
  token: string,
  keys: ReadonlyMap<string, KeyObject>,
  options: { issuer: string; audience: string; nowSeconds: number },
): AccessTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw invalid();
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  const header = decodeJsonObject(encodedHeader);
  if (!header || header.alg !== ACCESS_TOKEN_ALG || 'crit' in header) throw invalid();
  const candidates =
    typeof header.kid === 'string' ? [keys.get(header.kid)].filter((key) => key !== undefined) : [...keys.values()];
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (!candidates.some((key) => verifySignature(null, signed, key, signature))) throw invalid();

  const payload = decodeJsonObject(encodedPayload);
  if (!payload) throw invalid();
  const { iss, aud, sub, sid, role, typ, jti, exp, iat, nbf } = payload;
  const audienceMatches = aud === options.audience || (Array.isArray(aud) && aud.includes(options.audience));
  if (iss !== options.issuer || !audienceMatches) throw invalid();
  if (!isNumber(exp) || exp <= options.nowSeconds || !isNumber(iat)) throw invalid();
  if (nbf !== undefined && (!isNumber(nbf) || nbf > options.nowSeconds)) throw invalid();
  if (typ !== 'access' || !isNonEmptyString(sid) || !isRole(role) || !isNonEmptyString(sub)) throw invalid();
  if (!isNonEmptyString(jti)) throw invalid();
  return { userId: sub, sessionId: sid, role, tokenId: jti, expiresAt: new Date(exp * 1000) };
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
  // Imported once; verifying with a KeyObject skips parsing the key per request.
  const verifyKeys = new Map(
    jwks.keys.map((jwk) => [
      String(jwk.kid),
      createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' }),
    ]),
  );
  const verified = new Map<string, AccessTokenClaims>();

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
      const nowMs = clock.now().getTime();
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt.getTime() > nowMs) return known;
        verified.delete(token);
        throw invalid();
      }
      const claims = verifyCompact(token, verifyKeys, { issuer, audience, nowSeconds: Math.floor(nowMs / 1000) });
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value ?? '');
      verified.set(token, Object.freeze(claims));
      return claims;
    },
  };
}
