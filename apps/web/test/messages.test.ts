import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@arya/i18n/catalogue';
import { messages } from '../src/i18n/messages';

describe('the web catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });
});
