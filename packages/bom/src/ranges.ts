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

const SINGLE: RangeResult = { kind: 'single' };

/** Expands one upper-cased token. Digits keep the start's zero padding (R01-R03 → R01, R02, R03). */
export function expandRange(token: string): RangeResult {
  // PREFIX digits [-~] PREFIX digits, read with character tests (it runs for every token of the BOM's 位号 cells)
  const end = token.length;
  const lettersA = runEnd(token, 0, isLetter);
  const digitsA = runEnd(token, lettersA, isDigit);
  if (lettersA === 0 || digitsA === lettersA || digitsA === end) return SINGLE;
  const dash = token.charCodeAt(digitsA);
  if (dash !== 45 && dash !== 126) return SINGLE;
  const lettersB = runEnd(token, digitsA + 1, isLetter);
  const digitsB = runEnd(token, lettersB, isDigit);
  if (lettersB === digitsA + 1 || digitsB === lettersB || digitsB !== end) return SINGLE;
  return expandParts(
    token.slice(0, lettersA),
    token.slice(lettersA, digitsA),
    token.slice(digitsA + 1, lettersB),
    token.slice(lettersB),
  );
}

const isLetter = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** The offset where the run of characters passing `test` that starts at `from` ends. */
function runEnd(token: string, from: number, test: (c: number) => boolean): number {
  let i = from;
  while (i < token.length && test(token.charCodeAt(i))) i++;
  return i;
}

function expandParts(prefixA: string, digitsA: string, prefixB: string, digitsB: string): RangeResult {
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
