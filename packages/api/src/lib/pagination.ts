import { sql, type SelectQueryBuilder } from 'kysely';
import { AppError } from '../errors';

/** Where a keyset page ends: `created_at` as Postgres text (microseconds kept) and the row's id as tie-breaker. */
export interface KeysetPosition {
  createdAt: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** The position a cursor names; anything else (forged, truncated, from another list) is a BAD_REQUEST. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2) {
      const [createdAt, id] = decoded as unknown[];
      if (
        typeof createdAt === 'string' &&
        !Number.isNaN(Date.parse(createdAt)) &&
        typeof id === 'string' &&
        UUID.test(id)
      )
        return { createdAt, id };
    }
  } catch {
    // fall through to the typed error
  }
  throw new AppError('BAD_REQUEST', 'pagination.invalidCursor');
}

/** What a keyset list's repository takes: where the previous page ended (none: the first page) and the page size. */
export interface KeysetWindow {
  /** Rows strictly after this position (created_at as Postgres text, to keep microseconds). */
  after?: KeysetPosition | undefined;
  limit: number;
}

/**
 * The keyset half of a newest-first list query over `table` (a table name or its alias): the position column
 * `cursor_created_at`, rows strictly after `window.after` by `(created_at, id)`, that order descending, and `limit + 1`
 * rows so the caller knows whether another page exists. The table needs an index on `(created_at desc, id desc)`.
 */
export function newestFirst<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  table: string,
  window: KeysetWindow,
) {
  const createdAt = sql.ref(`${table}.created_at`);
  const id = sql.ref(`${table}.id`);
  let page = query.select(sql<string>`${createdAt}::text`.as('cursor_created_at'));
  if (window.after) {
    const after = window.after;
    page = page.where(sql<boolean>`(${createdAt}, ${id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  }
  return page
    .orderBy(createdAt, 'desc')
    .orderBy(id, 'desc')
    .limit(window.limit + 1);
}

/** A page of `limit` items from up to `limit + 1` keyset rows, with the cursor of the next page when there is one. */
export function keysetPage<Row extends { id: string; cursor_created_at: string }, Item>(
  rows: Row[],
  limit: number,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.cursor_created_at, id: last.id }) : null,
  };
}
