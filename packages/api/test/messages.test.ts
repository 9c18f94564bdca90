import { describe, expect, it } from 'vitest';
import { catalogueProblems } from '@arya/i18n/catalogue';
import { messages, translate } from '../src/messages';

describe('the API catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it('says a shared rule in the words the web UI uses', () => {
    expect(translate('password.tooShort', { min: 8, bytes: 5 }, 'en')).toBe(
      'The password must be at least 8 bytes (now 5).',
    );
  });
});
