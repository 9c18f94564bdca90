/**
 * The texts of the profile's phone card, in a catalogue of its own: it loads with the profile's chunk, not with the
 * sign-in screen (whose bundle has a budget). Read through `useScreenI18n(phoneCardMessages)`.
 */
export const phoneCardMessages = {
  'profile.bindPhone': { 'zh-CN': '绑定手机', en: 'Bind a phone' },
  'profile.bindPhoneSubmit': { 'zh-CN': '绑定手机', en: 'Bind phone' },
  'profile.phoneBound': { 'zh-CN': '手机号已绑定。', en: 'Phone number bound.' },
  'profile.changePhone': { 'zh-CN': '更换手机', en: 'Change phone' },
  'profile.currentPhone': { 'zh-CN': '当前手机号：{phone}', en: 'Current phone: {phone}' },
  'profile.newPhone': { 'zh-CN': '新手机号', en: 'New phone number' },
  'profile.changePhoneHint': {
    'zh-CN': '验证码发送到新手机号，并需输入当前密码确认。',
    en: 'A code goes to the new number, and your current password confirms the change.',
  },
  'profile.phoneChanged': { 'zh-CN': '手机号已更换。', en: 'Phone number changed.' },
  'profile.bindPhoneNeedsPassword': {
    'zh-CN': '更换手机号需要验证当前密码，请先在上方设置密码。',
    en: 'Changing the phone asks for your current password: set a password above first.',
  },
} as const;
