import { describe, expect, it } from 'vitest';
import { catalogueProblems, formatMessage, mergeCatalogues } from '../src/catalogue';
import { sharedMessages } from '../src/shared-messages';

describe('catalogueProblems', () => {
  it('names a key missing a language, an empty text and differing placeholders', () => {
    expect(
      catalogueProblems({
        'a.fine': { 'zh-CN': '{n} 个', en: '{n} items' },
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
