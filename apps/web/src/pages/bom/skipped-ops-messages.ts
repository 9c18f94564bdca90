import type { MessageText } from '@arya/i18n/catalogue';

/**
 * The texts of the new run's list of operations the run will skip, in a catalogue of their own: it loads with that
 * page's chunk, not with the sign-in screen (whose bundle has a budget). Read through
 * `useScreenI18n(skippedOpsMessages)`.
 */
export const skippedOpsMessages = {
  'bom.skipped.title': {
    'zh-CN': '运行时将跳过的操作（{count}）',
    en: '{count, plural, one {# operation} other {# operations}} will be skipped',
  },
  'bom.skipped.hint': {
    'zh-CN': '这些操作不会改动 BOM：请在操作指示表中改正后重新上传，或改用在线填写。',
    en: 'They will change nothing: correct them in the 操作指示表 and upload it again, or enter the operations online.',
  },
  'bom.skipped.hintWorkbook': {
    'zh-CN': '这些操作不会改动 BOM：请在操作文件中改正后重新上传，或改用在线填写。',
    en: 'They will change nothing: correct them in the operations workbook and upload it again, or enter them online.',
  },
  'bom.skipped.kinds': { 'zh-CN': '跳过的原因', en: 'Why they are skipped' },
  'bom.skipped.showAll': { 'zh-CN': '查看全部 {count} 个', en: 'Show all {count}' },
  'bom.skipped.hide': { 'zh-CN': '收起列表', en: 'Hide the list' },
  'bom.skipped.all': { 'zh-CN': '全部（{count}）', en: 'All ({count})' },
  'bom.skipped.filter': { 'zh-CN': '按状态筛选', en: 'Filter by status' },
  'bom.skipped.line': {
    'zh-CN': '第 {row} 行：{what} — {reason}',
    en: 'Row {row}: {what} — {reason}',
  },
  'bom.dryRun.checking': {
    'zh-CN': '正在按所选 BOM 检查这些操作…',
    en: 'Checking the operations against the chosen BOM…',
  },
  'bom.dryRun.blocksRun': {
    'zh-CN': '无法读取这个操作文件，不能运行：请上传改正后的文件，或换一种操作来源。',
    en: 'Run is off: this operations workbook cannot be read. Upload a corrected one or choose another source.',
  },
  'bom.skipped.truncated': {
    'zh-CN': '列出了前 {shown} 个，共 {total} 个。',
    en: 'The first {shown} of {total} are listed.',
  },
} as const satisfies Record<string, MessageText>;
