import type { BomModel } from './bom-model';
import { CHANGE_LOG_HEADERS, changeLogRow, type ChangeLogEntry } from './change-log';
import { joinDesignators } from './designators';
import { designatorsChanged, type RowState } from './row-state';
import { warningKindName, warningsOmittedText, warningText, type BomLang } from './texts';
import { quantityValue } from './values';
import { makeWarning, warningBomRows, warningOpRow, type BomWarning } from './warnings';
import { buildSheetXml } from './xlsx/build-sheet';
import { bytesOfParts } from './xlsx/byte-string';
import { sharedFormulaDependentEdits, sharedFormulaMasterGroup, sheetCopyEdits } from './xlsx/sheet-copy';
import { editedParts, inheritedStyleResolver, rowEdits, type CellWrite, type TextEdit } from './xlsx/sheet-edit';
import { columnLetter } from './xlsx/sheet-scanner';
import type { StyleEditor } from './xlsx/styles';

/** Before/after of one BOM row that the ops changed. */
export interface RowDiff {
  bomRow: number;
  materialCode: string;
  before: string[];
  after: string[];
  added: string[];
  removed: string[];
  quantityBefore: number | string | null;
  quantityAfter: number | string | null;
  topBefore?: string[];
  topAfter?: string[];
  bottomBefore?: string[];
  bottomAfter?: string[];
}

/**
 * The cells a changed row gets: 位号 when its list changed (joined by "," or empty), the quantity as the
 * new designator count, and A面/B面位号 only when a designator was removed from them.
 */
const listValue = (items: readonly string[]) => (items.length === 0 ? null : joinDesignators(items));

export function cellWritesFor(state: RowState, model: BomModel, highlight: (xf: number) => number): CellWrite[] {
  const { columns } = model.table;
  const writes: CellWrite[] = [];
  const changed = designatorsChanged(state);
  if (changed && columns.designators !== undefined)
    writes.push({ col: columns.designators, value: listValue(state.designators), style: highlight });
  if (changed && columns.quantity !== undefined)
    writes.push({ col: columns.quantity, value: state.designators.length, style: highlight });
  if (state.topTouched && columns.topDesignators !== undefined)
    writes.push({ col: columns.topDesignators, value: listValue(state.top), style: highlight });
  if (state.bottomTouched && columns.bottomDesignators !== undefined)
    writes.push({ col: columns.bottomDesignators, value: listValue(state.bottom), style: highlight });
  return writes;
}

export function rowDiff(state: RowState, model: BomModel): RowDiff {
  const before = state.row.designators;
  const after = state.designators;
  const hasQuantity = model.table.columns.quantity !== undefined;
  const changed = designatorsChanged(state);
  const diff: RowDiff = {
    bomRow: state.row.rowNumber,
    materialCode: state.row.materialKey ?? '',
    before,
    after,
    added: after.filter((d) => !before.includes(d)),
    removed: before.filter((d) => !after.includes(d)),
    quantityBefore: hasQuantity ? quantityValue(state.row.quantity) : null,
    quantityAfter: hasQuantity ? (changed ? after.length : quantityValue(state.row.quantity)) : null,
  };
  if (state.topTouched) Object.assign(diff, { topBefore: state.row.top, topAfter: state.top });
  if (state.bottomTouched) Object.assign(diff, { bottomBefore: state.row.bottom, bottomAfter: state.bottom });
  return diff;
}

/** Excel's limit on the characters of one cell. */
export const EXCEL_MAX_CELL_CHARS = 32_767;

/** 新BOM表: the BOM sheet XML with only the changed cells rewritten (and filled); everything else byte-identical. */

export function newBomSheetXml(
  model: BomModel,
  states: Iterable<RowState>,
  styles: StyleEditor,
): { xml: Uint8Array; diffs: RowDiff[]; warnings: BomWarning[] } {
  const { xml, layout } = model.table;
  const prefix = layout.prefix;
  const inherited = inheritedStyleResolver(xml, prefix);
  const highlight = (xf: number) => styles.highlight(xf);
  const edits: TextEdit[] = [];
  const diffs: RowDiff[] = [];
  const brokenGroups = new Set<string>();
  const warnings: BomWarning[] = [];
  for (const state of states) {
    const writes = cellWritesFor(state, model, highlight);
    if (writes.length === 0) continue;
    for (const w of writes) {
      if (typeof w.value === 'string' && w.value.length > EXCEL_MAX_CELL_CHARS) {
        warnings.push(
          makeWarning('cell_too_long', {
            row: state.row.rowNumber,
            column: columnLetter(w.col),
            length: w.value.length,
          }),
        );
      }
    }
    diffs.push(rowDiff(state, model));
    const onReplace = (cell: { inner: string }) => {
      const group = sharedFormulaMasterGroup(cell.inner, prefix);
      if (group !== undefined) brokenGroups.add(group);
    };
    edits.push(...rowEdits(xml, state.row.row, prefix, writes, inherited(state.row.row), onReplace));
  }
  diffs.sort((a, b) => a.bomRow - b.bomRow);
  // dependents inside a rewritten cell go with it (editedParts drops edits inside replaced stretches)
  edits.push(...sharedFormulaDependentEdits(xml, prefix, brokenGroups), ...sheetCopyEdits(xml, prefix));
  return { xml: bytesOfParts(editedParts(xml, edits)), diffs, warnings };
}

export function changeLogSheetXml(log: readonly ChangeLogEntry[], headerStyle: number, lang: BomLang): string {
  return buildSheetXml({
    rows: [CHANGE_LOG_HEADERS.map((h) => ({ value: h, style: headerStyle })), ...log.map((e) => changeLogRow(e, lang))],
    colWidths: [7, 6, 14, 9, 30, 11, 7, 30, 30, 8, 8, 60],
    freezeFirstRow: true,
  });
}

/** 校验警告: every validation warning of the run, one a row, with its kind, rows and text in the workbook's language. */
export const WARNINGS_SHEET_HEADERS = ['类型', 'BOM行', '操作行', '说明'] as const;

/** Excel's rows per sheet, the header included. */
const EXCEL_MAX_ROWS = 1_048_576;

function warningRow(w: BomWarning, lang: BomLang) {
  const rows = warningBomRows(w);
  return [
    warningKindName(w.code, lang),
    rows.length === 0 ? null : rows.length === 1 ? rows[0]! : rows.join(','),
    warningOpRow(w),
    warningText(w, lang),
  ];
}

export function warningsSheetXml(warnings: readonly BomWarning[], headerStyle: number, lang: BomLang): string {
  const room = EXCEL_MAX_ROWS - 1;
  const listed = warnings.length > room ? warnings.slice(0, room - 1) : warnings;
  const rows = listed.map((w) => warningRow(w, lang));
  if (listed.length < warnings.length)
    rows.push([null, null, null, warningsOmittedText(warnings.length - listed.length, lang)]);
  return buildSheetXml({
    rows: [WARNINGS_SHEET_HEADERS.map((h) => ({ value: h, style: headerStyle })), ...rows],
    colWidths: [22, 14, 8, 90],
    freezeFirstRow: true,
    autoFilter: true,
  });
}
