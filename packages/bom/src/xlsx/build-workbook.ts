import { buildSheetXml, SharedStringTable, type SheetSpec } from './build-sheet';
import type { DeflateLevel } from './codec';
import { escapeXmlAttr } from './xml';
import { writeZip, type ZipOutput } from './zip';

/** Formats of workbooks this package writes from scratch (template, fixtures). */
export const BUILT_STYLES = {
  normal: 0,
  header: 1,
  title: 2,
  text: 3,
  note: 4,
  /** row fills of a comparison (对比明细): Excel's "good", "bad" and "neutral" colours */
  added: 5,
  removed: 6,
  changed: 7,
} as const;

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="3"><font><sz val="11"/><name val="宋体"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><charset val="134"/></font>' +
  '<font><b/><sz val="14"/><name val="宋体"/><charset val="134"/></font></fonts>' +
  '<fills count="7"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/><bgColor ' +
  'indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top ' +
  'style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="8">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center"/></xf>' +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"><alignment wrapText="1" ' +
  'vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="5" borderId="0" xfId="0" applyFill="1"/>' +
  '<xf numFmtId="0" fontId="0" fillId="6" borderId="0" xfId="0" applyFill="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

export interface WorkbookSpec {
  sheets: readonly ({ name: string } & SheetSpec)[];
  /** write strings through sharedStrings.xml (as Excel does); otherwise inline */
  sharedStrings?: boolean;
  /** deflate level: 6 (default) or 1 (about 3× faster on sheet XML, ~30% larger), as applyOperations' `compression` */
  compression?: DeflateLevel;
}

const encoder = new TextEncoder();

export function buildWorkbook(spec: WorkbookSpec): Uint8Array {
  const strings = spec.sharedStrings === false ? undefined : new SharedStringTable();
  const sheetParts = spec.sheets.map((s, i) => ({
    name: s.name,
    path: `xl/worksheets/sheet${i + 1}.xml`,
    xml: buildSheetXml({ ...s, selected: i === 0 }, strings),
  }));
  const hasStrings = strings !== undefined && strings.size > 0;
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types ' +
    'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default ' +
    'Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ' +
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ' +
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (hasStrings
      ? '<Override PartName="/xl/sharedStrings.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      : '') +
    sheetParts
      .map(
        (p) =>
          `<Override PartName="/${p.path}" ` +
          `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '</Types>';
  const rootRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ' +
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" ' +
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
    'Target="xl/workbook.xml"/></Relationships>';
  const workbook =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ' +
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<bookViews><workbookView/></bookViews><sheets>' +
    sheetParts
      .map((p, i) => `<sheet name="${escapeXmlAttr(p.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('') +
    '</sheets></workbook>';
  const n = sheetParts.length;
  const workbookRels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ' +
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    sheetParts
      .map(
        (p, i) =>
          `<Relationship Id="rId${i + 1}" ` +
          `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ` +
          `Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('') +
    `<Relationship Id="rId${n + 1}" ` +
    `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
    (hasStrings
      ? `<Relationship Id="rId${n + 2}" ` +
        `Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" ` +
        `Target="sharedStrings.xml"/>`
      : '') +
    '</Relationships>';
  const outputs: ZipOutput[] = [
    { name: '[Content_Types].xml', data: encoder.encode(contentTypes) },
    { name: '_rels/.rels', data: encoder.encode(rootRels) },
    { name: 'xl/workbook.xml', data: encoder.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encoder.encode(workbookRels) },
    { name: 'xl/styles.xml', data: encoder.encode(STYLES_XML) },
    ...sheetParts.map((p) => ({ name: p.path, data: encoder.encode(p.xml) })),
  ];
  if (hasStrings) outputs.push({ name: 'xl/sharedStrings.xml', data: encoder.encode(strings.toXml()) });
  return writeZip(undefined, outputs, spec.compression ?? 6);
}
