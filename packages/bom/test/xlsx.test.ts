import { strFromU8, strToU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseSharedStrings } from '../src/xlsx/shared-strings';
import { columnLetter, columnOfRef } from '../src/xlsx/sheet-scanner';
import { decodeXmlText, escapeXmlText, removeAttr, setAttr } from '../src/xlsx/xml';
import { writeZip } from '../src/xlsx/zip';

describe('shared strings', () => {
  it('reads plain, space-preserved, rich-text, empty and prefixed items; skips phonetic runs; decodes entities', () => {
    const sst =
      '<sst xmlns="x"><si><t>位号</t></si><si><t xml:space="preserve"> R1 ' +
      '</t></si><si><r><t>a</t></r><r><rPr/><t>b</t></r></si>' +
      '<si/><si><t>x</t><rPh><t>ふ</t></rPh></si><si><t>A &amp; B &#x4E2D;_x000D_</t></si></sst>';
    expect(parseSharedStrings(sst)).toEqual(['位号', ' R1 ', 'ab', '', 'x', 'A & B 中\r']);
    expect(parseSharedStrings('<x:sst xmlns:x="x"><x:si><x:t>p</x:t></x:si></x:sst>')).toEqual(['p']);
    expect(parseSharedStrings(undefined)).toEqual([]);
  });
});

describe('xml helpers', () => {
  it('escapes text and characters XML cannot carry, and decodes them back', () => {
    const text = 'a<b>&c\u0001';
    expect(escapeXmlText(text)).toBe('a&lt;b&gt;&amp;c_x0001_');
    expect(decodeXmlText(escapeXmlText(text))).toBe(text);
  });
  it('sets and removes attributes on start tags', () => {
    expect(setAttr('<xf numFmtId="0" fillId="0"/>', 'fillId', '7')).toBe('<xf numFmtId="0" fillId="7"/>');
    expect(setAttr('<xf numFmtId="0">', 'applyFill', '1')).toBe('<xf numFmtId="0" applyFill="1">');
    expect(removeAttr('<row r="5" spans="1:16" ht="14">', 'spans')).toBe('<row r="5" ht="14">');
  });
  it('converts column letters', () => {
    expect([1, 26, 27, 52, 703, 16384].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
    expect(['A1', 'Z9', 'AA10', 'XFD1'].map(columnOfRef)).toEqual([1, 26, 27, 16384]);
  });
});

describe('zip writer', () => {
  it('writes archives that an independent reader unpacks, with UTF-8 names', () => {
    const bytes = writeZip(undefined, [
      { name: 'xl/worksheets/sheet1.xml', data: strToU8('<a>位号</a>'.repeat(1000)) },
      { name: '说明.txt', data: new Uint8Array() },
    ]);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(['xl/worksheets/sheet1.xml', '说明.txt']);
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toBe('<a>位号</a>'.repeat(1000));
  });
});
