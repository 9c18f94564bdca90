import type { MessageText } from '@arya/i18n/catalogue';

/**
 * The sign-up screen's own texts, in a catalogue of their own: it loads with that page's chunk, not with the sign-in
 * screen (whose bundle has a budget). Read through `useScreenI18n(signUpMessages)`.
 */
export const signUpMessages = {
  // Marked like the account and password above it: a name is optional too.
  'auth.optionalName': { 'zh-CN': '姓名（可选）', en: 'Name (optional)' },
} as const satisfies Record<string, MessageText>;
