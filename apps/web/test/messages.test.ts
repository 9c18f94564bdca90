import { describe, expect, it } from 'vitest';
import type { MessageKey as ApiMessageKey } from '@arya/api';
import { catalogueProblems } from '@arya/i18n/catalogue';
import type { sharedMessages } from '@arya/i18n/shared-messages';
import { messages } from '../src/i18n/messages';
import { bomLookupMessages } from '../src/pages/bom/bom-lookup-messages';

type Own<Key> = Exclude<Key, keyof typeof sharedMessages>;
/** Keys the web and the API both define for themselves: each would have two texts. Shared texts live in @arya/i18n. */
type KeyedTwice = Extract<Own<keyof typeof messages | keyof typeof bomLookupMessages>, Own<ApiMessageKey>>;

describe('the web catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it("screens' own catalogues too, and none repeats a key of the app's (one text per key)", () => {
    expect(catalogueProblems(bomLookupMessages)).toEqual([]);
    expect(Object.keys(bomLookupMessages).filter((key) => key in messages)).toEqual([]);
  });

  it("defines none of the API catalogue's own keys (checked by the type checker: a clash fails pnpm typecheck)", () => {
    const noKeyTwice: [KeyedTwice] extends [never] ? true : KeyedTwice = true;
    expect(noKeyTwice).toBe(true);
  });
});
