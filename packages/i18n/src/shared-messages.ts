import type { Catalogue } from './catalogue';

/**
 * Texts both the web UI and the API show — the API in its errors, the web before it asks the server — so they say the
 * same thing in the same words.
 */
export const sharedMessages = {
  'password.tooShort': {
    'zh-CN': '密码至少需要 {min} 个字节（当前 {bytes}）。',
    en: 'The password must be at least {min, plural, one {# byte} other {# bytes}} (now {bytes}).',
  },
  'password.tooLong': {
    'zh-CN': '密码不能超过 {max} 个字节（当前 {bytes}，中文等字符每个占 3 个字节）。',
    en:
      'The password must be at most {max, plural, one {# byte} other {# bytes}} (now {bytes}; characters such as ' +
      'Chinese count as 3 bytes).',
  },
  'bom.noOpsSheet': {
    'zh-CN': 'BOM 工作簿中没有「操作指示表」工作表。请上传操作表或在线填写操作。',
    en: 'The BOM workbook has no "操作指示表" sheet. Upload an operations file or enter the operations online.',
  },
  'displayName.invisibleCharacter': {
    'zh-CN':
      '姓名含有不可见字符或控制字符（{codePoint}，如文字方向控制符或零宽字符），可能冒充他人或伪装文件名，请删除后重试。',
    en:
      'The name contains an invisible or control character ({codePoint}, e.g. a text-direction override or a ' +
      'zero-width character), which could disguise it as another name or a file name. Remove it and retry.',
  },
  'displayName.empty': { 'zh-CN': '姓名不能只有空格。', en: 'The name cannot be only spaces.' },
  'displayName.tooLong': {
    'zh-CN': '姓名最多 {max} 个字符。',
    en: 'The name can be at most {max, plural, one {# character} other {# characters}}.',
  },
  /** A wait as the API's rate-limit messages word it; the UI counts it down in place (apps/web lib/errors.ts). */
  'wait.seconds': { 'zh-CN': '{seconds} 秒', en: '{seconds, plural, one {# second} other {# seconds}}' },
} as const satisfies Catalogue;
