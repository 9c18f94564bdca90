/**
 * About the JSON length of `value` (escapes not counted), counted only until it passes `limit`: lists built from a
 * workbook's cells are capped by it without serialising them, since one hostile cell may be hundreds of megabytes.
 */
export function jsonSizeUpTo(value: unknown, limit: number): number {
  let size = 0;
  const visit = (v: unknown): void => {
    if (size > limit) return;
    if (typeof v === 'string') size += v.length + 2;
    else if (Array.isArray(v)) {
      size += 2;
      for (const item of v) {
        if (size > limit) return;
        visit(item);
        size++;
      }
    } else if (v !== null && typeof v === 'object') {
      size += 2;
      for (const [key, item] of Object.entries(v)) {
        if (size > limit) return;
        size += key.length + 4;
        visit(item);
      }
    } else size += String(v).length;
  };
  visit(value);
  return size;
}

/** The first items of `all` (at most `max`) whose JSON fits in about `maxChars` together, in order. */
export function firstThatFit<T>(all: Iterable<T>, max: number, maxChars: number): T[] {
  const kept: T[] = [];
  let chars = 0;
  for (const item of all) {
    if (kept.length >= max) break;
    chars += jsonSizeUpTo(item, maxChars - chars);
    if (chars > maxChars) break;
    kept.push(item);
  }
  return kept;
}
