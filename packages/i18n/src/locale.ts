/** Simplified Chinese is the default everywhere; English is complete. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
