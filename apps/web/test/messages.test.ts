import { describe, expect, it } from 'vitest';
import type { MessageKey as ApiMessageKey } from '@arya/api';
import { catalogueProblems, formatMessage, type MessageText } from '@arya/i18n/catalogue';
import { LOCALES, type Locale } from '@arya/i18n/locale';
import type { sharedMessages } from '@arya/i18n/shared-messages';
import { messages, type MessageKey } from '../src/i18n/messages';
import { userDetailMessages } from '../src/pages/admin/user-detail-messages';
import { signUpMessages } from '../src/pages/auth/sign-up-messages';
import { bomLookupMessages } from '../src/pages/bom/bom-lookup-messages';
import { skippedOpsMessages } from '../src/pages/bom/skipped-ops-messages';
import { phoneCardMessages } from '../src/pages/profile/phone-card-messages';

type Own<Key> = Exclude<Key, keyof typeof sharedMessages>;
/** Keys the web and the API both define for themselves: each would have two texts. Shared texts live in @arya/i18n. */
type ScreenKey =
  | keyof typeof bomLookupMessages
  | keyof typeof userDetailMessages
  | keyof typeof phoneCardMessages
  | keyof typeof skippedOpsMessages
  | keyof typeof signUpMessages;
type KeyedTwice = Extract<Own<keyof typeof messages | ScreenKey>, Own<ApiMessageKey>>;

/** The app's texts and the screens' own. */
const every: Record<string, MessageText> = {
  ...messages,
  ...bomLookupMessages,
  ...userDetailMessages,
  ...phoneCardMessages,
  ...skippedOpsMessages,
  ...signUpMessages,
};

const t = (key: string, params: Record<string, string | number>, locale: Locale) =>
  formatMessage(every[key]?.[locale] ?? key, params, locale);

/** Keys with a count that picks a plural form, and the names of those counts. */
const counted = Object.entries(every).flatMap(([key, text]) => {
  const names = [...new Set([...text.en.matchAll(/\{(\w+),\s*plural,/g)].map((match) => match[1] ?? ''))];
  return names.length > 0 ? [{ key, names }] : [];
});

function withCount(key: string, names: string[], count: number, locale: Locale): string {
  const params: Record<string, string | number> = { name: 'x.xlsx', seconds: 7, bytes: 3 };
  for (const name of names) params[name] = count;
  return t(key, params, locale);
}

describe('the web catalogue', () => {
  it('has every key in both languages, with the same placeholders and a plural rule for every English count', () => {
    expect(catalogueProblems(messages)).toEqual([]);
  });

  it("screens' own catalogues too, and none repeats a key of the app's (one text per key)", () => {
    for (const screen of [
      bomLookupMessages,
      userDetailMessages,
      phoneCardMessages,
      skippedOpsMessages,
      signUpMessages,
    ]) {
      expect(catalogueProblems(screen)).toEqual([]);
      expect(Object.keys(screen).filter((key) => key in messages)).toEqual([]);
    }
  });

  it("defines none of the API catalogue's own keys (checked by the type checker: a clash fails pnpm typecheck)", () => {
    const noKeyTwice: [KeyedTwice] extends [never] ? true : KeyedTwice = true;
    expect(noKeyTwice).toBe(true);
  });

  it('has counts with plural forms (this list is what the next test checks)', () => {
    expect(counted.map(({ key }) => key)).toEqual(
      expect.arrayContaining(['profile.signedOutOthers', 'admin.revoked', 'bom.ops.fixErrors', 'auth.codeSent']),
    );
  });

  it.each(counted)('$key reads right for 0, 1 and 2 in both languages', ({ key, names }) => {
    for (const locale of LOCALES) {
      for (const count of [0, 1, 2]) expect(withCount(key, names, count, locale)).not.toMatch(/[{}#]/);
    }
    // English: one differs from two, and zero is not worded as one
    const shape = (count: number) => withCount(key, names, count, 'en').replaceAll(String(count), 'N');
    expect(shape(1)).not.toBe(shape(2));
    expect(shape(0)).not.toBe(shape(1));
  });

  it('words the counts of sessions, rows and minutes as a reader expects', () => {
    const cases: [MessageKey, Record<string, number>, Locale, string][] = [
      ['profile.signedOutOthers', { count: 0 }, 'en', 'There was no other session.'],
      ['profile.signedOutOthers', { count: 1 }, 'en', 'Signed out 1 other session.'],
      ['profile.signedOutOthers', { count: 2 }, 'en', 'Signed out 2 other sessions.'],
      ['profile.signedOutOthers', { count: 0 }, 'zh-CN', '没有其他会话。'],
      ['profile.signedOutOthers', { count: 1 }, 'zh-CN', '已退出 1 个其他会话。'],
      ['profile.signedOutOthers', { count: 2 }, 'zh-CN', '已退出 2 个其他会话。'],
      ['profile.passwordChanged', { count: 0 }, 'en', 'Password changed.'],
      ['profile.passwordChanged', { count: 1 }, 'en', 'Password changed; 1 other session was signed out.'],
      ['profile.passwordChanged', { count: 2 }, 'en', 'Password changed; 2 other sessions were signed out.'],
      ['profile.passwordChanged', { count: 2 }, 'zh-CN', '密码已修改，已退出其他 2 个会话。'],
      ['bom.ops.fixErrors', { count: 1 }, 'en', '1 row needs fixing'],
      ['bom.ops.fixErrors', { count: 2 }, 'en', '2 rows need fixing'],
      ['bom.ops.fixErrors', { count: 1 }, 'zh-CN', '有 1 行需要修改'],
      ['auth.codeSent', { minutes: 1 }, 'en', 'Code sent. It is valid for 1 minute.'],
      ['auth.codeSent', { minutes: 5 }, 'en', 'Code sent. It is valid for 5 minutes.'],
      ['wait.seconds', { seconds: 1 }, 'en', '1 second'],
      ['wait.seconds', { seconds: 1 }, 'zh-CN', '1 秒'],
    ];
    for (const [key, params, locale, expected] of cases) expect(t(key, params, locale)).toBe(expected);
  });

  it('names a missing field with its label at the start of the sentence, never mid-sentence in capitals', () => {
    expect(t('auth.required', { field: t('password.current', {}, 'en') }, 'en')).toBe('Current password is required');
    expect(t('auth.required', { field: t('password.current', {}, 'zh-CN') }, 'zh-CN')).toBe('请填写当前密码');
  });

  it('marks every optional sign-up field alike, the name too', () => {
    for (const locale of LOCALES) {
      const marked = ['auth.optionalAccount', 'auth.optionalPassword', 'auth.optionalName'].map((key) =>
        t(key, {}, locale),
      );
      const marker = locale === 'en' ? ' (optional)' : '（可选）';
      expect(marked.every((label) => label.endsWith(marker))).toBe(true);
    }
  });

  it('says on Compare what an upload there does, not what the new run checks before it runs', () => {
    for (const locale of LOCALES) expect(t('compare.uploadHint', {}, locale)).not.toBe(t('bom.uploadHint', {}, locale));
    expect(t('compare.uploadHint', {}, 'en')).not.toMatch(/runs/);
  });
});
