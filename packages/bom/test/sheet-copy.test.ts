import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyOperations } from '../src/index';
import { unzipText } from './helpers';

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A BOM sheet carrying the parts of a real export that a copy must keep or must not share. */
function workbookWithExtras(): Uint8Array {
  const sheet =
    `<?xml version="1.0"?><worksheet ${NS}><sheetPr codeName="Sheet1"/><dimension ref="A1:C3"/>` +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" ' +
    'state="frozen"/></sheetView></sheetViews>' +
    '<cols><col min="1" max="1" width="20" customWidth="1"/></cols><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>位号</t></is></c><c ' +
    'r="C1" t="inlineStr"><is><t>链接</t></is></c></row>' +
    '<row r="2"><c r="A2"><v>100</v></c><c r="B2" t="inlineStr"><is><t>R1,R2</t></is></c><c r="C2" ' +
    't="inlineStr"><is><t>datasheet</t></is></c></row>' +
    '<row r="3"><c r="A3"><v>200</v></c><c r="B3" t="inlineStr"><is><t>C1</t></is></c></row>' +
    '</sheetData><autoFilter ref="A1:C3"/><mergeCells count="1"><mergeCell ref="C2:C3"/></mergeCells>' +
    '<conditionalFormatting sqref="A2:A3"><cfRule type="cellIs" dxfId="0" priority="1" ' +
    'operator="greaterThan"><formula>150</formula></cfRule></conditionalFormatting>' +
    '<dataValidations count="1"><dataValidation type="whole" ' +
    'sqref="A2:A3"><formula1>0</formula1></dataValidation></dataValidations>' +
    '<hyperlinks><hyperlink ref="C2" r:id="rId1"/></hyperlinks>' +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup ' +
    'paperSize="9" r:id="rId3"/>' +
    '<drawing r:id="rId2"/><tableParts count="1"><tablePart r:id="rId4"/></tableParts></worksheet>';
  const sheetRels =
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://example.com/ds.pdf" TargetMode="External"/>` +
    `<Relationship Id="rId2" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/printerSettings" Target="../printerSettings/printerSettings1.bin"/>` +
    `<Relationship Id="rId4" Type="${REL}/table" Target="../tables/table1.xml"/></Relationships>`;
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ' +
        'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default ' +
        'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override ' +
        'PartName="/xl/worksheets/sheet1.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0"?><Relationships ` +
        `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
        `Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook ${NS}><sheets><sheet name="原表" sheetId="7" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships ` +
        `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ` +
        `Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/worksheets/_rels/sheet1.xml.rels': strToU8(sheetRels),
  });
}

describe('新BOM表 as a copy of a sheet with extras', () => {
  const result = applyOperations(workbookWithExtras(), {
    kind: 'rows',
    rows: [{ materialCode: 100, op: 'del', designators: 'R1' }],
  });
  const parts = unzipText(result.workbook);
  const copy = parts.get('xl/worksheets/sheet2.xml')!;

  it('keeps merges, conditional formats, validations, filters, panes, widths and hyperlinks', () => {
    for (const piece of [
      '<mergeCell ref="C2:C3"/>',
      '<conditionalFormatting sqref="A2:A3">',
      '<dataValidation type="whole" sqref="A2:A3">',
      '<autoFilter ref="A1:C3"/>',
      'state="frozen"',
      'width="20"',
      '<hyperlink ref="C2" r:id="rId1"/>',
    ]) {
      expect(copy).toContain(piece);
    }
    expect(parts.get('xl/worksheets/_rels/sheet2.xml.rels')).toContain('https://example.com/ds.pdf');
  });

  it('drops what only the original sheet may own, its tab selection and code name', () => {
    for (const piece of ['<drawing', '<tableParts', 'rId2', 'rId3', 'rId4', 'tabSelected', 'codeName'])
      expect(copy).not.toContain(piece);
    expect(parts.get('xl/worksheets/_rels/sheet2.xml.rels')).not.toContain('drawing');
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain('<drawing r:id="rId2"/>');
  });

  it('registers the new sheets with fresh ids', () => {
    const workbook = parts.get('xl/workbook.xml')!;
    expect(workbook).toContain('<sheet name="新BOM表" sheetId="8" r:id="rIdArya1"/>');
    expect(workbook).toContain('<sheet name="变更日志" sheetId="9" r:id="rIdArya2"/>');
    expect(parts.get('[Content_Types].xml')).toContain('PartName="/xl/worksheets/sheet2.xml"');
    expect(parts.get('xl/_rels/workbook.xml.rels')).toContain('Id="rIdArya1"');
    expect(copy).toContain('<c r="B2" s="1" t="inlineStr"><is><t>R2</t></is></c>');
  });
});
