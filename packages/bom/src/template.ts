import { BUILT_STYLES, buildWorkbook } from './xlsx/build-workbook';

export const TEMPLATE_BOM_HEADERS = [
  '级别',
  '对象标识',
  '对象描述',
  '菲菱子件用量',
  '组件计量单位',
  'A面位号',
  'B面位号',
  '位号',
] as const;
export const TEMPLATE_OPS_HEADERS = ['级别', '物料编码', '操作类型', '位号', 'BOM行', '备注'] as const;
export const OP_TYPE_CHOICES = ['add', 'del', '增加', '删除'] as const;

const INSTRUCTIONS = [
  '使用说明 / How to use',
  '1. 在「原表」粘贴 SAP 导出的 BOM（保留表头行；表头须在前 10 行内，需要「对象标识/物料编码」与「位号」两列）。',
  '2. 在「操作指示表」每行填写一个操作：物料编码、操作类型（add 增加 / del 删除）、位号；级别可选，填写后只匹配该级别的行。',
  '3. 位号可用逗号、分号、顿号或空格分隔，支持范围写法 R1-R4 或 R1~R4（前缀相同、升序、不超过 1000 个）。',
  '4. 操作按行顺序执行，后面的操作能看到前面操作的结果；同一物料匹配到多行时不执行，状态为 ambiguous。',
  '   这时在「BOM行」填写要改的那一行在「原表」中的行号（变更日志的「BOM行」列和 ambiguous 的说明会列出候选行号），只改那一行；不需要时留空。',
  '5. 删除位号时同时从 A面位号/B面位号 中删除；位号变化的行，用量改为剩余位号个数。',
  '6. 结果：新增「新BOM表」（改动的单元格标黄）与「变更日志」（每个操作一行，含状态与说明）；原有工作表保持不变。',
  '状态：applied 全部生效 · partial 部分生效 · unchanged 无变化 · not_found 未找到物料 · ambiguous 匹配多行 · invalid 操作无效',
];

const header = (titles: readonly string[]) => titles.map((value) => ({ value, style: BUILT_STYLES.header }));

/** A blank workbook to fill in: 原表 and 操作指示表 with their headers, a 说明 sheet, and a list validation for 操作类型. */
export function buildTemplate(): Uint8Array {
  return buildWorkbook({
    sheets: [
      {
        name: '原表',
        rows: [header(TEMPLATE_BOM_HEADERS)],
        colWidths: [6, 14, 40, 12, 12, 24, 24, 30],
        freezeFirstRow: true,
      },
      {
        name: '操作指示表',
        rows: [header(TEMPLATE_OPS_HEADERS)],
        colWidths: [6, 14, 10, 40, 8, 30],
        freezeFirstRow: true,
        dataValidations: [{ sqref: 'C2:C5000', list: OP_TYPE_CHOICES }],
      },
      {
        name: '说明',
        rows: INSTRUCTIONS.map((line, i) => [
          { value: line, style: i === 0 ? BUILT_STYLES.header : BUILT_STYLES.normal },
        ]),
        colWidths: [120],
      },
    ],
  });
}
