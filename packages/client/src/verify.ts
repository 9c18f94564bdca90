import { createRemoteJWKSet, customFetch, errors, jwtVerify } from 'jose';

export interface AccessTokenVerifierOptions {
  /** Where the server publishes its public keys, e.g. `http://arya:3000/.well-known/jwks.json`. */
  jwksUrl: string | URL;
  /** Must match the server's JWT_ISSUER / JWT_AUDIENCE (both default to `arya`). */
  issuer?: string;
  audience?: string;
  fetch?: typeof fetch;
}

export interface VerifiedAccessToken {
  userId: string;
  sessionId: string;
  role: 'user' | 'admin';
  expiresAt: Date;
}

export class InvalidAccessTokenError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`invalid access token: ${reason}`, options);
    this.name = 'InvalidAccessTokenError';
  }
}

/**
 * Checks Arya access tokens offline against the server's JWKS (fetched once, re-fetched for an unknown `kid`).
 * It cannot see revocations: services that must honour logout within seconds call `user.me` instead.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions) {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), options.fetch ? { [customFetch]: options.fetch } : {});
  return async function verifyAccessToken(token: string): Promise<VerifiedAccessToken> {
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['EdDSA'],
        issuer: options.issuer ?? 'arya',
        audience: options.audience ?? 'arya',
        requiredClaims: ['sub', 'exp'],
      });
      const { sub, sid, role, typ, exp } = payload;
      if (
        typ !== 'access' ||
        typeof sid !== 'string' ||
        (role !== 'user' && role !== 'admin') ||
        !sub ||
        exp === undefined
      ) {
        throw new InvalidAccessTokenError('not an access token');
      }
      return { userId: sub, sessionId: sid, role, expiresAt: new Date(exp * 1000) };
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw error;
      if (error instanceof errors.JOSEError) throw new InvalidAccessTokenError(error.code, { cause: error });
      throw error;
    }
  };
}
