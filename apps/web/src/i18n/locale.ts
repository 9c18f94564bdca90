import type { Locale } from '@arya/i18n/locale';

export type { Locale };

const STORAGE_KEY = 'arya.locale';

/** Simplified Chinese unless the person chose English before (kept in localStorage). */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: Locale): void {
  storage?.setItem(STORAGE_KEY, locale);
}
