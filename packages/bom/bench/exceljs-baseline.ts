import ExcelJS from 'exceljs';
import type { BomRow } from '../src/bom-model';
import { CHANGE_LOG_HEADERS } from '../src/change-log';
import { BOM_ROLES, matchRoles, OP_ROLES, type RoleSpec } from '../src/columns';
import { joinDesignators, parseDesignators } from '../src/designators';
import { isBlankOp, parseOp } from '../src/operations';
import { applyToRow, designatorsChanged, newRowState, type RowState } from '../src/row-state';
import { cellText, materialCodeKey, parseLevel, type CellValue } from '../src/values';

/**
 * The baseline the engine is measured against: the same rules, with exceljs reading the whole workbook
 * into objects, copying the BOM sheet cell by cell and writing everything back.
 */
function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && 'result' in value) return plain(value.result as ExcelJS.CellValue);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value);
}

function header<R extends string>(ws: ExcelJS.Worksheet, roles: Record<R, RoleSpec>) {
  for (let r = 1; r <= 10; r++) {
    const texts = new Map<number, string>();
    ws.getRow(r).eachCell((cell, c) => texts.set(c, cellText(plain(cell.value))));
    const found = matchRoles(roles, texts);
    if ((found as Record<string, number | undefined>)['materialCode'] !== undefined) return { row: r, columns: found };
  }
  throw new Error('no header');
}

export async function applyWithExcelJs(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const src = wb.getWorksheet('原表') ?? wb.worksheets[0]!;
  const opsWs = wb.getWorksheet('操作指示表')!;
  const bomHeader = header(src, BOM_ROLES);
  const cols = bomHeader.columns;
  const rows: BomRow[] = [];
  const byCode = new Map<string, BomRow[]>();
  for (let r = bomHeader.row + 1; r <= src.rowCount; r++) {
    const row = src.getRow(r);
    const get = (c: number | undefined) => (c === undefined ? null : plain(row.getCell(c).value));
    const level = parseLevel(get(cols.level));
    const bomRow: BomRow = {
      rowNumber: r,
      row: { rowNumber: r, start: 0, end: 0, tag: '', selfClosing: false },
      materialCode: get(cols.materialCode),
      materialKey: materialCodeKey(get(cols.materialCode)),
      level: Number.isNaN(level) ? null : level,
      quantity: get(cols.quantity),
      designators: parseDesignators(cellText(get(cols.designators))).items,
      top: parseDesignators(cellText(get(cols.topDesignators))).items,
      bottom: parseDesignators(cellText(get(cols.bottomDesignators))).items,
      malformed: [],
    };
    rows.push(bomRow);
    if (bomRow.materialKey) byCode.set(bomRow.materialKey, [...(byCode.get(bomRow.materialKey) ?? []), bomRow]);
  }
  const opsHeader = header(opsWs, OP_ROLES);
  const states = new Map<number, RowState>();
  const log: CellValue[][] = [];
  for (let r = opsHeader.row + 1; r <= opsWs.rowCount; r++) {
    const row = opsWs.getRow(r);
    const get = (c: number | undefined) => (c === undefined ? null : plain(row.getCell(c).value));
    const raw = {
      rowNumber: r,
      level: get(opsHeader.columns.level),
      materialCode: get(opsHeader.columns.materialCode),
      op: get(opsHeader.columns.op),
      designators: get(opsHeader.columns.designators),
      bomRow: get(opsHeader.columns.bomRow),
    };
    if (isBlankOp(raw)) continue;
    const op = parseOp(raw);
    if (!op.valid) {
      log.push([r, raw.level, raw.materialCode, String(raw.op ?? ''), joinDesignators(op.requested), 'invalid']);
      continue;
    }
    const matches = (byCode.get(op.materialKey) ?? []).filter(
      (x) => (op.level === null || x.level === op.level) && (op.bomRow === null || x.rowNumber === op.bomRow),
    );
    if (matches.length !== 1) {
      log.push([
        r,
        raw.level,
        raw.materialCode,
        op.kind,
        joinDesignators(op.requested),
        matches.length ? 'ambiguous' : 'not_found',
      ]);
      continue;
    }
    const state = states.get(matches[0]!.rowNumber) ?? newRowState(matches[0]!);
    states.set(state.row.rowNumber, state);
    const before = joinDesignators(state.designators);
    const effect = applyToRow(state, op.kind, op.requested);
    const status = effect.changed.length === 0 ? 'unchanged' : effect.noOps.length ? 'partial' : 'applied';
    log.push([
      r,
      raw.level,
      raw.materialCode,
      op.kind,
      joinDesignators(op.requested),
      status,
      state.row.rowNumber,
      before,
      joinDesignators(state.designators),
    ]);
  }

  const out = wb.addWorksheet('新BOM表');
  src.columns.forEach((c, i) => (out.getColumn(i + 1).width = c.width));
  src.eachRow({ includeEmpty: true }, (row, r) => {
    const target = out.getRow(r);
    if (row.height) target.height = row.height;
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const copy = target.getCell(c);
      copy.value = cell.value;
      copy.style = cell.style;
    });
  });
  for (const merge of src.model.merges) out.mergeCells(merge);
  const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  for (const state of states.values()) {
    if (!designatorsChanged(state)) continue;
    const row = out.getRow(state.row.rowNumber);
    const write = (c: number | undefined, value: CellValue) => {
      if (c === undefined) return;
      row.getCell(c).value = value;
      row.getCell(c).fill = fill;
    };
    write(cols.designators, state.designators.length ? joinDesignators(state.designators) : null);
    write(cols.quantity, state.designators.length);
    if (state.topTouched) write(cols.topDesignators, joinDesignators(state.top) || null);
    if (state.bottomTouched) write(cols.bottomDesignators, joinDesignators(state.bottom) || null);
  }
  const logWs = wb.addWorksheet('变更日志');
  logWs.addRow([...CHANGE_LOG_HEADERS]);
  logWs.addRows(log);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
