import type { AuditAction } from '@arya/api';
import type { Locale } from './locale';

/**
 * The audit log's event names. Typed by the API's own list of actions, so an action added there without a
 * translation here fails the type check. Part of the user detail page's own catalogue (`user-detail-messages.ts`).
 */
export const auditMessages = {
  'audit.auth.register': { 'zh-CN': '注册', en: 'Signed up' },
  'audit.auth.login': { 'zh-CN': '登录', en: 'Signed in' },
  'audit.auth.login_failed': { 'zh-CN': '登录失败', en: 'Failed sign-in' },
  'audit.auth.logout': { 'zh-CN': '退出登录', en: 'Signed out' },
  'audit.auth.refresh_reuse_detected': {
    'zh-CN': '检测到登录凭据被重复使用（会话已结束）',
    en: 'Sign-in token reused (session ended)',
  },
  'audit.auth.password_reset': { 'zh-CN': '通过短信重置密码', en: 'Reset the password by SMS' },
  'audit.auth.password_set_by_link': { 'zh-CN': '通过链接设置密码', en: 'Set the password with a link' },
  'audit.user.phone_bound': { 'zh-CN': '绑定手机号', en: 'Bound a phone number' },
  'audit.user.profile_updated': { 'zh-CN': '修改个人资料', en: 'Updated the profile' },
  'audit.user.password_changed': { 'zh-CN': '修改密码', en: 'Changed the password' },
  'audit.user.password_set_by_sms': { 'zh-CN': '通过短信设置密码', en: 'Set the password by SMS' },
  'audit.user.account_set': { 'zh-CN': '设置账号名', en: 'Chose an account name' },
  'audit.user.session_revoked': { 'zh-CN': '退出一个会话', en: 'Signed out one session' },
  'audit.user.other_sessions_revoked': { 'zh-CN': '退出其他所有会话', en: 'Signed out all other sessions' },
  'audit.admin.user_created': { 'zh-CN': '创建账号', en: 'Account created' },
  'audit.admin.user_disabled': { 'zh-CN': '停用账号', en: 'Account disabled' },
  'audit.admin.user_enabled': { 'zh-CN': '启用账号', en: 'Account enabled' },
  'audit.admin.role_changed': { 'zh-CN': '修改角色', en: 'Role changed' },
  'audit.admin.setup_link_issued': { 'zh-CN': '生成设置密码链接', en: 'Set-password link issued' },
  'audit.admin.sessions_revoked': { 'zh-CN': '结束所有会话', en: 'All sessions ended' },
  'audit.bom.file_uploaded': { 'zh-CN': '上传 BOM 文件', en: 'Uploaded a BOM file' },
  'audit.bom.run_created': { 'zh-CN': '提交 BOM 变更', en: 'Started a BOM run' },
  'audit.bom.run_succeeded': { 'zh-CN': 'BOM 变更完成', en: 'BOM run finished' },
  'audit.bom.run_failed': { 'zh-CN': 'BOM 变更失败', en: 'BOM run failed' },
  'audit.bom.run_retried': { 'zh-CN': 'BOM 变更重试', en: 'BOM run retried' },
  'audit.bom.run_deleted': { 'zh-CN': '删除 BOM 运行记录', en: 'Deleted a BOM run' },
  'audit.bom.file_deleted': { 'zh-CN': '删除上传的文件', en: 'Deleted an upload' },
  'audit.bom.retention_pruned': { 'zh-CN': '按保留期清理 BOM 数据', en: 'Old BOM data removed (retention)' },
  'audit.sms.budget_exhausted': { 'zh-CN': '短信发送量达到上限，暂停发送', en: 'SMS budget spent: sending paused' },
} as const satisfies Record<`audit.${AuditAction}`, Record<Locale, string>>;

export type AuditMessageKey = keyof typeof auditMessages;

export function auditMessageKey(action: string): AuditMessageKey | null {
  const key = `audit.${action}`;
  return key in auditMessages ? (key as AuditMessageKey) : null;
}
