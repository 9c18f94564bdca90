import type { LogNote } from './notes';
import type { OpStatus } from './statuses';
import { noteText, statusWord, type BomLang } from './texts';
import type { CellValue } from './values';

/** One row of 变更日志, field by field in column order. */
export interface ChangeLogEntry {
  /** 序号: the op's Excel row number in its sheet */
  seq: number;
  /** 级别, as given in the op row */
  level: CellValue;
  /** 物料编码, as given in the op row */
  materialCode: CellValue;
  /** 操作类型: add/del, or the raw trimmed text when invalid */
  op: string;
  /** 位号: the requested list joined by "," */
  designators: string;
  /** 状态 */
  status: OpStatus;
  /** BOM行 */
  bomRow: number | null;
  /** 原位号 */
  oldDesignators: string | null;
  /** 新位号 */
  newDesignators: string | null;
  /** 原用量 */
  oldQuantity: number | string | null;
  /** 新用量 */
  newQuantity: number | string | null;
  /** 说明, as codes (the workbook words them in its language, the UI in the reader's) */
  notes: LogNote[];
}

export const CHANGE_LOG_HEADERS = [
  '序号',
  '级别',
  '物料编码',
  '操作类型',
  '位号',
  '状态',
  'BOM行',
  '原位号',
  '新位号',
  '原用量',
  '新用量',
  '说明',
] as const;

const NOTE_SEPARATOR: Record<BomLang, string> = { 'zh-CN': '；', en: '; ' };

/** The 说明 cell: the notes worded in `lang`, in order. */
export function changeLogNote(notes: readonly LogNote[], lang: BomLang): string {
  return notes.map((note) => noteText(note, lang)).join(NOTE_SEPARATOR[lang]);
}

/** One 变更日志 row: status and 说明 worded in the workbook's language, every other cell as logged. */
export function changeLogRow(e: ChangeLogEntry, lang: BomLang): CellValue[] {
  return [
    e.seq,
    e.level,
    e.materialCode,
    e.op,
    e.designators,
    statusWord(e.status, lang),
    e.bomRow,
    e.oldDesignators,
    e.newDesignators,
    e.oldQuantity,
    e.newQuantity,
    changeLogNote(e.notes, lang),
  ];
}
