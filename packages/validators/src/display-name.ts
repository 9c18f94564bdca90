/**
 * Display names ("姓名"): shown beside runs, files, where-used results and audit entries, so they must read as what
 * they are. Letters of any script, digits, marks, punctuation, symbols (emoji) and spaces are fine; invisible and
 * control characters are not: a RIGHT-TO-LEFT OVERRIDE (U+202E) shows "abc" + U+202E + "gpj.exe" as "abcexe.jpg", a
 * zero-width space makes two names that look the same. Shared by the server and the forms.
 */
export const DISPLAY_NAME_MAX_LENGTH = 64;

/**
 * Controls (Cc: NUL, tab, newline…), format characters (Cf: bidi overrides and isolates, zero-width space/joiner,
 * word joiner, BOM, soft hyphen…), line and paragraph separators, private-use and unassigned code points, and lone
 * surrogates.
 */
const REFUSED = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;
const REFUSED_ALL = new RegExp(REFUSED.source, 'gu');

/**
 * NFC, every run of spaces (any width: U+3000, no-break…) one plain space, none at either end. Only space separators
 * are touched: the refused characters stay, so the check below names them instead of them vanishing silently.
 */
export function normaliseDisplayName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\p{Zs}+/gu, ' ')
    .replace(/^ | $/g, '');
}

export type DisplayNameProblem =
  | { kind: 'empty' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'invisibleCharacter'; codePoint: string };

/** "U+202E" for the character. */
function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What is wrong with a (normalised) display name, or null when it may be used. */
export function displayNameProblem(name: string): DisplayNameProblem | null {
  const refused = REFUSED.exec(name);
  if (refused) return { kind: 'invisibleCharacter', codePoint: codePointLabel(refused[0]) };
  if (name.length === 0) return { kind: 'empty' };
  if (name.length > DISPLAY_NAME_MAX_LENGTH) return { kind: 'tooLong', max: DISPLAY_NAME_MAX_LENGTH };
  return null;
}

/**
 * What a name stored before these rules becomes under them: refused characters removed, normalised, cut to the
 * maximum length (never inside a surrogate pair); null when nothing is left. Names people type are refused instead
 * (`displayNameProblem`), so they can see and fix them.
 */
export function cleanStoredDisplayName(name: string): string | null {
  let cleaned = normaliseDisplayName(name.replace(REFUSED_ALL, ''));
  if (cleaned.length > DISPLAY_NAME_MAX_LENGTH) {
    let cut = '';
    for (const char of cleaned) {
      if (cut.length + char.length > DISPLAY_NAME_MAX_LENGTH) break;
      cut += char;
    }
    cleaned = cut.trimEnd();
  }
  return cleaned === '' ? null : cleaned;
}
