/**
 * Typed errors for input the engine cannot use. The API maps every `BomInputError` to BAD_REQUEST and
 * shows `messageZh`/`message` (English) or translates `code` with `params` itself.
 */
export interface BomInputErrorParams {
  not_xlsx: { reason: string };
  xls_not_supported: Record<string, never>;
  zip_bomb: { reason: string; limit: number };
  unsafe_zip_entry: { name: string; problem: string };
  too_large: { bytes: number; limit: number };
  too_many_rows: { sheet: string; limit: number };
  too_many_designators: { limit: number };
  too_many_bom_designators: { sheet: string; limit: number };
  no_header: { sheet: string; expected: string };
  missing_column: { sheet: string; column: string };
  no_ops_sheet: { sheet: string };
  empty_workbook: Record<string, never>;
  no_sheet: { sheet: string; sheets: string[] };
}

export type BomInputErrorCode = keyof BomInputErrorParams;

const MESSAGES: { [K in BomInputErrorCode]: (p: BomInputErrorParams[K]) => [zh: string, en: string] } = {
  not_xlsx: (p) => [
    `文件不是有效的 .xlsx 工作簿（${p.reason}）`,
    `The file is not a valid .xlsx workbook (${p.reason})`,
  ],
  xls_not_supported: () => [
    '这是旧版 .xls 文件（或加密的工作簿），请在 Excel 中另存为 .xlsx 后再上传',
    'This is a legacy .xls file (or an encrypted workbook); save it as .xlsx in Excel and try again',
  ],
  zip_bomb: (p) => [
    `工作簿解压后过大或结构异常（${p.reason}，上限 ${p.limit}）`,
    `The workbook expands too much or is malformed (${p.reason}, limit ${p.limit})`,
  ],
  unsafe_zip_entry: (p) => [
    `工作簿中含有不安全的压缩条目「${p.name}」（${p.problem}），可能被解压到别处。请在 Excel 中另存为新的 .xlsx 后再试`,
    `The workbook holds an unsafe zip entry "${p.name}" (${p.problem}) that could unpack elsewhere; save it again as ` +
      `a new .xlsx in Excel and retry`,
  ],
  too_large: (p) => [
    `工作簿过大：${p.bytes} 字节，上限 ${p.limit} 字节`,
    `The workbook is too large: ${p.bytes} bytes, limit ${p.limit} bytes`,
  ],
  too_many_rows: (p) => [
    `工作表「${p.sheet}」行数超过上限 ${p.limit}`,
    `Sheet "${p.sheet}" has more than ${p.limit} rows`,
  ],
  too_many_designators: (p) => [
    `操作中的位号总数超过上限 ${p.limit}`,
    `The operations name more than ${p.limit} designators in total`,
  ],
  too_many_bom_designators: (p) => [
    `工作表「${p.sheet}」中的位号总数超过上限 ${p.limit}`,
    `Sheet "${p.sheet}" names more than ${p.limit} designators in all`,
  ],
  no_header: (p) => [
    `工作表「${p.sheet}」前 10 行中没有找到表头（需要一列名为 ${p.expected}）`,
    `No header row found in the first 10 rows of sheet "${p.sheet}" (expected a column named ${p.expected})`,
  ],
  missing_column: (p) => [
    `工作表「${p.sheet}」缺少必需的列：${p.column}`,
    `Sheet "${p.sheet}" is missing the required column: ${p.column}`,
  ],
  no_ops_sheet: (p) => [
    `BOM 工作簿中没有「${p.sheet}」工作表，请上传操作指示表或在线填写操作`,
    `The BOM workbook has no "${p.sheet}" sheet; upload an operations workbook or enter the operations online`,
  ],
  empty_workbook: () => ['工作簿中没有工作表', 'The workbook has no sheets'],
  no_sheet: (p) => [
    `工作簿中没有「${p.sheet}」工作表（现有：${p.sheets.join('、')}）`,
    `The workbook has no sheet "${p.sheet}" (it has: ${p.sheets.join(', ')})`,
  ],
};

export class BomInputError<K extends BomInputErrorCode = BomInputErrorCode> extends Error {
  override readonly name = 'BomInputError';
  readonly messageZh: string;
  /** which workbook of a comparison it concerns (set by the comparison) */
  side?: 'old' | 'new';

  constructor(
    readonly code: K,
    readonly params: BomInputErrorParams[K],
  ) {
    const [zh, en] = MESSAGES[code](params);
    super(en);
    this.messageZh = zh;
  }
}

export function isBomInputError(error: unknown): error is BomInputError {
  return error instanceof BomInputError;
}
