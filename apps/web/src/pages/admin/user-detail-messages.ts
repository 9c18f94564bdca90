import { auditMessages } from '../../i18n/audit-messages';

/**
 * The texts of an admin's user detail page (its audit log's event names included), in a catalogue of its own: it loads
 * with that page's chunk, not with the sign-in screen (whose bundle has a budget). Read through
 * `useScreenI18n(userDetailMessages)`.
 */
export const userDetailMessages = {
  ...auditMessages,
  'admin.details': { 'zh-CN': '详情', en: 'Details' },
  'admin.auditLog': { 'zh-CN': '审计日志', en: 'Audit log' },
  'admin.noAudit': { 'zh-CN': '暂无记录', en: 'No entries' },
  'admin.time': { 'zh-CN': '时间', en: 'Time' },
  'admin.action': { 'zh-CN': '事件', en: 'Event' },
  'admin.actor': { 'zh-CN': '操作人', en: 'By' },
  'admin.liveSessions': { 'zh-CN': '有效会话', en: 'Live sessions' },
  'admin.back': { 'zh-CN': '返回用户列表', en: 'Back to users' },
  'admin.bomRuns': { 'zh-CN': '该用户的 BOM 运行记录', en: 'BOM runs of this user' },
  'admin.noLiveSessions': { 'zh-CN': '该用户当前没有登录中的会话', en: 'This user is not signed in anywhere' },
  'admin.unknownEvent': { 'zh-CN': '其他事件（{action}）', en: 'Other event ({action})' },
} as const;
