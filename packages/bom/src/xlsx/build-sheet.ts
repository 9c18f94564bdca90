import type { CellValue } from '../values';
import { cellXml } from './cells';
import { columnLetter } from './sheet-scanner';
import { escapeXmlText } from './xml';

export interface CellSpec {
  value: CellValue;
  style?: number;
  formula?: string;
  /** write a string through the shared-strings table (as Excel does) instead of inline */
  inline?: boolean;
}

export interface SheetSpec {
  /** row 1 first; a null row is left out */
  rows: readonly (readonly (CellSpec | CellValue | undefined)[] | null)[];
  colWidths?: readonly number[];
  merges?: readonly string[];
  dataValidations?: readonly { sqref: string; list: readonly string[] }[];
  freezeFirstRow?: boolean;
  /** an Excel filter on the header row over every written row */
  autoFilter?: boolean;
  selected?: boolean;
}

/** Assigns shared-string indices in first-use order. */
export class SharedStringTable {
  private readonly index = new Map<string, number>();
  private count = 0;

  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    return i;
  }

  get size(): number {
    return this.index.size;
  }

  toXml(): string {
    const items = [...this.index.keys()].map(
      (t) => `<si><t${t !== t.trim() ? ' xml:space="preserve"' : ''}>${escapeXmlText(t)}</t></si>`,
    );
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ` +
      `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" ` +
      `uniqueCount="${this.index.size}">${items.join('')}</sst>`
    );
  }
}

function isSpec(cell: CellSpec | CellValue | undefined): cell is CellSpec {
  return typeof cell === 'object' && cell !== null;
}

export function buildSheetXml(spec: SheetSpec, strings?: SharedStringTable): string {
  const out: string[] = [];
  let maxCol = 1;
  // plain loops, no object per cell: the change log and the warnings sheet have hundreds of thousands of cells
  for (let r = 0; r < spec.rows.length; r++) {
    const row = spec.rows[r];
    if (!row) continue;
    let cells = '';
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell === undefined) continue;
      const value = isSpec(cell) ? cell.value : cell;
      const style = isSpec(cell) ? cell.style : 0;
      const formula = isSpec(cell) ? cell.formula : undefined;
      if (value === null && !formula && !style) continue;
      if (c + 1 > maxCol) maxCol = c + 1;
      if (strings && typeof value === 'string' && value !== '' && !formula && !(isSpec(cell) && cell.inline)) {
        cells +=
          `<c r="${columnLetter(c + 1)}${r + 1}"${style ? ` s="${style}"` : ''} ` +
          `t="s"><v>${strings.add(value)}</v></c>`;
      } else cells += cellXml(c + 1, r + 1, value, style ?? 0, formula);
    }
    out.push(`<row r="${r + 1}">${cells}</row>`);
  }
  const lastRow = Math.max(1, spec.rows.length);
  const cols = spec.colWidths?.length
    ? '<cols>' +
      spec.colWidths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('') +
      '</cols>'
    : '';
  const pane = spec.freezeFirstRow ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' : '';
  const filter = spec.autoFilter ? `<autoFilter ref="A1:${columnLetter(maxCol)}${lastRow}"/>` : '';
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">` +
      spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('') +
      '</mergeCells>'
    : '';
  const validations = spec.dataValidations?.length
    ? `<dataValidations count="${spec.dataValidations.length}">${spec.dataValidations
        .map(
          (v) =>
            `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" ` +
            `sqref="${v.sqref}"><formula1>${escapeXmlText(`"${v.list.join(',')}"`)}</formula1></dataValidation>`,
        )
        .join('')}</dataValidations>`
    : '';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="A1:${columnLetter(maxCol)}${lastRow}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${spec.selected ? ' tabSelected="1"' : ''}>` +
    `${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    cols +
    `<sheetData>${out.join('')}</sheetData>` +
    filter +
    merges +
    validations +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    '</worksheet>'
  );
}
