import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { CellValue } from '../src/values';
import type { CellSpec, SheetSpec } from '../src/xlsx/build-sheet';
import { buildWorkbook } from '../src/xlsx/build-workbook';

export type Row = readonly (CellSpec | CellValue | undefined)[];

export const BOM_HEADER = ['级别', '物料编码', '用量', 'A面位号', 'B面位号', '位号', '备注'] as const;
export const OPS_HEADER = ['级别', '物料编码', '操作类型', '位号', '备注'] as const;

export function workbook(sheets: ({ name: string } & SheetSpec)[], sharedStrings = true): Uint8Array {
  return buildWorkbook({ sheets, sharedStrings });
}

/** A BOM workbook with 原表 (header row 1) and, when given, 操作指示表. */
export function bomWorkbook(bomRows: Row[], opRows?: Row[], header: readonly string[] = BOM_HEADER): Uint8Array {
  const sheets: ({ name: string } & SheetSpec)[] = [{ name: '原表', rows: [header, ...bomRows] }];
  if (opRows) sheets.push({ name: '操作指示表', rows: [OPS_HEADER, ...opRows] });
  return workbook(sheets);
}

export async function readBook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Plain value of a cell as exceljs reads it (formulas by their cached result). */
export function plain(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v && typeof v === 'object' && 'result' in v) return v.result;
  if (v && typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return v;
}

export function rowValues(ws: ExcelJS.Worksheet, row: number, columns: number): unknown[] {
  return Array.from({ length: columns }, (_, i) => plain(ws.getCell(row, i + 1)));
}

export function isHighlighted(cell: ExcelJS.Cell): boolean {
  const fill = cell.fill;
  return fill?.type === 'pattern' && fill.pattern === 'solid' && fill.fgColor?.argb === 'FFFFFF00';
}

export function unzipText(bytes: Uint8Array): Map<string, string> {
  return new Map(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
}

/** 变更日志 rows as objects keyed by the header. */
export function logRows(wb: ExcelJS.Workbook): Record<string, unknown>[] {
  const ws = sheet(wb, '变更日志');
  const header = rowValues(ws, 1, 12) as string[];
  const out: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++)
    out.push(Object.fromEntries(header.map((h, i) => [h, plain(ws.getCell(r, i + 1))])));
  return out;
}
