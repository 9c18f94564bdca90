import { describe, expect, it } from 'vitest';
import { catalogueProblems, formatMessage, mergeCatalogues } from '../src/catalogue';
import { sharedMessages } from '../src/shared-messages';

describe('catalogueProblems', () => {
  it('names a key missing a language, an empty text and differing placeholders', () => {
    expect(
      catalogueProblems({
        'a.fine': { 'zh-CN': '{n} 个', en: '{n, plural, one {# item} other {# items}}' },
        'a.noEnglish': { 'zh-CN': '中文' },
        'a.emptyChinese': { 'zh-CN': ' ', en: 'English' },
        'a.placeholders': { 'zh-CN': '{min} 个', en: 'at least {max}' },
        'a.perLanguageParam': { 'zh-CN': '{detailZh}', en: '{detailEn}' },
      }),
    ).toEqual([
      'a.noEnglish: no en text',
      'a.emptyChinese: no zh-CN text',
      'a.placeholders: the languages name different placeholders',
    ]);
  });

  it('finds nothing wrong with the shared texts', () => {
    expect(catalogueProblems(sharedMessages)).toEqual([]);
  });
});

describe('mergeCatalogues', () => {
  it('keeps the shared texts and adds the own ones', () => {
    const own = { 'web.only': { 'zh-CN': '仅', en: 'only' } };
    const merged = mergeCatalogues(sharedMessages, own);
    expect(merged['bom.noOpsSheet']).toBe(sharedMessages['bom.noOpsSheet']);
    expect(merged['web.only']).toBe(own['web.only']);
  });
});

describe('formatMessage', () => {
  it('fills named params and leaves unknown ones as written', () => {
    expect(formatMessage('{min} of {max}', { min: 8 })).toBe('8 of {max}');
  });
});

describe('a catalogue that repeats a shared key', () => {
  it('does not type-check', () => {
    const repeated = { 'bom.noOpsSheet': { 'zh-CN': '另一句', en: 'Another text' } };
    // @ts-expect-error an app's own catalogue may not give a shared key a text of its own
    expect(() => mergeCatalogues(sharedMessages, repeated)).not.toThrow();
  });
});

describe('plural rules', () => {
  const rows = '{count, plural, =0 {no rows} one {# row} other {# rows}} in {sheet}';

  it('picks =N first, then the language’s category, and puts the number for #', () => {
    expect(formatMessage(rows, { count: 0, sheet: 'BOM' }, 'en')).toBe('no rows in BOM');
    expect(formatMessage(rows, { count: 1, sheet: 'BOM' }, 'en')).toBe('1 row in BOM');
    expect(formatMessage(rows, { count: 2, sheet: 'BOM' }, 'en')).toBe('2 rows in BOM');
    // Chinese has one form: `one` is never picked
    expect(formatMessage(rows, { count: 1, sheet: 'BOM' }, 'zh-CN')).toBe('1 rows in BOM');
  });

  it('keeps a plural whose count is missing as written, and # outside a plural is text', () => {
    expect(formatMessage('{n, plural, one {# x} other {# xs}}', {}, 'en')).toBe('{n, plural, one {# x} other {# xs}}');
    expect(formatMessage('#{n}', { n: 3 }, 'en')).toBe('#3');
    expect(formatMessage('{n, plural, other {# of {total}}}', { n: 2, total: 9 }, 'en')).toBe('2 of 9');
  });

  it('names an English count with no plural rule, a plural with no other form, and unbalanced braces', () => {
    expect(
      catalogueProblems({
        'a.bare': { 'zh-CN': '{count} 行', en: '{count} rows' },
        'a.bareOther': { 'zh-CN': '{count} 个', en: 'Signed out {count} other sessions.' },
        'a.fine': { 'zh-CN': '{count} 行', en: '{count, plural, one {# row} other {# rows}}' },
        'a.perLanguageText': { 'zh-CN': '{scriptsZh}字母', en: '{scriptsEn} letters' },
        'a.notACount': { 'zh-CN': '{name} 已删除；{shown}/{total}', en: '{name} was deleted; {shown} of {total}' },
        'a.noOther': { 'zh-CN': '{count} 行', en: '{count, plural, one {# row}}' },
        'a.unbalanced': { 'zh-CN': '{count 行', en: '{count} row' },
      }),
    ).toEqual([
      'a.bare: "{count} rows" needs a plural rule ({count, plural, one {…} other {…}})',
      'a.bareOther: "{count} other sessions" needs a plural rule ({count, plural, one {…} other {…}})',
      'a.noOther: no "other" branch in {count, plural, one {# row}}',
      'a.unbalanced: unclosed "{" in {count 行',
    ]);
  });
});
