import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keysetPage } from '../../src/lib/pagination';

const position = { createdAt: '2026-11-30 06:40:00.123456+00', id: '0b6f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4' };

describe('keyset cursors', () => {
  it('round-trips a position', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['not base64 JSON', 'bm90IGEgY3Vyc29y'],
    ['a bad date', Buffer.from(JSON.stringify(['yesterday', position.id])).toString('base64url')],
    ['an id that is no uuid', Buffer.from(JSON.stringify([position.createdAt, "1' or 1=1"])).toString('base64url')],
    ['three parts', Buffer.from(JSON.stringify([position.createdAt, position.id, 1])).toString('base64url')],
    ['an audit-log cursor', '42'],
  ])('refuses %s with a typed BAD_REQUEST', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', messageKey: 'pagination.invalidCursor' }),
    );
  });
});

describe('keysetPage', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `id-${n}`, cursor_created_at: `t${n}`, n }));

  it('returns limit items and the cursor of the last one when a further row was read', () => {
    const page = keysetPage(rows, 2, (row) => row.n);
    expect(page.items).toEqual([1, 2]);
    expect(page.nextCursor).toBe(encodeCursor({ createdAt: 't2', id: 'id-2' }));
  });

  it('has no next cursor on the last page', () => {
    expect(keysetPage(rows, 3, (row) => row.n)).toEqual({ items: [1, 2, 3], nextCursor: null });
  });
});
