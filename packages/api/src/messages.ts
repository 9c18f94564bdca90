import { formatMessage, mergeCatalogues, type MessageText } from '@arya/i18n/catalogue';
import type { Locale } from '@arya/i18n/locale';
import { sharedMessages } from '@arya/i18n/shared-messages';

export type { Locale };

/**
 * Every text a caller may see, by message key: the texts the web UI shows too (from @arya/i18n) and the API's own.
 * `{name}` is replaced by the error's param of that name. Modules add their keys in their own section.
 */
export const messages = mergeCatalogues(sharedMessages, {
  // generic
  'error.internal': {
    'zh-CN': '服务器出错了，请稍后重试。',
    en: 'Something went wrong on our side. Please try again later.',
  },
  'error.badRequest': { 'zh-CN': '请求无效。', en: 'The request is not valid.' },
  'error.validation': {
    'zh-CN': '有字段填写不正确，请检查后重试。',
    en: 'Some fields are not valid. Please check them and try again.',
  },
  'error.unstorableText': {
    'zh-CN': '“{field}”含有无法保存的字符（空字符或不完整的 Unicode 字符），请删除后重试。',
    en:
      '"{field}" contains a character that cannot be stored (a NUL or a broken Unicode character). Remove it and ' +
      'retry.',
  },
  'error.jsonBodyOnly': {
    'zh-CN': '此接口只接受 JSON 请求体（Content-Type: application/json），收到的是“{contentType}”。',
    en: 'This procedure accepts JSON bodies only (Content-Type: application/json), not "{contentType}".',
  },
  'error.crossSiteRequest': {
    'zh-CN': '请求来自其他网站，已拒绝。请直接在本站页面上操作。',
    en: "This request came from another website and was refused. Use this site's own pages.",
  },
  'error.batchTooLarge': {
    'zh-CN': '一次批量请求包含 {calls} 个调用，最多允许 {max} 个，请分批发送。',
    en:
      'One batch holds {calls, plural, one {# call} other {# calls}}; at most ' +
      '{max, plural, one {# is} other {# are}} allowed. Send them in smaller batches.',
  },
  'error.unauthorized': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'error.forbidden': { 'zh-CN': '你没有权限执行此操作。', en: 'You are not allowed to do this.' },
  'error.notFound': { 'zh-CN': '找不到该资源。', en: 'Not found.' },
  'pagination.invalidCursor': {
    'zh-CN': '分页参数无效，请从第一页重新开始。',
    en: 'The page cursor is not valid. Start again from the first page.',
  },
  'error.conflict': { 'zh-CN': '与现有数据冲突。', en: 'This conflicts with existing data.' },
  'error.tooManyRequests': {
    'zh-CN': '请求过于频繁，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many requests. Try again in {retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'error.payloadTooLarge': {
    'zh-CN': '请求内容过大。上传文件请勿超过允许的大小。',
    en: 'The request is too large. Uploaded files must stay within the size limit.',
  },

  // auth
  // Also the answer for a disabled account, right password or not (packages/api README, "Disabled accounts").
  'auth.invalidCredentials': {
    'zh-CN': '账号或密码不正确。如果确认无误，该账号可能已被停用，请联系管理员。',
    en:
      'The account or password is incorrect. If you are sure both are right, the account may be disabled: ask an ' +
      'administrator.',
  },
  'auth.accountDisabled': {
    'zh-CN': '该账号已被停用，请联系管理员。',
    en: 'This account has been disabled. Please contact an administrator.',
  },
  'auth.accountTaken': { 'zh-CN': '该账号已被注册。', en: 'This account name is already taken.' },
  // Look-alike account names (Unicode TR39): docs/architecture.md, "Look-alike account names".
  'account.mixedScripts': {
    'zh-CN':
      '账号名混用了{scriptsZh}字母，容易冒充他人。请只用一种文字（中文、日文、韩文可与拉丁字母同用），重新输入混入的字母。',
    en:
      'This account name mixes {scriptsEn} letters, so it could pass for another name. Use one script ' +
      '(Chinese, Japanese or Korean may join Latin letters): retype the odd letters.',
  },
  'account.lookAlikeTaken': {
    'zh-CN':
      '该账号名与已有账号看起来几乎一样（如 1 与 l、0 与 o，或其他文字中外形相同的字母），请换一个，例如加上别的字母或数字。',
    en:
      'This account name looks almost the same as an existing one (1 and l, 0 and o, or a same-looking letter ' +
      'of another script). Choose another, e.g. add other letters or digits.',
  },
  'auth.tooManyFailedLogins': {
    'zh-CN': '登录失败次数过多，请 {retryAfterSeconds} 秒后再试。',
    en: 'Too many failed sign-in attempts. Try again in {retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'auth.tooManyLoginsFromAddress': {
    'zh-CN': '来自你网络地址的登录尝试过多，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many sign-in attempts from your network address. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'auth.tooManyPasswordChecks': {
    'zh-CN': '来自你网络地址的密码验证请求过多，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many password checks are waiting from your network address. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'auth.tooManyPasswordChanges': {
    'zh-CN': '来自你网络地址的密码修改过多，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many password changes from your network address. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'auth.tooManyRegistrations': {
    'zh-CN': '来自你网络地址的注册过多，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many registrations from your network address. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'auth.missingAccessToken': { 'zh-CN': '请先登录。', en: 'Please sign in first.' },
  'auth.invalidAccessToken': {
    'zh-CN': '登录已失效，请重新登录。',
    en: 'Your sign-in is no longer valid. Please sign in again.',
  },
  'auth.sessionRevoked': {
    'zh-CN': '此登录会话已结束，请重新登录。',
    en: 'This session has ended. Please sign in again.',
  },
  'auth.missingRefreshToken': {
    'zh-CN': '登录已过期，请重新登录。',
    en: 'Your sign-in has expired. Please sign in again.',
  },
  'auth.invalidRefreshToken': {
    'zh-CN': '登录已过期，请重新登录。',
    en: 'Your sign-in has expired. Please sign in again.',
  },
  'auth.refreshTokenReused': {
    'zh-CN': '检测到登录凭证被重复使用，为安全起见已结束该会话，请重新登录。',
    en: 'This sign-in token was used twice, so the session was ended for safety. Please sign in again.',
  },
  'auth.registrationClosed': {
    'zh-CN': '本系统不开放注册，请联系管理员为你创建账号。',
    en: 'Sign-up is closed here. Ask an administrator to create an account for you.',
  },
  'auth.setupLinkInvalid': {
    'zh-CN': '该设置密码链接无效、已用过或已过期，请联系管理员重新生成。',
    en: 'This set-password link is not valid, was already used or has expired. Ask an administrator for a new one.',
  },
  'auth.adminRequired': { 'zh-CN': '需要管理员权限。', en: 'This needs administrator rights.' },

  // password rules
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
  'user.accountAlreadySet': {
    'zh-CN': '账号名已设置，不能再修改。',
    en: 'This account already has an account name; it cannot be changed.',
  },
  'user.phoneNeeded': {
    'zh-CN': '请先绑定手机号，才能通过短信验证码设置密码。',
    en: 'Bind a phone number first: the set-password code is sent to it.',
  },

  // admin
  'admin.cannotChangeSelf': {
    'zh-CN': '不能停用自己或修改自己的角色。',
    en: 'You cannot disable yourself or change your own role.',
  },
  'admin.accountOrPhoneNeeded': {
    'zh-CN': '请至少填写账号或手机号之一，新用户用它登录。',
    en: 'Give an account name or a phone number (or both): the new user signs in with it.',
  },
  'admin.passwordNeeded': {
    'zh-CN': '创建新管理员账号需要密码。',
    en: 'A password is needed to create a new admin account.',
  },
  'admin.userDeleted': {
    'zh-CN': '该用户已删除，不能再设置密码。',
    en: 'This user has been deleted; no password can be set for them.',
  },

  // sms
  'sms.phoneInvalid': {
    'zh-CN': '手机号码格式不正确，请输入 11 位中国大陆手机号（可带 +86）。',
    en: 'This phone number is not valid. Enter an 11-digit mainland China mobile number (+86 is optional).',
  },
  'sms.internationalNotSupported': {
    'zh-CN': '目前只支持中国大陆手机号。',
    en: 'Only mainland China mobile numbers are supported for now.',
  },
  'sms.tooManyForPhone': {
    'zh-CN': '该手机号获取验证码过于频繁，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many codes were requested for this phone number. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'sms.tooManyFromAddress': {
    'zh-CN': '来自你网络地址的验证码请求过多，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Too many codes were requested from your network address. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'sms.providerThrottled': {
    'zh-CN': '短信发送过于频繁，请 {retryAfterSeconds} 秒后再试。',
    en:
      'Messages to this number are being sent too often. Try again in ' +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}.',
  },
  'sms.sendFailed': {
    'zh-CN': '短信暂时无法发送，我们已记录此问题，请稍后再试。',
    en: 'The text message could not be sent. We have logged the problem; please try again later.',
  },
  // SMS cost guard: docs/architecture.md, "SMS cost guard".
  'sms.budgetExhaustedHour': {
    'zh-CN': '本小时验证码短信已达发送上限，请 {retryAfterSeconds} 秒后再试；已有密码的账号可用账号和密码登录。',
    en:
      "This hour's limit of text-message codes has been reached. Try again in " +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}, ' +
      'or sign in with your account and password if you have one.',
  },
  'sms.budgetExhaustedDay': {
    'zh-CN': '今日验证码短信已达发送上限，请 {retryAfterSeconds} 秒后再试；已有密码的账号可用账号和密码登录。',
    en:
      "Today's limit of text-message codes has been reached. Try again in " +
      '{retryAfterSeconds, plural, one {# second} other {# seconds}}, ' +
      'or sign in with your account and password if you have one.',
  },
  'sms.proofRequired': {
    'zh-CN': '此网络地址请求验证码较多，需要先完成一次自动安全验证（sms.challenge）再发送。',
    en:
      'Many codes were requested from this network address: solve the automatic check (sms.challenge) ' +
      'and send it as `proof` with this request.',
  },
  'sms.proofInvalid': {
    'zh-CN': '安全验证未通过、已过期或已使用，请重新点击“获取验证码”。',
    en: 'The automatic check failed, expired or was already used. Request the code again.',
  },
  'sms.unavailable': {
    'zh-CN': '短信服务暂时不可用，请稍后再试。',
    en: 'The text message service is unavailable right now. Please try again later.',
  },
  'sms.codeIncorrect': {
    'zh-CN': '验证码不正确，还可以再试 {attemptsLeft} 次。',
    en: 'The code is not correct. You have {attemptsLeft, plural, one {# attempt} other {# attempts}} left.',
  },
  'sms.codeAttemptsExceeded': {
    'zh-CN': '验证码输错次数过多，已失效，请重新获取。',
    en: 'Too many wrong attempts: this code no longer works. Please request a new one.',
  },
  'sms.codeExpired': {
    'zh-CN': '验证码已过期或无效，请重新获取。',
    en: 'This code has expired or is not valid. Please request a new one.',
  },
  'auth.phoneTaken': {
    'zh-CN': '该手机号已注册，请直接登录。',
    en: 'This phone number is already registered. Please sign in instead.',
  },
  'auth.phoneNotRegistered': {
    'zh-CN': '该手机号尚未注册。',
    en: 'No account uses this phone number.',
  },
  'user.phoneTaken': { 'zh-CN': '该手机号已绑定其他账号。', en: 'This phone number belongs to another account.' },
  // bom
  'bom.uploadMissingFile': {
    'zh-CN': '请选择要上传的 .xlsx 文件（表单字段 file），并注明类型 kind（bom 或 ops）。',
    en: 'Choose the .xlsx file to upload (form field "file") and say its kind ("bom" or "ops").',
  },
  'bom.fileEmpty': {
    'zh-CN': '上传的文件是空的，请重新导出后再上传。',
    en: 'The uploaded file is empty. Export it again and upload it.',
  },
  'bom.fileTooLarge': {
    'zh-CN': '文件大小 {sizeMb} MB 超过上限 {limitMb} MB。请删除无关的工作表或把 BOM 拆分后再上传。',
    en:
      'The file is {sizeMb} MB, above the {limitMb} MB limit. Remove unrelated sheets or split the BOM, then ' +
      'upload again.',
  },
  'bom.notXlsx': {
    'zh-CN':
      '这不是 .xlsx 工作簿（按文件内容判断，与扩展名无关）。请在 Excel 中另存为“Excel 工作簿 (*.xlsx)”后再上传。',
    en:
      'This is not an .xlsx workbook (judged by its content, not its name). Save it in Excel as "Excel Workbook ' +
      '(*.xlsx)" and upload it again.',
  },
  'bom.xlsNotSupported': {
    'zh-CN': '这是旧版 .xls 文件（或加密的工作簿）。请在 Excel 中另存为 .xlsx（并去掉密码）后再上传。',
    en:
      'This is a legacy .xls file (or an encrypted workbook). Save it in Excel as .xlsx (without a password) and ' +
      'upload it again.',
  },
  'bom.workbookRejected': { 'zh-CN': '{detailZh}', en: '{detailEn}' },
  'bom.fileNotFound': { 'zh-CN': '找不到该文件，请重新上传。', en: 'This file does not exist. Upload it again.' },
  'bom.fileWrongKind': {
    'zh-CN': '文件「{name}」是按 {actual} 类型上传的，这里需要 {expected} 类型的文件。',
    en: 'The file "{name}" was uploaded as {actual}; a {expected} file is needed here.',
  },
  'bom.opsSourceConflict': {
    'zh-CN': '请只选一种操作来源：上传的操作表（opsFileId）或在线填写的操作（ops），不要同时提供。',
    en:
      'Give one source of operations: an uploaded operations file (opsFileId) or operations entered online (ops), ' +
      'not both.',
  },
  'bom.opsEmpty': {
    'zh-CN': '没有要执行的操作，请至少填写一行。',
    en: 'There are no operations to run. Fill in at least one row.',
  },
  'bom.invalidOpRows': {
    'zh-CN': '有 {count} 行操作填写不正确（第一处：第 {firstRow} 行），请按提示修改后再运行。',
    en:
      '{count, plural, one {# operation row is} other {# operation rows are}} not valid (first: row {firstRow}). ' +
      'Fix them as shown and run again.',
  },
  'bom.downloadExpired': {
    'zh-CN': '下载链接已失效或文件已删除，请回到页面重新点击下载。',
    en: 'This download link has expired or the file was deleted. Go back and click download again.',
  },
  'bom.runNotFound': { 'zh-CN': '找不到该运行记录。', en: 'This run does not exist.' },
  'bom.runNotFinished': {
    'zh-CN': '该运行尚未成功完成（当前状态：{status}），暂无结果可下载。',
    en: 'This run has not finished successfully (status: {status}), so there is no result to download yet.',
  },
  'bom.fileInUse': {
    'zh-CN': '有排队中或正在执行的运行在使用这个文件，请等它结束后再删除。',
    en: 'A queued or executing run uses this file. Delete it after the run finishes.',
  },
  'bom.runStillRunning': {
    'zh-CN': '该运行正在执行，请等它结束后再删除。',
    en: 'This run is executing. Delete it after it finishes.',
  },
  'bom.ownerFilterForbidden': {
    'zh-CN': '只有管理员可以查看其他用户的运行记录。',
    en: "Only administrators can see other users' runs.",
  },
  'bom.runFailedInternal': {
    'zh-CN': '处理时服务器出错，请重新运行；如果仍然失败请联系管理员。',
    en: 'The server failed while processing. Run it again; if it fails again, contact an administrator.',
  },
  'bom.runTimedOut': {
    'zh-CN': '处理超过 {seconds} 秒仍未完成，已停止。请检查工作簿是否异常庞大（行数、公式），精简后重新运行。',
    en:
      'Processing took longer than {seconds, plural, one {# second} other {# seconds}} and was stopped. Check ' +
      'whether the workbook is unusually large (rows, formulas), trim it and run again.',
  },
  'bom.compareRejected': {
    'zh-CN': '无法对比「{file}」：{detailZh}',
    en: 'Cannot compare "{file}": {detailEn}',
  },
  'bom.compareSourceDeleted': {
    'zh-CN': '该运行的原 BOM 文件或结果已删除，无法与原表对比。',
    en: "This run's original BOM file or its result has been deleted, so it cannot be compared with the original.",
  },
  'bom.tooManyQueuedRuns': {
    'zh-CN':
      '你已有 {max} 个运行在排队等待，暂不能再添加。请等排队的运行开始或完成，或在“运行记录”中删除不需要的排队运行后再试。',
    en:
      'You already have {max, plural, one {# run} other {# runs}} waiting in the queue. Wait for one to start or ' +
      'finish, or delete a queued run you no longer need under Run history, then try again.',
  },
  'bom.tooManyCompares': {
    'zh-CN': '你已有 {max} 个对比正在进行，请等它们完成后再试。',
    en:
      'You already have {max, plural, one {# comparison} other {# comparisons}} in progress. Wait for ' +
      '{max, plural, one {it} other {them}} to finish, then try again.',
  },
  'bom.tooManyDryRuns': {
    'zh-CN': '你已有 {max} 个操作检查正在进行，请等它们完成后再试。',
    en:
      'You already have {max, plural, one {# operations check} other {# operations checks}} in progress. Wait for ' +
      '{max, plural, one {it} other {them}} to finish, then try again.',
  },
  'bom.tooManyMaterialRows': {
    'zh-CN': '你已有 {max} 个读取 BOM 物料行的请求正在进行，请等它们完成后再试。',
    en:
      'You already have {max, plural, one {# request} other {# requests}} for BOM material rows in progress. Wait ' +
      'for {max, plural, one {it} other {them}} to finish, then try again.',
  },
  'bom.tooManyUploads': {
    'zh-CN': '你已有 {max} 个文件正在上传或检查，请等它们完成后再上传下一个。',
    en:
      'You already have {max, plural, one {# upload} other {# uploads}} in progress. Wait for ' +
      '{max, plural, one {it} other {them}} to finish before uploading another file.',
  },
  'bom.runInterrupted': {
    'zh-CN': '服务器在处理过程中重启，重试后仍未完成，请重新运行。',
    en: 'The server restarted while processing and the retry did not finish either. Run it again.',
  },
} as const satisfies Record<string, MessageText>);

export type MessageKey = keyof typeof messages;
export type MessageParams = Record<string, string | number>;

export function translate(key: MessageKey, params: MessageParams = {}, locale: Locale = 'zh-CN'): string {
  return formatMessage(messages[key][locale], params, locale);
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
