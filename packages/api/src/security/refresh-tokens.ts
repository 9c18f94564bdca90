import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the opaque refresh token handed to the client. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token. A fast hash is enough: the token is random, not a password. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
