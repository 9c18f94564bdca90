import type { CompareRowDiff, CompareStatus, WorkbookComparison } from './compare';
import { EXCEL_MAX_CELL_CHARS } from './output-sheets';
import type { CellValue } from './values';
import type { CellSpec } from './xlsx/build-sheet';
import { BUILT_STYLES, buildWorkbook } from './xlsx/build-workbook';

export const COMPARE_SUMMARY_SHEET_NAME = '对比摘要';
export const COMPARE_DETAIL_SHEET_NAME = '对比明细';
export const COMPARE_DETAIL_HEADERS = [
  '状态',
  '级别',
  '物料编码',
  '物料描述',
  '原用量',
  '新用量',
  '原BOM行',
  '新BOM行',
  '新增位号',
  '删除位号',
  '说明',
] as const;

export const COMPARE_STATUS_WORDS: Record<CompareStatus, string> = {
  added: '新增',
  removed: '删除',
  changed: '变更',
  unchanged: '未变',
};

const STATUS_STYLE: Record<CompareStatus, number> = {
  added: BUILT_STYLES.added,
  removed: BUILT_STYLES.removed,
  changed: BUILT_STYLES.changed,
  unchanged: BUILT_STYLES.normal,
};

export interface CompareFileNames {
  oldName: string;
  newName: string;
}

/** A designator list as one cell, cut to Excel's cell limit with a count of what did not fit. */
function listCell(items: readonly string[]): string | null {
  if (items.length === 0) return null;
  const text = items.join(',');
  if (text.length <= EXCEL_MAX_CELL_CHARS) return text;
  const cut = text.lastIndexOf(',', EXCEL_MAX_CELL_CHARS - 20);
  const shown = text.slice(0, cut).split(',').length;
  return `${text.slice(0, cut)}…(+${items.length - shown})`;
}

/** Designators grouped by the material they came from or went to: "位号 R5,R6 移自 80000001". */
function movedGroups(designators: readonly string[], other: Map<string, string>, verb: '移自' | '移至'): string[] {
  const byMaterial = new Map<string, string[]>();
  for (const d of designators) {
    const material = other.get(d);
    if (material === undefined) continue;
    const list = byMaterial.get(material);
    if (list) list.push(d);
    else byMaterial.set(material, [d]);
  }
  return [...byMaterial].map(([material, list]) => `位号 ${list.join(',')} ${verb} ${material}`);
}

function noteOf(row: CompareRowDiff, moves: { to: Map<string, string>; from: Map<string, string> }): string {
  const notes: string[] = [];
  if (row.status === 'added') notes.push('新 BOM 中新增的物料行');
  if (row.status === 'removed') notes.push('新 BOM 中已没有此物料行');
  if (row.status === 'changed' && row.oldQty !== row.newQty)
    notes.push(`用量 ${row.oldQty ?? '空'} → ${row.newQty ?? '空'}`);
  if (row.oldDescription !== undefined) notes.push(`描述原为「${row.oldDescription ?? ''}」`);
  notes.push(...movedGroups(row.addedDesignators, moves.from, '移自'));
  notes.push(...movedGroups(row.removedDesignators, moves.to, '移至'));
  return notes.join('；');
}

const header = (value: string): CellSpec => ({ value, style: BUILT_STYLES.header });

function summarySheetRows(result: WorkbookComparison, names: CompareFileNames): (CellSpec | CellValue)[][] {
  const { summary, moves } = result.comparison;
  const rows: (CellSpec | CellValue)[][] = [
    [header('项目'), header('内容')],
    ['原文件', names.oldName],
    ['新文件', names.newName],
    ['原工作表', result.oldSheet],
    ['新工作表', result.newSheet],
    ['新增', summary.added],
    ['删除', summary.removed],
    ['变更', summary.changed],
    ['未变', summary.unchanged],
    ['新增位号', summary.designatorsAdded],
    ['删除位号', summary.designatorsRemoved],
    ['移动位号', summary.moved],
  ];
  if (moves.length > 0) {
    rows.push([], [header('移动的位号'), header('原物料'), header('新物料')]);
    for (const m of moves) rows.push([m.designator, m.fromMaterial, m.toMaterial]);
  }
  return rows;
}

/** The diff workbook: 对比摘要 (counts, files, sheets, moves) and 对比明细 (one coloured row per difference). */
export function buildComparisonWorkbook(result: WorkbookComparison, names: CompareFileNames): Uint8Array {
  const { rows, moves } = result.comparison;
  const movedMaps = {
    to: new Map(moves.map((m) => [m.designator, m.toMaterial])),
    from: new Map(moves.map((m) => [m.designator, m.fromMaterial])),
  };
  const detail: (CellSpec | CellValue)[][] = [
    COMPARE_DETAIL_HEADERS.map((value) => ({ value, style: BUILT_STYLES.header })),
  ];
  for (const row of rows) {
    const style = STATUS_STYLE[row.status];
    const values: CellValue[] = [
      COMPARE_STATUS_WORDS[row.status],
      row.level,
      row.materialCode,
      row.description,
      row.oldQty,
      row.newQty,
      row.oldRow,
      row.newRow,
      listCell(row.addedDesignators),
      listCell(row.removedDesignators),
      noteOf(row, movedMaps) || null,
    ];
    detail.push(values.map((value) => ({ value, style })));
  }
  return buildWorkbook({
    sheets: [
      { name: COMPARE_SUMMARY_SHEET_NAME, rows: summarySheetRows(result, names), colWidths: [14, 40, 14] },
      {
        name: COMPARE_DETAIL_SHEET_NAME,
        rows: detail,
        colWidths: [8, 6, 16, 32, 9, 9, 9, 9, 28, 28, 48],
        freezeFirstRow: true,
        autoFilter: true,
      },
    ],
    // tens of thousands of rows when the revisions differ throughout: deflating at level 6 took most of the time
    compression: 1,
  });
}
