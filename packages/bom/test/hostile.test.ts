import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBomModel } from '../src/bom-model';
import { applyOperations, BomInputError, changeLogNote, inspectWorkbook, listMaterialRows } from '../src/index';
import { resolveLimits } from '../src/limits';
import { SharedStrings } from '../src/xlsx/shared-strings';
import { writeZip } from '../src/xlsx/zip';
import { bomWorkbook, isHighlighted, readBook, rowValues, sheet, unzipText } from './helpers';

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A package assembled by hand (with fflate, not the engine's writer) from raw sheet XML. */
function handmade(
  sheets: { name: string; xml: string }[],
  extra: { sharedStrings?: string; nativeZip?: boolean } = {},
): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default ` +
        `Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default ` +
        `Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ` +
        `ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        sheets
          .map(
            (_, i) =>
              `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ` +
              'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
          )
          .join('') +
        (extra.sharedStrings
          ? '<Override PartName="/xl/sharedStrings.xml" ' +
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
          : '') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0"?><Relationships ' +
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
        'Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0"?><workbook ${NS}>` +
        `<sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}` +
        '</sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0"?><Relationships ` +
        `xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) =>
              `<Relationship Id="rId${i + 1}" ` +
              'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ' +
              `Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        (extra.sharedStrings
          ? '<Relationship Id="rIdS" ' +
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" ' +
            'Target="sharedStrings.xml"/>'
          : '') +
        '</Relationships>',
    ),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml)));
  if (extra.sharedStrings) files['xl/sharedStrings.xml'] = strToU8(extra.sharedStrings);
  // fflate's pure-JS deflate takes seconds on tens of MB; the engine's writer (native zlib) is used for those
  return extra.nativeZip
    ? writeZip(
        undefined,
        Object.entries(files).map(([name, data]) => ({ name, data })),
      )
    : zipSync(files);
}

const sheetXml = (rows: string, ns = NS, p = '') =>
  `<?xml version="1.0"?><${p}worksheet ${ns}><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
const OPS = {
  name: '操作指示表',
  xml: sheetXml(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>操作类型</t></is></c><c ' +
      'r="C1" t="inlineStr"><is><t>位号</t></is></c></row>' +
      '<row r="2"><c r="A2"><v>100</v></c><c r="B2" t="inlineStr"><is><t>del</t></is></c><c r="C2" ' +
      't="inlineStr"><is><t>R1</t></is></c></row>',
  ),
};

const formulaRow = (r: number, code: number, list: string, qty: number) =>
  `<row r="${r}"><c r="A${r}"><f>${code}+0</f><v>${code}</v></c><c r="B${r}" ` +
  `t="str"><f>"${list}"</f><v>${list}</v></c><c r="C${r}"><f>LEN(B${r})</f><v>${qty}</v></c></row>`;

function expectInputError(fn: () => unknown, code: string) {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BomInputError);
  expect((caught as BomInputError).code).toBe(code);
  expect((caught as BomInputError).messageZh.length).toBeGreaterThan(5);
}

describe('not a workbook', () => {
  it('rejects arbitrary bytes, empty input and truncated zips as not_xlsx', () => {
    expectInputError(() => inspectWorkbook(strToU8('hello, this is a csv,file\n1,2,3')), 'not_xlsx');
    expectInputError(() => inspectWorkbook(new Uint8Array()), 'not_xlsx');
    const good = handmade([OPS]);
    expectInputError(() => inspectWorkbook(good.subarray(0, good.length - 30)), 'not_xlsx');
    expectInputError(() => inspectWorkbook(zipSync({ 'hello.txt': strToU8('hi') })), 'not_xlsx');
  });
  it('recognises a legacy .xls (OLE container) and says so', () => {
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expectInputError(() => applyOperations(ole, { kind: 'sheet' }), 'xls_not_supported');
  });
  it('rejects input over the size limit before reading it', () => {
    expectInputError(() => inspectWorkbook(new Uint8Array(2048), { limits: { maxInputBytes: 1024 } }), 'too_large');
  });
});

describe('zip bombs', () => {
  it('caps the number of entries', () => {
    const files = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`junk/${i}.xml`, new Uint8Array()]));
    expectInputError(() => inspectWorkbook(zipSync(files), { limits: { maxEntries: 50 } }), 'zip_bomb');
  });
  it('caps the uncompressed size of a part before inflating it', () => {
    const huge = `<row r="1"><c r="A1"><v>1</v></c></row>`.repeat(200_000); // ~7 MB, compresses to a few KB
    const bytes = handmade([{ name: '原表', xml: sheetXml(huge) }]);
    expect(bytes.length).toBeLessThan(100_000);
    expectInputError(() => inspectWorkbook(bytes, { limits: { maxPartBytes: 1_000_000 } }), 'zip_bomb');
  });
  it('caps the declared total size of all entries', () => {
    const bytes = handmade([OPS]);
    expectInputError(() => inspectWorkbook(bytes, { limits: { maxTotalUncompressedBytes: 500 } }), 'zip_bomb');
  });
  it('does not trust a declared size: more data than declared is refused, memory stays bounded', () => {
    const bytes = handmade([{ name: '原表', xml: sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(50_000)) }]);
    // shrink the sheet's declared size in the central directory to 1000 bytes
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let patched = 0;
    for (let i = 0; i < bytes.length - 46; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const len = view.getUint16(i + 28, true);
      if (len === name.length && bytes.subarray(i + 46, i + 46 + len).every((b, j) => b === name[j])) {
        view.setUint32(i + 24, 1000, true);
        patched++;
      }
    }
    expect(patched).toBe(1);
    expectInputError(() => inspectWorkbook(bytes), 'zip_bomb');
  });
  it('refuses zip64 archives instead of misreading them', () => {
    const bytes = writeZip(undefined, [{ name: 'a.xml', data: strToU8('<a/>') }]);
    new DataView(bytes.buffer).setUint16(bytes.length - 12, 0xffff, true); // entry count → zip64 marker
    expectInputError(() => inspectWorkbook(bytes), 'zip_bomb');
  });
});

describe('huge sheets', () => {
  it('stops at the row cap with too_many_rows (1,000,000 rows) instead of reading them all', () => {
    const header =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>位号</t></is></c></row>';
    // rows without r attributes follow one another (rows 2 … 1,000,001)
    const bytes = handmade(
      [
        {
          name: '原表',
          xml: sheetXml(header + '<row><c><v>1</v></c><c t="inlineStr"><is><t>R1</t></is></c></row>'.repeat(1_000_000)),
        },
      ],
      {
        nativeZip: true,
      },
    );
    // a quadratic scan would hang here; the test timeout catches that (speed itself is the bench's job)
    expectInputError(() => inspectWorkbook(bytes), 'too_many_rows');
  });
  it('handles 10,000-character cells', async () => {
    const many = Array.from({ length: 2000 }, (_, i) => `R${i + 1}`).join(',');
    expect(many.length).toBeGreaterThan(10_000);
    const long = '说明'.repeat(5000);
    const bom = {
      name: '原表',
      xml: sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>位号</t></is></c><c ' +
          'r="C1" t="inlineStr"><is><t>描述</t></is></c></row>' +
          `<row r="2"><c r="A2"><v>100</v></c><c r="B2" t="inlineStr"><is><t>${many}</t></is></c><c r="C2" ` +
          `t="inlineStr"><is><t>${long}</t></is></c></row>`,
      ),
    };
    const result = applyOperations(handmade([bom, OPS]), { kind: 'sheet' });
    const wb = await readBook(result.workbook);
    const out = sheet(wb, '新BOM表');
    expect(out.getCell('B2').value).toBe(many.slice(3));
    expect(out.getCell('C2').value).toBe(long);
    expect(result.log[0]!.status).toBe('applied');
  });
});

describe('cell types', () => {
  it('reads shared (rich text, phonetic runs) and inline strings, numbers, booleans, formulas by cached value', () => {
    const sst =
      `<?xml version="1.0"?><sst ${NS} count="3" uniqueCount="3">` +
      '<si><t>物料编码</t></si>' +
      '<si><r><rPr><b/></rPr><t>位</t></r><r><t xml:space="preserve">号</t></r><rPh sb="0" eb="1"><t>ウェイ</t></rPh></si>' +
      '<si><t>R1 &amp; R2</t></si></sst>';
    const bom = {
      name: '原表',
      xml: sheetXml(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" ' +
          't="inlineStr"><is><t>备注</t></is></c></row>' +
          '<row r="2"><c r="A2"><v>100.0</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="b"><v>1</v></c></row>' +
          '<row r="3"><c r="A3" t="str"><f>"20"&amp;"0"</f><v>200</v></c><c r="B3" ' +
          't="str"><f>"C"&amp;"1"</f><v>C1</v></c><c r="C3" t="e"><v>#N/A</v></c></row>',
      ),
    };
    const result = inspectWorkbook(handmade([bom], { sharedStrings: sst }));
    expect(result.bom.roles).toMatchObject({
      materialCode: { column: 'A', header: '物料编码' },
      designators: { column: 'B', header: '位号' },
    });
    expect(result.bom.preview).toEqual([
      { rowNumber: 2, values: [100, 'R1 & R2', true] },
      { rowNumber: 3, values: ['200', 'C1', '#N/A'] },
    ]);
  });

  it('treats formulas everywhere by their cached values and writes values only into changed cells', async () => {
    const bom = {
      name: '原表',
      xml: sheetXml(
        '<row r="1"><c r="A1" t="str"><f>"物料编码"</f><v>物料编码</v></c><c r="B1" t="str"><f>"位号"</f><v>位号</v></c><c ' +
          'r="C1" t="str"><f>"用量"</f><v>用量</v></c></row>' +
          formulaRow(2, 100, 'R1,R2', 2) +
          formulaRow(3, 200, 'C1', 1),
      ),
    };
    const result = applyOperations(handmade([bom, OPS]), { kind: 'sheet' });
    const wb = await readBook(result.workbook);
    const out = sheet(wb, '新BOM表');
    expect(rowValues(out, 2, 3)).toEqual([100, 'R2', 1]);
    expect(out.getCell('A2').formula).toBe('100+0'); // unchanged cell keeps its formula
    expect(out.getCell('B2').formula).toBeUndefined(); // changed cells hold values
    expect(out.getCell('C2').formula).toBeUndefined();
    expect(out.getCell('B3').formula).toBe('"C1"');
    expect(out.getCell('C3').formula).toBe('LEN(B3)');
  });

  it('reads sheets whose elements carry a namespace prefix and rows/cells without r attributes', () => {
    const p = 'x:';
    const rows =
      `<x:row><x:c t="inlineStr"><x:is><x:t>Part Number</x:t></x:is></x:c><x:c ` +
      `t="inlineStr"><x:is><x:t>RefDes</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Qty</x:t></x:is></x:c></x:row>` +
      `<x:row><x:c><x:v>100</x:v></x:c><x:c ` +
      `t="inlineStr"><x:is><x:t>R1,R2</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>`;
    const bom = {
      name: 'BOM',
      xml: sheetXml(rows, 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', p),
    };
    const result = applyOperations(handmade([bom]), {
      kind: 'rows',
      rows: [{ materialCode: 100, op: 'del', designators: 'R1' }],
    });
    expect(result.log[0]).toMatchObject({ status: 'applied', bomRow: 2, newDesignators: 'R2', newQuantity: 1 });
    const xml = unzipText(result.workbook).get('xl/worksheets/sheet2.xml')!;
    expect(xml).toMatch(
      new RegExp(
        String.raw`<x:row><x:c><x:v>100<\/x:v><\/x:c>` +
          String.raw`<x:c r="B2" s="\d+" t="inlineStr"><x:is><x:t>R2<\/x:t><\/x:is><\/x:c>` +
          String.raw`<x:c r="C2" s="\d+"><x:v>1<\/x:v><\/x:c><\/x:row>`,
      ),
    );
    // exceljs cannot read prefixed sheets, so the copy is read back with the engine's own reader
    const copy = readBomModel(xml, '新BOM表', new SharedStrings(), resolveLimits());
    expect(copy.rows.map((r) => [r.rowNumber, r.designators, r.quantity])).toEqual([[2, ['R2'], 1]]);
  });

  it('drops a shared formula whose master cell was overwritten from its dependents, keeping their values', () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>位号</t></is></c><c ' +
      'r="C1" t="inlineStr"><is><t>用量</t></is></c><c r="D1" t="inlineStr"><is><t>x2</t></is></c></row>' +
      '<row r="2"><c r="A2"><v>100</v></c><c r="B2" t="inlineStr"><is><t>R1,R2</t></is></c><c r="C2"><f t="shared" ' +
      'ref="C2:C3" si="0">D2/2</f><v>2</v></c><c r="D2"><v>4</v></c></row>' +
      '<row r="3"><c r="A3"><v>200</v></c><c r="B3" t="inlineStr"><is><t>C1</t></is></c><c r="C3"><f t="shared" ' +
      'si="0"/><v>1</v></c><c r="D3"><v>2</v></c></row>';
    const result = applyOperations(handmade([{ name: '原表', xml: sheetXml(rows) }, OPS]), { kind: 'sheet' });
    const parts = unzipText(result.workbook);
    const original = parts.get('xl/worksheets/sheet1.xml')!;
    const copy = parts.get('xl/worksheets/sheet3.xml')!;
    expect(original).toContain('<f t="shared" si="0"/>');
    expect(copy).not.toContain('t="shared"');
    expect(copy).toContain('<c r="C3"><v>1</v></c>');
  });

  it('adds a styles part when the workbook has none', async () => {
    const bom = {
      name: '原表',
      xml: sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" ' +
          't="inlineStr"><is><t>位号</t></is></c></row><row r="2"><c r="A2"><v>100</v></c><c r="B2" ' +
          't="inlineStr"><is><t>R1</t></is></c></row>',
      ),
    };
    const result = applyOperations(handmade([bom]), {
      kind: 'rows',
      rows: [{ materialCode: '100', op: 'add', designators: 'R2' }],
    });
    expect(unzipText(result.workbook).has('xl/styles.xml')).toBe(true);
    const wb = await readBook(result.workbook);
    expect(sheet(wb, '新BOM表').getCell('B2').value).toBe('R1,R2');
    expect(isHighlighted(sheet(wb, '新BOM表').getCell('B2'))).toBe(true);
  });
});

describe('hostile operations', () => {
  const bom = {
    name: '原表',
    xml: sheetXml(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" ' +
        't="inlineStr"><is><t>位号</t></is></c></row>' +
        `<row r="2"><c r="A2"><v>100</v></c><c r="B2" ` +
        `t="inlineStr"><is><t>${Array.from({ length: 5000 }, (_, i) => `R${i + 1}`).join(',')}</t></is></c></row>`,
    ),
  };
  const bytes = handmade([bom]);

  it('makes an op whose ranges expand past 20,000 designators invalid instead of expanding them', () => {
    const many = Array.from({ length: 100 }, (_, i) => `C${i * 1000 + 1}-C${i * 1000 + 1000}`).join(',');
    const result = applyOperations(bytes, {
      kind: 'rows',
      rows: [{ materialCode: 100, op: 'add', designators: many }],
    });
    expect(result.log[0]).toMatchObject({ status: 'invalid' });
    expect(changeLogNote(result.log[0]!.notes, 'zh-CN')).toContain('20,000');
  });

  it('warns when a written list is longer than Excel allows in one cell', () => {
    const result = applyOperations(bytes, {
      kind: 'rows',
      rows: [{ materialCode: 100, op: 'add', designators: 'LONGPREFIX1-LONGPREFIX1000' }],
    });
    const w = result.summary.warnings.find((x) => x.code === 'cell_too_long');
    expect(w?.params).toEqual({ row: 2, column: 'B', length: result.diff[0]!.after.join(',').length });
    expect(result.diff[0]!.after.join(',').length).toBeGreaterThan(32_767);
  });

  it('removes thousands of designators from a long row in one op, and caps the designators all ops name', () => {
    const result = applyOperations(bytes, {
      kind: 'rows',
      rows: [{ materialCode: 100, op: 'del', designators: 'R1-R1000,R2001-R3000' }],
    });
    expect(result.log[0]).toMatchObject({ status: 'applied', newQuantity: null });
    expect(result.diff[0]!.after).toHaveLength(3000);
    const rows = Array.from({ length: 30 }, () => ({ materialCode: 100, op: 'del', designators: 'R1-R1000' }));
    expectInputError(
      () => applyOperations(bytes, { kind: 'rows', rows }, { limits: { maxOpDesignators: 20_000 } }),
      'too_many_designators',
    );
  });
});

describe('formulas without cached values', () => {
  it('reads them as empty, in linear time even when no cell of the sheet has a value', () => {
    const header =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>物料编码</t></is></c><c r="B1" t="inlineStr"><is><t>位号</t></is></c></row>';
    const body = '<row><c><f>1+1</f></c><c t="str"><f>"R"&amp;1</f></c></row>'.repeat(150_000);
    const result = inspectWorkbook(handmade([{ name: '原表', xml: sheetXml(header + body) }], { nativeZip: true }));
    expect(result.bom.dataRowCount).toBe(150_000); // a formula counts as content
    expect(result.bom.preview[0]).toEqual({ rowNumber: 2, values: [null, null] });
  });
});

describe('ops the run will skip, listed by inspect', () => {
  // An op's cells come from the workbook, and one shared string can fill every op row: listed in full, 20,000 op rows
  // naming one 10,000-character string (a 177 KB upload) came to more than V8 can hold in one JSON string.
  it('lists them within a bounded size however long their cells, totals and counts exact', () => {
    const long = 'x'.repeat(10_000);
    const ops = Array.from({ length: 20_000 }, () => [null, long, long, long, null]);
    const bytes = bomWorkbook([[1, 'A', 1, null, null, 'R1', null]], ops);
    expect(bytes.length).toBeLessThan(250_000);
    const listed = inspectWorkbook(bytes).ops!;
    expect(listed.skippedOpsTotal).toBe(20_000);
    expect(listed.skippedOpCounts).toEqual({ invalid: 20_000 });
    expect(listed.skippedOps.length).toBeGreaterThan(0);
    expect(listed.skippedOps.length).toBeLessThan(20_000);
    expect(listed.skippedOps[0]).toMatchObject({ opRow: 2, status: 'invalid', op: long });
    expect(JSON.stringify(listed.skippedOps).length).toBeLessThan(1_100_000);
  });

  // A material on every BOM row makes every op naming it ambiguous, each note listing every one of those rows.
  it('stays bounded when each skipped op names thousands of BOM rows', () => {
    const bom = Array.from({ length: 3000 }, (_, i) => [1, 'B', 1, null, null, `R${i + 1}`, null]);
    const ops = Array.from({ length: 3000 }, () => [null, 'B', 'del', 'R1', null]);
    const listed = inspectWorkbook(bomWorkbook(bom, ops)).ops!;
    expect(listed.skippedOpCounts).toEqual({ ambiguous: 3000 });
    expect(listed.skippedOps[0]?.reasons[0]).toMatchObject({ code: 'several_rows' });
    expect(JSON.stringify(listed.skippedOps).length).toBeLessThan(1_100_000);
  });
});

describe('warnings listed by inspect', () => {
  // A warning's params carry the op's designators: 20,000 op rows naming one 10,000-character designator (a shared
  // string) listed 200 million characters of warnings from a 180 KB upload; a longer one, more than one string holds.
  it('are listed within a bounded size however long the cells they quote, total and counts exact', () => {
    const designator = `R${'1'.repeat(10_000)}`;
    const ops = Array.from({ length: 20_000 }, () => [null, 'A', 'del', designator, null]);
    const bytes = bomWorkbook([[1, 'A', 1, null, null, 'R1', null]], ops);
    expect(bytes.length).toBeLessThan(250_000);
    const listed = inspectWorkbook(bytes).ops!;
    expect(listed.warningsTotal).toBe(20_000);
    expect(listed.warningCounts).toEqual({ op_designators_not_on_bom: 20_000 });
    expect(listed.warnings[0]?.params).toEqual({ opRow: 2, designators: [designator] });
    expect(JSON.stringify(listed.warnings).length).toBeLessThan(2_100_000);
  });
});

describe('the preview inspect gives of the first rows', () => {
  // One shared string of a million characters in every cell of the first 100 rows: a 6 KB upload previewed as
  // 500 million characters, and a slightly longer string as more than one JSON string can hold.
  it('shows a long cell’s first characters and stays bounded', () => {
    const long = 'x'.repeat(1_000_000);
    const bytes = bomWorkbook(Array.from({ length: 100 }, () => [1, long, 1, long, long, long, long]));
    expect(bytes.length).toBeLessThan(20_000);
    const result = inspectWorkbook(bytes);
    expect(result.bom.dataRowCount).toBe(100);
    expect(result.bom.preview.length).toBe(100);
    const code = result.bom.preview[0]?.values[1];
    expect(typeof code === 'string' && code.startsWith('xxx') && code.endsWith('…')).toBe(true);
    expect(JSON.stringify(result).length).toBeLessThan(2_000_000);
  });
});

describe('material rows listed for the where-used index and the online editor', () => {
  // One 100,000-character shared string as the code of 5,000 rows (a 150 KB upload) listed 500 million characters:
  // copied out of the worker thread and written to the where-used index, the upload failed with a 500 after 12 s.
  it('refuses a workbook whose rows repeat long cells past the bound, and lists an ordinary one', () => {
    const code = 'C'.repeat(100_000);
    const bom = Array.from({ length: 5000 }, (_, i) => [1, code, 1, null, null, `R${i + 1}`, null]);
    expectInputError(() => listMaterialRows(bomWorkbook(bom)), 'zip_bomb');
    const ordinary = Array.from({ length: 5000 }, (_, i) => [1, `C${i}`, 1, null, null, `R${i + 1}`, null]);
    expect(listMaterialRows(bomWorkbook(ordinary))).toHaveLength(5000);
  });
});

describe('designators the BOM sheet names', () => {
  // One shared string listing 5,000 designators on every row: 2,000 rows (a 40 KB upload) held 1 GB for 4 s while
  // inspected, and the 200,000 rows a sheet may have would have held a hundred times that.
  it('are capped in all, like the operations’ designators', () => {
    const list = Array.from({ length: 5000 }, (_, i) => `R${i + 1}`).join(',');
    const bytes = bomWorkbook(Array.from({ length: 50 }, () => [1, 'A', 1, null, null, list, null]));
    expectInputError(
      () => inspectWorkbook(bytes, { limits: { maxBomDesignators: 200_000 } }),
      'too_many_bom_designators',
    );
    expect(inspectWorkbook(bytes, { limits: { maxBomDesignators: 250_000 } }).bom.dataRowCount).toBe(50);
    expect(resolveLimits().maxBomDesignators).toBe(5_000_000);
  });
});
