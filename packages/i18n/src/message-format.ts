import type { Locale } from './locale';

/**
 * The message syntax: a subset of ICU MessageFormat, enough for the catalogues.
 * - `{name}` is the param of that name; an unknown name stays as written.
 * - `{count, plural, =0 {none} one {# row} other {# rows}}` picks a branch for the number `count`: an exact `=N` first,
 *   then the locale's plural category (Intl.PluralRules: English has `one` and `other`, Chinese only `other`); `#` in
 *   the branch is the number. `other` is required.
 * No quoting with apostrophes: texts use ’ and ' freely.
 */
export type MessageParams = Record<string, string | number>;

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'pound' }
  | { kind: 'param'; name: string; source: string }
  | { kind: 'plural'; name: string; source: string; branches: Map<string, Part[]> };

export class MessageSyntaxError extends Error {
  override name = 'MessageSyntaxError';
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function parseBranches(body: string, whole: string): Map<string, Part[]> {
  const branches = new Map<string, Part[]>();
  let rest = body.trim();
  while (rest) {
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(rest);
    if (!selector?.[1]) throw new MessageSyntaxError(`bad plural branch in ${whole}`);
    const open = selector[0].length - 1;
    const close = closingBrace(rest, open);
    if (close < 0) throw new MessageSyntaxError(`unclosed plural branch in ${whole}`);
    branches.set(selector[1], parse(rest.slice(open + 1, close), true));
    rest = rest.slice(close + 1).trim();
  }
  if (!branches.has('other')) throw new MessageSyntaxError(`no "other" branch in ${whole}`);
  return branches;
}

/** Parses a message; throws MessageSyntaxError on unbalanced braces or a malformed plural. */
export function parse(text: string, inPlural = false): Part[] {
  const parts: Part[] = [];
  let start = 0;
  const pushText = (end: number) => {
    const chunk = text.slice(start, end);
    if (!inPlural) {
      if (chunk) parts.push({ kind: 'text', text: chunk });
      return;
    }
    chunk.split('#').forEach((piece, index) => {
      if (index > 0) parts.push({ kind: 'pound' });
      if (piece) parts.push({ kind: 'text', text: piece });
    });
  };
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '}') throw new MessageSyntaxError(`unopened "}" in ${text}`);
    if (text[i] !== '{') continue;
    const close = closingBrace(text, i);
    if (close < 0) throw new MessageSyntaxError(`unclosed "{" in ${text}`);
    pushText(i);
    const source = text.slice(i, close + 1);
    const inner = text.slice(i + 1, close);
    const simple = /^\s*(\w+)\s*$/.exec(inner);
    const plural = /^\s*(\w+)\s*,\s*plural\s*,([\s\S]*)$/.exec(inner);
    if (simple?.[1]) parts.push({ kind: 'param', name: simple[1], source });
    else if (plural?.[1] && plural[2] !== undefined)
      parts.push({ kind: 'plural', name: plural[1], source, branches: parseBranches(plural[2], source) });
    else throw new MessageSyntaxError(`cannot read ${source}`);
    i = close;
    start = close + 1;
  }
  pushText(text.length);
  return parts;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
function pluralCategory(locale: Locale, count: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

function render(parts: Part[], params: MessageParams, locale: Locale, pound: number | null): string {
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') out += part.text;
    else if (part.kind === 'pound') out += pound === null ? '#' : String(pound);
    else if (part.kind === 'param') {
      const value = params[part.name];
      out += value === undefined ? part.source : String(value);
    } else {
      const value = params[part.name];
      const count = typeof value === 'number' ? value : Number(value);
      if (value === undefined || Number.isNaN(count)) {
        out += part.source;
        continue;
      }
      const branch =
        part.branches.get(`=${count}`) ??
        part.branches.get(pluralCategory(locale, count)) ??
        part.branches.get('other');
      out += render(branch ?? [], params, locale, count);
    }
  }
  return out;
}

const parsed = new Map<string, Part[]>();

/** Fills a message's params in `locale` (plural branches follow that language's rules). */
export function formatMessage(text: string, params: MessageParams = {}, locale: Locale = 'zh-CN'): string {
  let parts = parsed.get(text);
  if (!parts) {
    parts = parse(text);
    parsed.set(text, parts);
  }
  return render(parts, params, locale, null);
}

/** The names of a message's params, plural ones included, sorted, each once. */
export function paramNames(text: string): string[] {
  const names = new Set<string>();
  const visit = (parts: Part[]) => {
    for (const part of parts) {
      if (part.kind === 'param') names.add(part.name);
      if (part.kind === 'plural') {
        names.add(part.name);
        for (const branch of part.branches.values()) visit(branch);
      }
    }
  };
  visit(parse(text));
  return [...names].toSorted();
}

/** The text outside plural arguments, with simple params kept as `{name}` (for checks that read the prose). */
export function textOutsidePlurals(text: string): string {
  return parse(text)
    .map((part) => (part.kind === 'text' ? part.text : part.kind === 'param' ? part.source : ' '))
    .join('');
}
