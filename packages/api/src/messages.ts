export type Locale = 'zh-CN' | 'en';

type MessageText = Record<Locale, string>;

/**
 * Every text a caller may see, by message key. `{name}` is replaced by the error's param of that name.
 * Modules add their keys in their own section.
 */
export const messages = {
  // generic
  'error.internal': { 'zh-CN': '服务器出错了，请稍后重试。', en: 'Something went wrong on our side. Please try again later.' },
  'error.badRequest': { 'zh-CN': '请求无效。', en: 'The request is not valid.' },
  'error.validation': { 'zh-CN': '有字段填写不正确，请检查后重试。', en: 'Some fields are not valid. Please check them and try again.' },
  'error.unauthorized': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'error.forbidden': { 'zh-CN': '你没有权限执行此操作。', en: 'You are not allowed to do this.' },
  'error.notFound': { 'zh-CN': '找不到该资源。', en: 'Not found.' },
  'error.conflict': { 'zh-CN': '与现有数据冲突。', en: 'This conflicts with existing data.' },
  'error.tooManyRequests': {
    'zh-CN': '请求过于频繁，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many requests. Try again in {retryAfterSeconds} seconds.',
  },
  'error.payloadTooLarge': { 'zh-CN': '请求内容过大。', en: 'The request is too large.' },

  // auth
  'auth.invalidCredentials': { 'zh-CN': '账号或密码不正确。', en: 'The account or password is incorrect.' },
  'auth.accountDisabled': {
    'zh-CN': '该账号已被停用，请联系管理员。',
    en: 'This account has been disabled. Please contact an administrator.',
  },
  'auth.accountTaken': { 'zh-CN': '该账号已被注册。', en: 'This account name is already taken.' },
  'auth.tooManyFailedLogins': {
    'zh-CN': '登录失败次数过多，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many failed sign-in attempts. Try again in {retryAfterSeconds} seconds.',
  },
  'auth.tooManyLoginsFromAddress': {
    'zh-CN': '来自你网络地址的登录尝试过多，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many sign-in attempts from your network address. Try again in {retryAfterSeconds} seconds.',
  },
  'auth.missingAccessToken': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'auth.invalidAccessToken': { 'zh-CN': '登录已失效，请重新登录。', en: 'Your sign-in is no longer valid. Please sign in again.' },
  'auth.sessionRevoked': { 'zh-CN': '此登录会话已结束，请重新登录。', en: 'This session has ended. Please sign in again.' },
  'auth.missingRefreshToken': { 'zh-CN': '登录已过期，请重新登录。', en: 'Your sign-in has expired. Please sign in again.' },
  'auth.invalidRefreshToken': { 'zh-CN': '登录已过期，请重新登录。', en: 'Your sign-in has expired. Please sign in again.' },
  'auth.refreshTokenReused': {
    'zh-CN': '检测到登录凭证被重复使用，为安全起见已结束该会话，请重新登录。',
    en: 'This sign-in token was used twice, so the session was ended for safety. Please sign in again.',
  },
  'auth.adminRequired': { 'zh-CN': '需要管理员权限。', en: 'This needs administrator rights.' },

  // password rules
  'password.tooShort': { 'zh-CN': '密码至少需要 {min} 个字节。', en: 'The password must be at least {min} bytes long.' },
  'password.tooLong': {
    'zh-CN': '密码不能超过 {max} 个字节（中文等字符每个占 3 个字节），请缩短。',
    en: 'The password must be at most {max} bytes (characters such as Chinese count as 3 bytes). Please shorten it.',
  },
  'password.tooCommon': {
    'zh-CN': '这个密码太常见，很容易被猜到，请换一个。',
    en: 'This password is too common and easy to guess. Please choose another.',
  },
  'password.wrongCurrent': { 'zh-CN': '当前密码不正确。', en: 'The current password is incorrect.' },
  'password.notSet': {
    'zh-CN': '该账号未设置密码。',
    en: 'This account has no password set.',
  },

  // user
  'user.notFound': { 'zh-CN': '用户不存在。', en: 'This user does not exist.' },
  'user.sessionNotFound': { 'zh-CN': '找不到该会话。', en: 'This session does not exist.' },

  // admin
  'admin.cannotChangeSelf': {
    'zh-CN': '不能停用自己或修改自己的角色。',
    en: 'You cannot disable yourself or change your own role.',
  },
  'admin.invalidCursor': { 'zh-CN': '分页参数无效，请从第一页重新开始。', en: 'The page cursor is not valid. Start again from the first page.' },
} as const satisfies Record<string, MessageText>;

export type MessageKey = keyof typeof messages;
export type MessageParams = Record<string, string | number>;

export function translate(key: MessageKey, params: MessageParams = {}, locale: Locale = 'zh-CN'): string {
  return messages[key][locale].replaceAll(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks the locale from an Accept-Language header: English when it is preferred over Chinese, otherwise zh-CN. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  for (const part of header.split(',')) {
    const tag = part.trim().toLowerCase();
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
