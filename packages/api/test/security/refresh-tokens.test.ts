import { describe, expect, it } from 'vitest';
import { generateRefreshToken, openSuccessor, sealSuccessor } from '../../src/security/refresh-tokens';

describe('sealed successors', () => {
  const token = generateRefreshToken();
  const successor = generateRefreshToken();
  const rowId = '0b7f6c1e-5d0a-4f7e-9a53-1c2d3e4f5a6b';

  it('open with the rotated token and the row they belong to', () => {
    expect(openSuccessor(token, sealSuccessor(token, successor, rowId), rowId)).toBe(successor);
  });

  it('do not open with another token, for another row, or when tampered with', () => {
    const sealed = sealSuccessor(token, successor, rowId);
    expect(openSuccessor(generateRefreshToken(), sealed, rowId)).toBeUndefined();
    expect(openSuccessor(token, sealed, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(openSuccessor(token, bytes.toString('base64url'), rowId)).toBeUndefined();
    expect(openSuccessor(token, 'short', rowId)).toBeUndefined();
  });

  it('never contain the successor in the clear', () => {
    const sealed = sealSuccessor(token, successor, rowId);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(successor);
  });
});
