import { expandRange, type MalformedReason } from './ranges';

/**
 * Designator lists (位号, A面位号, B面位号 and the op's 位号): split on , ， ; ； 、 and Unicode whitespace,
 * trimmed, empty tokens dropped, upper-cased; `R1-R4` / `R1~R4` ranges expanded.
 */

/** A cell expands to at most this many designators; further ranges are malformed (keeps hostile cells bounded). */
export const MAX_LIST_ITEMS = 20_000;

export interface MalformedRange {
  token: string;
  reason: MalformedReason;
}

export interface ParsedDesignators {
  /** Expanded designators in written order (duplicates kept). */
  items: string[];
  /** Ranges that could not be expanded; their tokens are not in `items`. */
  malformed: MalformedRange[];
}

/**
 * A separator: , ， ; ； 、 or what JS's `\s` matches (Unicode whitespace and line terminators). A character test,
 * not a regular expression: it runs over every 位号 cell of the BOM.
 */
function isSeparator(c: number): boolean {
  if (c < 0x80) return c === 44 || c === 59 || c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xff0c ||
    c === 0xff1b ||
    c === 0x3001 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The token upper-cased; most tokens are upper-case ASCII already and are returned as they are. */
function upperCased(token: string): string {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c >= 0x80) return token.toUpperCase();
  }
  return token;
}

export function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (!isSeparator(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      tokens.push(upperCased(text.slice(start, i)));
      start = -1;
    }
  }
  if (start >= 0) tokens.push(upperCased(text.slice(start)));
  return tokens;
}

/**
 * The shape of most real cells ("R432,R56": upper-case letters and digits between single commas): nothing to trim,
 * upper-case or expand. A character loop, not a regular expression: it runs for every 位号 cell of the BOM.
 */
function isSimpleList(text: string): boolean {
  let afterComma = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      if (afterComma) return false;
      afterComma = true;
    } else if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90)) afterComma = false;
    else return false;
  }
  return !afterComma;
}

export function parseDesignators(text: string): ParsedDesignators {
  if (text === '') return { items: [], malformed: [] };
  if (text.length < MAX_LIST_ITEMS && isSimpleList(text)) return { items: text.split(','), malformed: [] };
  const items: string[] = [];
  const malformed: MalformedRange[] = [];
  for (const token of splitTokens(text)) {
    const range = expandRange(token);
    const size = range.kind === 'range' ? range.items.length : 1;
    if (range.kind === 'malformed') malformed.push({ token, reason: range.reason });
    else if (items.length + size > MAX_LIST_ITEMS) malformed.push({ token, reason: 'list_too_long' });
    else if (range.kind === 'single') items.push(token);
    else for (const item of range.items) items.push(item);
  }
  return { items, malformed };
}

/** First occurrence order, duplicates removed ("a designator listed twice in one op counts once"). */
export function uniqueInOrder(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export function joinDesignators(items: readonly string[]): string {
  return items.join(',');
}
