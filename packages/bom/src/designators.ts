import { expandRange, type MalformedReason } from './ranges';

/**
 * Designator lists (位号, A面位号, B面位号 and the op's 位号): split on , ， ; ； 、 and Unicode whitespace,
 * trimmed, empty tokens dropped, upper-cased; `R1-R4` / `R1~R4` ranges expanded.
 */

/** A cell expands to at most this many designators; further ranges are malformed (keeps hostile cells bounded). */
export const MAX_LIST_ITEMS = 20_000;

// JS \s already covers Unicode whitespace (U+3000, U+00A0, …)
const SEPARATORS = /[,，;；、\s]+/;

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

export function splitTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const part of text.split(SEPARATORS)) if (part !== '') tokens.push(part.toUpperCase());
  return tokens;
}

// the shape of most real cells ("R432,R56"): nothing to trim, upper-case or expand
const SIMPLE_LIST = /^[A-Z0-9]+(?:,[A-Z0-9]+)*$/;

export function parseDesignators(text: string): ParsedDesignators {
  if (text === '') return { items: [], malformed: [] };
  if (text.length < MAX_LIST_ITEMS && SIMPLE_LIST.test(text)) return { items: text.split(','), malformed: [] };
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
