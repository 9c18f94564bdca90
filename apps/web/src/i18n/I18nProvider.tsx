import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { formatMessage } from '@arya/i18n/catalogue';
import { initialLocale, saveLocale, type Locale } from './locale';
import { messages, type MessageKey } from './messages';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

const storage = typeof window === 'undefined' ? undefined : window.localStorage;

/** The locale the HTTP link sends as Accept-Language, so server errors come back in the same language. */
let currentLocale: Locale = initialLocale(storage);
export function activeLocale(): Locale {
  return currentLocale;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(currentLocale);
  const setLocale = useCallback((next: Locale) => {
    currentLocale = next;
    saveLocale(storage, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => formatMessage(messages[key][locale], params, locale) }),
    [locale, setLocale],
  );
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
