import { LOCALES, type Locale } from './locale';
import { MessageSyntaxError, paramNames, textOutsidePlurals } from './message-format';

export { formatMessage, type MessageParams } from './message-format';

export type MessageText = Record<Locale, string>;
export type Catalogue = Record<string, MessageText>;

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
  return [...new Set(paramNames(text).map((name) => name.replace(/(?:Zh|En)$/, '')))].toSorted().join(',');
}

/**
 * A number param right before an English plural noun ("{count} rows", "{count} other sessions") outside a plural
 * argument: it reads "1 rows" for one. Words ending in s that are not plurals are let through, and so are the
 * per-language text params (`{scriptsEn} letters`).
 */
const BARE_COUNT =
  /\{(\w+(?<!Zh|En))\}\s+(?:[a-z]+\s+)?(?!(?:is|was|has|does|its|as|this|us|yes|always|perhaps)\b)[a-z]*[a-z]s\b/;

/**
 * What is wrong with a catalogue: a language missing or empty, a text that does not parse, the languages naming
 * different placeholders, or an English count with no plural rule.
 */
export function catalogueProblems(catalogue: Record<string, Partial<MessageText>>): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(catalogue)) {
    const missing = LOCALES.filter((locale) => !text[locale]?.trim());
    if (missing.length > 0) {
      problems.push(`${key}: no ${missing.join(', ')} text`);
      continue;
    }
    let names: string[];
    try {
      names = LOCALES.map((locale) => placeholders(text[locale] ?? ''));
    } catch (error) {
      if (!(error instanceof MessageSyntaxError)) throw error;
      problems.push(`${key}: ${error.message}`);
      continue;
    }
    const [first, ...others] = names;
    if (others.some((other) => other !== first)) problems.push(`${key}: the languages name different placeholders`);
    const bare = BARE_COUNT.exec(textOutsidePlurals(text.en ?? ''));
    if (bare) problems.push(`${key}: "${bare[0]}" needs a plural rule ({${bare[1]}, plural, one {…} other {…}})`);
  }
  return problems;
}
