/**
 * Validation warnings: reported by inspect, in --json and in the 说明 column. They never change cells.
 */
export interface WarningParams {
  quantity_mismatch: { row: number; materialCode: string; quantity: number; count: number };
  duplicate_designator: { designator: string; rows: number[] };
  side_designator_missing: { row: number; side: 'A' | 'B'; designator: string };
  malformed_range_in_bom: { row: number; token: string };
  op_designators_not_on_bom: { opRow: number; designators: string[] };
  sheet_renamed: { wanted: string; used: string };
  cell_too_long: { row: number; column: string; length: number };
}

export type WarningCode = keyof WarningParams;

export type BomWarning = {
  [K in WarningCode]: { code: K; params: WarningParams[K]; message: string; messageEn: string };
}[WarningCode];

const list = (items: readonly (string | number)[], max = 10) =>
  items.length > max ? `${items.slice(0, max).join(',')}…(+${items.length - max})` : items.join(',');

const TEXT: { [K in WarningCode]: (p: WarningParams[K]) => [string, string] } = {
  quantity_mismatch: (p) => [
    `第 ${p.row} 行（${p.materialCode}）用量 ${p.quantity} 与位号数 ${p.count} 不一致`,
    `Row ${p.row} (${p.materialCode}): quantity ${p.quantity} differs from its ${p.count} designators`,
  ],
  duplicate_designator: (p) =>
    new Set(p.rows).size === 1
      ? [
          `位号 ${p.designator} 在第 ${p.rows[0]} 行重复出现`,
          `Designator ${p.designator} appears twice in row ${p.rows[0]}`,
        ]
      : [
          `位号 ${p.designator} 出现在多行：${list(p.rows)}`,
          `Designator ${p.designator} appears on rows ${list(p.rows)}`,
        ],
  side_designator_missing: (p) => [
    `第 ${p.row} 行 ${p.side}面位号 ${p.designator} 不在位号中`,
    `Row ${p.row}: ${p.side}-side designator ${p.designator} is not in 位号`,
  ],
  malformed_range_in_bom: (p) => [
    `第 ${p.row} 行位号范围无效：${p.token}（按原文保留）`,
    `Row ${p.row}: malformed range ${p.token} (kept as written)`,
  ],
  op_designators_not_on_bom: (p) => [
    `操作第 ${p.opRow} 行的位号不在 BOM 中：${list(p.designators)}`,
    `Op row ${p.opRow}: designators not on the BOM: ${list(p.designators)}`,
  ],
  cell_too_long: (p) => [
    `第 ${p.row} 行 ${p.column} 列写入 ${p.length} 个字符，超过 Excel 单元格上限 32767，Excel 可能截断`,
    `Row ${p.row}, column ${p.column}: ${p.length} characters exceed Excel's 32,767 per cell; Excel may truncate it`,
  ],
  sheet_renamed: (p) => [
    `已存在工作表「${p.wanted}」，输出写入「${p.used}」`,
    `A sheet named "${p.wanted}" exists; wrote "${p.used}" instead`,
  ],
};

export function makeWarning<K extends WarningCode>(code: K, params: WarningParams[K]): BomWarning {
  const [message, messageEn] = TEXT[code](params);
  return { code, params, message, messageEn } as BomWarning;
}
