import type { CellValue } from '../values';
import { byteStringOfText } from './byte-string';
import { cellXml } from './cells';
import { scanCells, type ScannedCell, type ScannedRow } from './sheet-scanner';
import { findAttr, removeAttr } from './xml';

/** A value to write into one cell of a row, with the style index the written cell gets. */
export interface CellWrite {
  col: number;
  value: CellValue;
  /** maps the cell's current style (or the inherited one for a new cell) to the style to write */
  style: (current: number) => number;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits that write `writes` into one row of a sheet held as a byte string (`byte-string.ts`): an existing cell is
 * replaced in place; a missing cell is inserted before the first cell to its right. Every other byte of the row is
 * kept.
 */
export function rowEdits(
  xml: string,
  row: ScannedRow,
  prefix: string,
  writes: readonly CellWrite[],
  inheritedStyle: (col: number) => number,
  onReplace?: (cell: ScannedCell) => void,
): TextEdit[] {
  const cells = scanCells(xml, row, prefix);
  const edits: TextEdit[] = [];
  const inserts: { at: number; col: number; text: string }[] = [];
  for (const w of writes.toSorted((a, b) => a.col - b.col)) {
    const existing = cells.find((c) => c.col === w.col);
    if (existing) {
      onReplace?.(existing);
      const s = findAttr(existing.tag, 's');
      edits.push({
        start: existing.start,
        end: existing.end,
        text: byteStringOfText(
          cellXml(w.col, row.rowNumber, w.value, w.style(s ? Number(s.value) || 0 : 0), undefined, prefix),
        ),
      });
      continue;
    }
    const next = cells.find((c) => c.col > w.col);
    const text = byteStringOfText(
      cellXml(w.col, row.rowNumber, w.value, w.style(inheritedStyle(w.col)), undefined, prefix),
    );
    inserts.push({ at: next ? next.start : -1, col: w.col, text });
  }
  if (inserts.length === 0) return edits;
  // inserting cells: drop the optional `spans` hint (it may no longer cover the row) and open a self-closing row
  let tag = removeAttr(row.tag, 'spans');
  if (row.selfClosing) {
    tag = `${tag.slice(0, -2).trimEnd()}>`;
    return [{ start: row.start, end: row.end, text: tag + inserts.map((i) => i.text).join('') + `</${prefix}row>` }];
  }
  edits.push({ start: row.start, end: row.start + row.tag.length, text: tag });
  const closeAt = row.end - `</${prefix}row>`.length;
  for (const ins of inserts)
    edits.push({ start: ins.at < 0 ? closeAt : ins.at, end: ins.at < 0 ? closeAt : ins.at, text: ins.text });
  return edits;
}

/**
 * The stretches of `xml` with the edits applied, in order (their concatenation is the edited text). At one offset,
 * insertions come first, in the order given, then the replacement that starts there; an edit inside a stretch that
 * another edit replaces is dropped (what it would edit is gone).
 */
export function editedParts(xml: string, edits: readonly TextEdit[]): string[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .toSorted(
      (a, b) =>
        a.edit.start - b.edit.start ||
        Number(a.edit.end > a.edit.start) - Number(b.edit.end > b.edit.start) ||
        a.order - b.order,
    );
  const parts: string[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at) continue;
    parts.push(xml.slice(at, edit.start), edit.text);
    at = edit.end;
  }
  parts.push(xml.slice(at));
  return parts;
}

/** Style a new cell inherits: the row's style when it has customFormat, else its column's style, else 0. */
export function inheritedStyleResolver(xml: string, prefix: string): (row: ScannedRow) => (col: number) => number {
  const colStyles: { min: number; max: number; style: number }[] = [];
  const cols = new RegExp(`<${prefix}col\\b[^>]*>`, 'g');
  const sheetData = xml.indexOf(`<${prefix}sheetData`);
  for (const m of xml.slice(0, sheetData < 0 ? xml.length : sheetData).matchAll(cols)) {
    const style = findAttr(m[0], 'style');
    if (!style) continue;
    colStyles.push({
      min: Number(findAttr(m[0], 'min')?.value ?? 0),
      max: Number(findAttr(m[0], 'max')?.value ?? 0),
      style: Number(style.value) || 0,
    });
  }
  return (row) => {
    const custom = findAttr(row.tag, 'customFormat')?.value;
    const rowStyle = findAttr(row.tag, 's');
    if ((custom === '1' || custom === 'true') && rowStyle) return () => Number(rowStyle.value) || 0;
    return (col) => colStyles.find((c) => col >= c.min && col <= c.max)?.style ?? 0;
  };
}
