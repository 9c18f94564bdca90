import { LOCALES, type Locale } from './locale';

export type MessageText = Record<Locale, string>;
export type Catalogue = Record<string, MessageText>;

/** Replaces `{name}` in a text with the param of that name; unknown names stay as written. */
export function formatMessage(text: string, params: Record<string, string | number> = {}): string {
  return text.replaceAll(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/**
 * One catalogue from the shared texts and an app's own. An own key may not repeat a shared one (a type error), so
 * each key has one text wherever it is shown.
 */
export function mergeCatalogues<Shared extends Catalogue, Own extends Catalogue>(
  shared: Shared,
  own: Own & { [Key in keyof Shared]?: never },
): Shared & Own {
  return { ...shared, ...own };
}

/** Param names; `detailZh` / `detailEn` are one param given in each language, so both count as `detail`. */
function placeholders(text: string): string {
  return [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1]?.replace(/(?:Zh|En)$/, ''))
    .toSorted()
    .join(',');
}

/** What is wrong with a catalogue: a language missing or empty, or the languages naming different placeholders. */
export function catalogueProblems(catalogue: Record<string, Partial<MessageText>>): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(catalogue)) {
    const missing = LOCALES.filter((locale) => !text[locale]?.trim());
    if (missing.length > 0) {
      problems.push(`${key}: no ${missing.join(', ')} text`);
      continue;
    }
    const [first, ...others] = LOCALES.map((locale) => placeholders(text[locale] ?? ''));
    if (others.some((names) => names !== first)) problems.push(`${key}: the languages name different placeholders`);
  }
  return problems;
}
