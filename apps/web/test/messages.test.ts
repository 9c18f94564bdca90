import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@arya/i18n/catalogue';
import { messages } from '../src/i18n/messages';
import { bomLookupMessages } from '../src/pages/bom/bom-lookup-messages';

describe('the web catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it("screens' own catalogues too, and none repeats a key of the app's (one text per key)", () => {
    expect(catalogueProblems(bomLookupMessages)).toEqual([]);
    expect(Object.keys(bomLookupMessages).filter((key) => key in messages)).toEqual([]);
  });
});
