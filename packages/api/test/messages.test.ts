import { describe, expect, it } from 'vitest';
import { catalogueProblems, formatMessage } from '@arya/i18n/catalogue';
import { LOCALES } from '@arya/i18n/locale';
import { sharedMessages } from '@arya/i18n/shared-messages';
import { messages, translate, type MessageKey } from '../src/messages';

describe('the API catalogue', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it('says a shared rule in the words the web UI uses', () => {
    expect(translate('password.tooShort', { min: 8, bytes: 5 }, 'en')).toBe(
      'The password must be at least 8 bytes (now 5).',
    );
  });

  it('words every rate-limit wait as the UI counts it down (wait.seconds), "1 second" included', () => {
    const waits = (Object.keys(messages) as MessageKey[]).filter((key) =>
      messages[key].en.includes('{retryAfterSeconds'),
    );
    expect(waits.length).toBeGreaterThan(5);
    for (const key of waits) {
      for (const locale of LOCALES) {
        for (const seconds of [1, 2, 60]) {
          const wait = formatMessage(sharedMessages['wait.seconds'][locale], { seconds }, locale);
          expect(translate(key, { retryAfterSeconds: seconds }, locale)).toContain(wait);
        }
      }
    }
    expect(translate('sms.tooManyForPhone', { retryAfterSeconds: 1 }, 'en')).toBe(
      'Too many codes were requested for this phone number. Try again in 1 second.',
    );
  });
});
