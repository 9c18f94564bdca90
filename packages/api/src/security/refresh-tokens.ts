import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the opaque refresh token handed to the client. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps instead of the token. A fast hash is enough: the token is random, not a password. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const SEAL_INFO = 'arya refresh-token successor v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Derived from the token itself (HKDF, unlike the stored SHA-256), so the database alone cannot open a seal. */
function sealKey(token: string): Buffer {
  return Buffer.from(hkdfSync('sha256', token, Buffer.alloc(0), SEAL_INFO, 32));
}

/**
 * Seals `successor` (the token a rotation issued) so only a holder of `token` (the rotated one) can open it; `rowId`
 * binds the seal to its row. AES-256-GCM: iv ‖ tag ‖ ciphertext, base64url.
 */
export function sealSuccessor(token: string, successor: string, rowId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealKey(token), iv);
  cipher.setAAD(Buffer.from(rowId));
  const ciphertext = Buffer.concat([cipher.update(successor, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The successor sealed by `sealSuccessor`, or undefined when the seal does not open with this token and row. */
export function openSuccessor(token: string, sealed: string, rowId: string): string | undefined {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey(token), bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(rowId));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
