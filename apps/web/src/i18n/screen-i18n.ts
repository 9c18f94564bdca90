import { useCallback } from 'react';
import { formatMessage, type Catalogue } from '@arya/i18n/catalogue';
import { useI18n } from './I18nProvider';
import type { MessageKey } from './messages';

/**
 * `t` for a lazily loaded screen with a catalogue of its own (kept out of the sign-in bundle): the screen's keys and
 * every key of the app's catalogue. Its own module, so that the sign-in bundle does not carry it.
 */
export function useScreenI18n<C extends Catalogue>(catalogue: C) {
  const { locale, t: appT } = useI18n();
  const t = useCallback(
    (key: MessageKey | (keyof C & string), params?: Record<string, string | number>): string => {
      const own = catalogue[key];
      return own ? formatMessage(own[locale], params, locale) : appT(key as MessageKey, params);
    },
    [catalogue, locale, appT],
  );
  return { locale, t };
}
