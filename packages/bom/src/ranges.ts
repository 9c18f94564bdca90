/**
 * Ranges in designator lists: `R1-R4` or `R1~R4` (letters then digits on both sides) expand to R1…R4.
 * A range is malformed when the prefixes differ, it is descending, or it has more than 1000 items.
 */
export const MAX_RANGE_ITEMS = 1000;

export type MalformedReason = 'prefix_mismatch' | 'descending' | 'too_many_items' | 'list_too_long';

export type RangeResult =
  | { kind: 'range'; items: string[] }
  | { kind: 'malformed'; reason: MalformedReason }
  | { kind: 'single' };

const RANGE = /^([A-Z]+)(\d+)[-~]([A-Z]+)(\d+)$/;

const SINGLE: RangeResult = { kind: 'single' };

/** Expands one upper-cased token. Digits keep the start's zero padding (R01-R03 → R01, R02, R03). */
export function expandRange(token: string): RangeResult {
  if (!token.includes('-') && !token.includes('~')) return SINGLE;
  const m = RANGE.exec(token);
  if (!m) return SINGLE;
  const [, prefixA = '', digitsA = '', prefixB = '', digitsB = ''] = m;
  if (prefixA !== prefixB) return { kind: 'malformed', reason: 'prefix_mismatch' };
  const from = Number(digitsA);
  const to = Number(digitsB);
  if (to < from) return { kind: 'malformed', reason: 'descending' };
  if (to - from + 1 > MAX_RANGE_ITEMS) return { kind: 'malformed', reason: 'too_many_items' };
  const width = digitsA.startsWith('0') ? digitsA.length : 0;
  const items: string[] = [];
  for (let n = from; n <= to; n++) items.push(prefixA + String(n).padStart(width, '0'));
  return { kind: 'range', items };
}
