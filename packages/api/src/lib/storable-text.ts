/**
 * One rule for every string a caller sends: Postgres `text` and `jsonb` cannot hold U+0000, and a lone UTF-16
 * surrogate has no UTF-8 form (it would be stored as U+FFFD, silently changed). Checked once on the raw input of every
 * procedure (trpc.ts), so no schema has to remember it.
 */

/** NUL, or a high surrogate not followed by a low one, or a low surrogate not after a high one (code units, no `u`). */
// oxlint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

function isFileLike(value: object): value is { name: string } {
  return typeof Blob !== 'undefined' && value instanceof Blob && typeof (value as { name?: unknown }).name === 'string';
}

/**
 * The path (`['user', 'name']`, `['0']` …) of the first string in `value` that Postgres cannot store — object keys,
 * FormData fields and uploaded file names included — or `null` when there is none.
 */
export function findUnstorableText(value: unknown, path: string[] = []): string[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (typeof value !== 'object' || value === null) return null;
  if (value instanceof FormData) {
    for (const [name, entry] of value.entries()) {
      const found = findUnstorableText(name, [name]) ?? findUnstorableText(entry, [name]);
      if (found) return found;
    }
    return null;
  }
  if (isFileLike(value)) return isStorableText(value.name) ? null : [...path, 'name'];
  for (const [key, entry] of Object.entries(value)) {
    const found = findUnstorableText(key, [...path, key]) ?? findUnstorableText(entry, [...path, key]);
    if (found) return found;
  }
  return null;
}
