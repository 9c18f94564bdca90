import type { CellValue } from '../values';
import { textOf } from './byte-string';
import type { SharedStrings } from './shared-strings';
import { decodeXmlText, findAttr, textOfRuns } from './xml';

/**
 * A forward scanner over a worksheet's `<sheetData>`: string searching only, no DOM, so a 20,000-row sheet
 * is read in tens of milliseconds and every offset stays valid for surgical edits of the same string.
 * The sheet is a byte string (`byte-string.ts`): the values it yields are decoded from UTF-8.
 */
export interface ScannedRow {
  rowNumber: number;
  /** offset of `<row` */
  start: number;
  /** offset just past `</row>` (or `/>`) */
  end: number;
  /** the start tag, e.g. `<row r="5" spans="1:16">` */
  tag: string;
  selfClosing: boolean;
}

export interface ScannedCell {
  col: number;
  /** offset of `<c` */
  start: number;
  /** offset just past `</c>` or `/>` */
  end: number;
  tag: string;
  /** inner XML between the start and end tags ('' for an empty cell) */
  inner: string;
}

export interface SheetLayout {
  prefix: string;
  /** offset of `<sheetData` and just past its end */
  sheetDataStart: number;
  sheetDataEnd: number;
}

export function sheetLayout(xml: string): SheetLayout {
  const m = /<([A-Za-z_][\w.-]*:)?sheetData[\s/>]/.exec(xml);
  if (!m) return { prefix: '', sheetDataStart: -1, sheetDataEnd: -1 };
  const prefix = m[1] ?? '';
  const start = m.index;
  const tagEnd = xml.indexOf('>', start);
  if (xml.charCodeAt(tagEnd - 1) === 47) return { prefix, sheetDataStart: start, sheetDataEnd: tagEnd + 1 };
  const close = `</${prefix}sheetData>`;
  const end = closingTagAfter(xml, close, tagEnd);
  return { prefix, sheetDataStart: start, sheetDataEnd: end < 0 ? xml.length : end + close.length };
}

/**
 * Offset of the end tag of the worksheet's one `<sheetData>` (searched from the end: it closes the megabytes of rows,
 * where a forward search stops at every `<`), or -1 when there is none after `from`.
 */
export function closingTagAfter(xml: string, close: string, from: number): number {
  const at = xml.lastIndexOf(close);
  return at >= from ? at : -1;
}

/** Column number (1-based) of a cell reference such as "AB12". */
export function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

const letters: string[] = [];

export function columnLetter(col: number): string {
  const known = letters[col];
  if (known !== undefined) return known;
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  // written for every cell of every new sheet; Excel has 16,384 columns
  if (col <= 16_384) letters[col] = s;
  return s;
}

function isTagBoundary(code: number): boolean {
  return code === 32 || code === 62 || code === 47 || code === 9 || code === 10 || code === 13;
}

/**
 * The row's number: its `r` attribute, else the one after `previous`. Read digit by digit when `r` comes first in the
 * tag (as every writer puts it), without a string or an object per row.
 */
function rowNumberOf(tag: string, prefix: string, previous: number): number {
  const at = prefix.length + 8; // after `<row r="`
  if (tag.startsWith(' r="', at - 4) && tag.startsWith('row', prefix.length + 1)) {
    let n = 0;
    let i = at;
    for (; i < tag.length && i - at < 10; i++) {
      const c = tag.charCodeAt(i);
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (i > at && tag.charCodeAt(i) === 34) return n;
  }
  const r = findAttr(tag, 'r');
  return r ? Number(r.value) : previous + 1;
}

/** Calls `onRow` for each `<row>` in document order; returning false stops the scan. */
export function scanRows(xml: string, layout: SheetLayout, onRow: (row: ScannedRow) => boolean | void): void {
  if (layout.sheetDataStart < 0) return;
  const open = `<${layout.prefix}row`;
  const close = `</${layout.prefix}row>`;
  let i = xml.indexOf('>', layout.sheetDataStart) + 1;
  let previous = 0;
  for (;;) {
    const s = xml.indexOf(open, i);
    if (s < 0 || s >= layout.sheetDataEnd) return;
    if (!isTagBoundary(xml.charCodeAt(s + open.length))) {
      i = s + open.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', s);
    if (tagEnd < 0) return;
    const tag = xml.slice(s, tagEnd + 1);
    const selfClosing = xml.charCodeAt(tagEnd - 1) === 47;
    let end: number;
    if (selfClosing) end = tagEnd + 1;
    else {
      const e = xml.indexOf(close, tagEnd);
      end = e < 0 ? layout.sheetDataEnd : e + close.length;
    }
    const rowNumber = rowNumberOf(tag, layout.prefix, previous);
    previous = rowNumber;
    if (onRow({ rowNumber, start: s, end, tag, selfClosing }) === false) return;
    i = end;
  }
}

/**
 * Walks the cells of one row without allocating: after each `next()`, `col`, `start`, `tagEnd` (offset of
 * the start tag's `>`) and `end` describe the current cell. One cursor is reused for a whole sheet.
 */
export class CellCursor {
  col = 0;
  start = 0;
  tagEnd = 0;
  end = 0;
  private at = 0;
  private rowEnd = 0;
  private readonly open: string;
  private readonly close: string;

  constructor(
    private readonly xml: string,
    private readonly prefix: string,
  ) {
    this.open = `<${prefix}c`;
    this.close = `</${prefix}c>`;
  }

  reset(row: ScannedRow): void {
    this.at = row.selfClosing ? row.end : row.start + row.tag.length;
    this.rowEnd = row.end;
    this.col = 0;
  }

  next(): boolean {
    const { xml, open } = this;
    // step from '<' to '<' so the search never runs past the row (a sheet of empty rows stays linear)
    let s = xml.indexOf('<', this.at);
    while (s >= 0 && s < this.rowEnd) {
      if (!xml.startsWith(open, s) || !isTagBoundary(xml.charCodeAt(s + open.length))) {
        s = xml.indexOf('<', s + 1);
        continue;
      }
      const tagEnd = xml.indexOf('>', s);
      let end: number;
      if (xml.charCodeAt(tagEnd - 1) === 47) end = tagEnd + 1;
      else {
        const e = xml.indexOf(this.close, tagEnd);
        if (e < 0 || e > this.rowEnd) return false;
        end = e + this.close.length;
      }
      this.col = this.refColumn(s, tagEnd) || this.col + 1;
      this.start = s;
      this.tagEnd = tagEnd;
      this.end = end;
      this.at = end;
      return true;
    }
    return false;
  }

  /** true when the cell carries a value (`<v>` or `<is>`), without reading it */
  hasContent(): boolean {
    return (
      this.end - this.tagEnd > this.close.length + 1 &&
      this.xml.lastIndexOf('<', this.end - this.close.length - 1) > this.tagEnd
    );
  }

  /**
   * The current cell's value, read in place: shared strings, numbers, booleans and cached formula values
   * without slicing the cell (inline strings and unusual markup go through `readCellValue`).
   */
  value(sharedStrings: SharedStrings): CellValue {
    const { xml } = this;
    if (xml.charCodeAt(this.tagEnd - 1) === 47) return null;
    const type = this.attrValue('t=');
    if (type === 'inlineStr') return readCellValue(this.cell(), sharedStrings, this.prefix);
    // step from element to element inside the cell until <v> (bounded by the cell)
    const v = `<${this.prefix}v>`;
    let i = xml.indexOf('<', this.tagEnd + 1);
    while (i >= 0 && i < this.end && !xml.startsWith(v, i)) i = xml.indexOf('<', i + 1);
    if (i < 0 || i >= this.end) return null;
    const textStart = i + v.length;
    const textEnd = xml.indexOf('<', textStart);
    if (textEnd < 0 || textEnd > this.end) return null;
    // shared-string indices and whole numbers, most of a BOM's cells, are read digit by digit: no string per cell
    if (type === 's' || type === undefined || type === 'n') {
      const n = wholeNumberAt(xml, textStart, textEnd);
      if (n >= 0) return type === 's' ? (sharedStrings.at(n) ?? null) : n;
    }
    return valueOf(type, xml.slice(textStart, textEnd), sharedStrings);
  }

  /** value of an attribute of the current start tag, searched within the tag only (`name` like 't=') */
  private attrValue(name: string): string | undefined {
    const { xml } = this;
    for (let i = this.start + this.open.length; i < this.tagEnd - name.length - 1; i++) {
      if (!isTagBoundary(xml.charCodeAt(i)) || !xml.startsWith(name, i + 1)) continue;
      const quoteAt = i + 1 + name.length;
      const close = xml.indexOf(xml[quoteAt] === "'" ? "'" : '"', quoteAt + 1);
      return close < 0 || close > this.tagEnd ? undefined : xml.slice(quoteAt + 1, close);
    }
    return undefined;
  }

  cell(): ScannedCell {
    const selfClosing = this.xml.charCodeAt(this.tagEnd - 1) === 47;
    return {
      col: this.col,
      start: this.start,
      end: this.end,
      tag: this.xml.slice(this.start, this.tagEnd + 1),
      inner: selfClosing ? '' : this.xml.slice(this.tagEnd + 1, this.end - this.close.length),
    };
  }

  /** column of the `r` attribute (0 when absent), read in place within the start tag */
  private refColumn(start: number, tagEnd: number): number {
    const xml = this.xml;
    for (let i = start + this.open.length; i < tagEnd - 3; i++) {
      // ` r=`
      if (xml.charCodeAt(i + 1) !== 114 || xml.charCodeAt(i + 2) !== 61 || !isTagBoundary(xml.charCodeAt(i))) continue;
      let col = 0;
      for (let j = i + 4; j < tagEnd; j++) {
        const c = xml.charCodeAt(j);
        if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
        else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
        else break;
      }
      return col;
    }
    return 0;
  }
}

/** The number that `xml` holds from `start` to `end` when it is 1 to 15 ASCII digits (exact as a double), else -1. */
function wholeNumberAt(xml: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** The cells of one row, in document order. */
export function scanCells(xml: string, row: ScannedRow, prefix: string): ScannedCell[] {
  const cursor = new CellCursor(xml, prefix);
  cursor.reset(row);
  const cells: ScannedCell[] = [];
  while (cursor.next()) cells.push(cursor.cell());
  return cells;
}

function elementText(inner: string, prefix: string, name: string): string | undefined {
  const open = `<${prefix}${name}`;
  let s = inner.indexOf(open);
  while (s >= 0 && !isTagBoundary(inner.charCodeAt(s + open.length))) s = inner.indexOf(open, s + 1);
  if (s < 0) return undefined;
  const tagEnd = inner.indexOf('>', s);
  if (inner.charCodeAt(tagEnd - 1) === 47) return '';
  const e = inner.indexOf(`</${prefix}${name}>`, tagEnd);
  return e < 0 ? undefined : inner.slice(tagEnd + 1, e);
}

/** The value of a cell: shared/inline strings, numbers, booleans, errors as text, formulas by cached value. */
export function readCellValue(cell: ScannedCell, sharedStrings: SharedStrings, prefix: string): CellValue {
  if (cell.inner === '') return null;
  const t = findAttr(cell.tag, 't')?.value;
  if (t === 'inlineStr') {
    const is = elementText(cell.inner, prefix, 'is');
    return is === undefined ? null : textOfRuns(textOf(is), prefix);
  }
  const v = elementText(cell.inner, prefix, 'v');
  return v === undefined ? null : valueOf(t, v, sharedStrings);
}

/** A `<v>` by the cell's type: a shared string's index, a boolean, text, or a number (else its text). */
function valueOf(type: string | undefined, raw: string, sharedStrings: SharedStrings): CellValue {
  switch (type) {
    case 's':
      return sharedStrings.at(Number(raw)) ?? null;
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'str':
    case 'e':
    case 'd':
      return decodeXmlText(textOf(raw));
    default: {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : decodeXmlText(textOf(raw));
    }
  }
}

export function cellStyle(cell: ScannedCell): number {
  const s = findAttr(cell.tag, 's');
  return s ? Number(s.value) || 0 : 0;
}

export function cellHasFormula(cell: ScannedCell, prefix: string): boolean {
  return elementText(cell.inner, prefix, 'f') !== undefined;
}
