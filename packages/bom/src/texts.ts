/**
 * Every word the engine writes into a workbook (status words, 说明 notes, warnings) in both languages it writes:
 * Simplified Chinese (the default) and English. The engine's results carry codes and params; these functions word
 * them, for the workbook in its language and for a UI in its reader's. Counts follow each language's plural rules.
 */
import type { LogNote, NoteParams } from './notes';
import type { OpProblem } from './operations';
import type { MalformedReason } from './ranges';
import type { OpStatus } from './statuses';
import type { BomWarning, WarningCode, WarningParams } from './warnings';

export const BOM_LANGS = ['zh-CN', 'en'] as const;
export type BomLang = (typeof BOM_LANGS)[number];

/** `zh`, `zh-CN`, `en`, `en-US` … (any case) → a language the engine writes, or null. */
export function parseBomLang(value: string): BomLang | null {
  const tag = value.trim().toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
  if (tag === 'en' || tag.startsWith('en-')) return 'en';
  return null;
}

type Words = Record<BomLang, string>;
type Wording<P> = Record<BomLang, (params: P) => string>;

// made on first use: building them loads ICU data (~25 ms), which a command that words nothing should not pay
const pluralRules: Partial<Record<BomLang, Intl.PluralRules>> = {};
const numberFormats: Partial<Record<BomLang, Intl.NumberFormat>> = {};
const formatNumber = (lang: BomLang, n: number) => (numberFormats[lang] ??= new Intl.NumberFormat(lang)).format(n);

/** "1 designator", "3 designators": the count with the noun in the form the language's plural rule picks. */
function countOf(lang: BomLang, n: number, forms: { one: string; other: string }): string {
  const plural = (pluralRules[lang] ??= new Intl.PluralRules(lang)).select(n);
  return `${formatNumber(lang, n)} ${plural === 'one' ? forms.one : forms.other}`;
}

const DESIGNATOR = { one: 'designator', other: 'designators' };
const ROW = { one: 'row', other: 'rows' };
const TIME = { one: 'time', other: 'times' };

/** A long list shortened to its first `max` items and how many more there are. */
function shortList(items: readonly (string | number)[], max = 10): string {
  return items.length > max ? `${items.slice(0, max).join(',')}…(+${items.length - max})` : items.join(',');
}

const STATUS_WORDS: Record<OpStatus, Words> = {
  applied: { 'zh-CN': '已应用', en: 'Applied' },
  partial: { 'zh-CN': '部分应用', en: 'Partly applied' },
  unchanged: { 'zh-CN': '无变化', en: 'Unchanged' },
  not_found: { 'zh-CN': '未找到', en: 'Not found' },
  ambiguous: { 'zh-CN': '匹配多行', en: 'Ambiguous' },
  invalid: { 'zh-CN': '无效', en: 'Invalid' },
};

/** The 状态 word of an op status. */
export function statusWord(status: OpStatus, lang: BomLang): string {
  return STATUS_WORDS[status][lang];
}

const RANGE_REASONS: Record<MalformedReason, Words> = {
  prefix_mismatch: { 'zh-CN': '两端前缀不同', en: 'its ends have different prefixes' },
  descending: { 'zh-CN': '应从小到大', en: 'it runs backwards' },
  too_many_items: { 'zh-CN': '超过 1,000 个位号', en: 'more than 1,000 designators' },
  list_too_long: { 'zh-CN': '一格内位号超过 20,000 个', en: 'more than 20,000 designators in one cell' },
};

export function rangeReasonText(reason: MalformedReason, lang: BomLang): string {
  return RANGE_REASONS[reason][lang];
}

type ProblemParams = { [K in OpProblem['code']]: Extract<OpProblem, { code: K }> };

const PROBLEMS: { [K in OpProblem['code']]: Wording<ProblemParams[K]> } = {
  invalid_op_type: {
    'zh-CN': (p) => `操作类型无效「${p.value}」（应为 add 或 del）`,
    en: (p) => `Invalid operation "${p.value}" (use add or del)`,
  },
  empty_material_code: { 'zh-CN': () => '物料编码为空', en: () => 'No material code' },
  empty_designators: { 'zh-CN': () => '位号为空', en: () => 'No designators' },
  invalid_level: {
    'zh-CN': (p) => `级别不是整数「${p.value}」`,
    en: (p) => `The level "${p.value}" is not a whole number`,
  },
  invalid_bom_row: {
    'zh-CN': (p) => `BOM行不是正整数「${p.value}」`,
    en: (p) => `The BOM row "${p.value}" is not a positive whole number`,
  },
  malformed_range: {
    'zh-CN': (p) => `位号范围 ${p.token} 无效：${rangeReasonText(p.reason, 'zh-CN')}`,
    en: (p) => `The range ${p.token} is not valid: ${rangeReasonText(p.reason, 'en')}`,
  },
};

/** Why an op is invalid, in one sentence. */
export function problemText(problem: OpProblem, lang: BomLang): string {
  return (PROBLEMS[problem.code][lang] as (p: OpProblem) => string)(problem);
}

const WARNING_KINDS: Record<WarningCode, Words> = {
  quantity_mismatch: { 'zh-CN': '用量与位号数不符', en: 'Quantity differs from designator count' },
  duplicate_designator: { 'zh-CN': '位号重复', en: 'Repeated designator' },
  side_designator_missing: { 'zh-CN': 'A/B面位号不在位号中', en: 'Side designator not among the designators' },
  malformed_range_in_bom: { 'zh-CN': 'BOM 中的无效位号范围', en: 'Malformed range in the BOM' },
  op_designators_not_on_bom: { 'zh-CN': '操作的位号不在 BOM 中', en: 'Op designators not on the BOM' },
  sheet_renamed: { 'zh-CN': '输出工作表改名', en: 'Output sheet renamed' },
  cell_too_long: { 'zh-CN': '单元格超长', en: 'Cell too long for Excel' },
};

/** The name of a kind of warning (for grouping and the 校验警告 sheet's 类型 column). */
export function warningKindName(code: WarningCode, lang: BomLang): string {
  return WARNING_KINDS[code][lang];
}

const WARNINGS: { [K in WarningCode]: Wording<WarningParams[K]> } = {
  quantity_mismatch: {
    'zh-CN': (p) => `第 ${p.row} 行（${p.materialCode}）用量 ${p.quantity} 与位号数 ${p.count} 不一致`,
    en: (p) => `Row ${p.row} (${p.materialCode}): quantity ${p.quantity}, but ${countOf('en', p.count, DESIGNATOR)}`,
  },
  duplicate_designator: {
    'zh-CN': (p) => {
      const rows = [...new Set(p.rows)];
      return rows.length === 1
        ? `位号 ${p.designator} 在第 ${rows[0]} 行出现 ${p.rows.length} 次`
        : `位号 ${p.designator} 出现在 ${rows.length} 行：${shortList(rows)}`;
    },
    en: (p) => {
      const rows = [...new Set(p.rows)];
      return rows.length === 1
        ? `Designator ${p.designator} appears ${countOf('en', p.rows.length, TIME)} in row ${rows[0]}`
        : `Designator ${p.designator} is on ${countOf('en', rows.length, ROW)}: ${shortList(rows)}`;
    },
  },
  side_designator_missing: {
    'zh-CN': (p) => `第 ${p.row} 行 ${p.side}面位号 ${p.designator} 不在位号中`,
    en: (p) =>
      `Row ${p.row}: ${p.side === 'A' ? 'top' : 'bottom'}-side designator ${p.designator} (${p.side}面位号) ` +
      'is not among the row’s designators (位号)',
  },
  malformed_range_in_bom: {
    'zh-CN': (p) => `第 ${p.row} 行位号范围无效：${p.token}（按原文保留）`,
    en: (p) => `Row ${p.row}: malformed range ${p.token} (kept as written)`,
  },
  op_designators_not_on_bom: {
    'zh-CN': (p) => `操作第 ${p.opRow} 行有 ${p.designators.length} 个位号不在 BOM 中：${shortList(p.designators)}`,
    en: (p) =>
      `Op row ${p.opRow}: ${countOf('en', p.designators.length, DESIGNATOR)} not on the BOM: ` +
      shortList(p.designators),
  },
  sheet_renamed: {
    'zh-CN': (p) => `已存在工作表「${p.wanted}」，输出写入「${p.used}」`,
    en: (p) => `A sheet named "${p.wanted}" exists; wrote "${p.used}" instead`,
  },
  cell_too_long: {
    'zh-CN': (p) =>
      `第 ${p.row} 行 ${p.column} 列写入 ${p.length} 个字符，超过 Excel 单元格上限 32,767，Excel 可能截断`,
    en: (p) =>
      `Row ${p.row}, column ${p.column}: ${formatNumber('en', p.length)} characters exceed Excel's 32,767 per cell; ` +
      'Excel may truncate it',
  },
};

/** A warning in one sentence. */
export function warningText(warning: BomWarning, lang: BomLang): string {
  return (WARNINGS[warning.code][lang] as (p: BomWarning['params']) => string)(warning.params);
}

const WARNINGS_OMITTED: Wording<number> = {
  'zh-CN': (n) => `另有 ${formatNumber('zh-CN', n)} 条警告超出 Excel 工作表的行数上限，未列出`,
  en: (n) => `${countOf('en', n, { one: 'more warning does', other: 'more warnings do' })} not fit in one Excel sheet`,
};

/** The last row of a 校验警告 sheet that reached Excel's row limit. */
export function warningsOmittedText(omitted: number, lang: BomLang): string {
  return WARNINGS_OMITTED[lang](omitted);
}

const levelZh = (level: number | null) => (level === null ? '' : `（级别 ${level}）`);
const levelEn = (level: number | null) => (level === null ? '' : ` (level ${level})`);

type EffectCode = Exclude<keyof NoteParams, 'problem' | 'warning'>;

const NOTES: { [K in EffectCode]: Wording<NoteParams[K]> } = {
  added: { 'zh-CN': (p) => `已增加 ${p.designators}`, en: (p) => `Added ${p.designators}` },
  deleted: { 'zh-CN': (p) => `已删除 ${p.designators}`, en: (p) => `Deleted ${p.designators}` },
  removed_from_top: {
    'zh-CN': (p) => `同时从A面位号删除 ${p.designators}`,
    en: (p) => `Also removed from the top-side designators (A面位号): ${p.designators}`,
  },
  removed_from_bottom: {
    'zh-CN': (p) => `同时从B面位号删除 ${p.designators}`,
    en: (p) => `Also removed from the bottom-side designators (B面位号): ${p.designators}`,
  },
  already_present: {
    'zh-CN': (p) => `已存在，未增加 ${p.designators}`,
    en: (p) => `Already there, not added: ${p.designators}`,
  },
  not_in_row: {
    'zh-CN': (p) => `不在位号中，未删除 ${p.designators}`,
    en: (p) => `Not among the row’s designators, not deleted: ${p.designators}`,
  },
  no_such_material: {
    'zh-CN': (p) => `BOM 中没有物料 ${p.materialCode}${levelZh(p.level)}`,
    en: (p) => `No material ${p.materialCode}${levelEn(p.level)} on the BOM`,
  },
  row_not_material: {
    'zh-CN': (p) => `BOM 第 ${p.bomRow} 行不是物料 ${p.materialCode}${levelZh(p.level)}`,
    en: (p) => `BOM row ${p.bomRow} is not material ${p.materialCode}${levelEn(p.level)}`,
  },
  several_rows: {
    'zh-CN': (p) =>
      `物料 ${p.materialCode}${levelZh(p.level)} 匹配到 ${p.rows.length} 行：${p.rows.join(',')}，` +
      '未执行（可在「BOM行」列指定其中一行）',
    en: (p) =>
      `Material ${p.materialCode}${levelEn(p.level)} is on ${countOf('en', p.rows.length, ROW)}: ` +
      `${p.rows.join(',')}; not run (name one of them in the BOM row column, BOM行)`,
  },
};

/** One 说明 note. */
export function noteText(note: LogNote, lang: BomLang): string {
  switch (note.code) {
    case 'problem':
      return problemText(note.params, lang);
    case 'warning':
      return warningText(note.params, lang);
    default:
      return (NOTES[note.code][lang] as (p: LogNote['params']) => string)(note.params);
  }
}
