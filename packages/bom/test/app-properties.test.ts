import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyOperations } from '../src/apply';
import { withWorksheetTitles } from '../src/xlsx/app-properties';
import { bomWorkbook, unzipText } from './helpers';

/** docProps/app.xml as Excel writes it (zh-CN labels): two worksheets and one named range. */
function excelAppXml(
  sheets: string[],
  extraGroups: Array<[string, string[]]> = [['命名范围', ['原表!Print_Area']]],
): string {
  const groups: Array<[string, string[]]> = [['工作表', sheets], ...extraGroups];
  const pairs = groups.map(
    ([label, items]) =>
      `<vt:variant><vt:lpstr>${label}</vt:lpstr></vt:variant><vt:variant><vt:i4>${items.length}</vt:i4></vt:variant>`,
  );
  const titles = groups.flatMap(([, items]) => items).map((title) => `<vt:lpstr>${title}</vt:lpstr>`);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
    `<HeadingPairs><vt:vector size="${pairs.length * 2}" ` +
    `baseType="variant">${pairs.join('')}</vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${titles.length}" ` +
    `baseType="lpstr">${titles.join('')}</vt:vector></TitlesOfParts>` +
    '<Company></Company><AppVersion>16.0300</AppVersion></Properties>'
  );
}

const titlesOf = (xml: string) => [...xml.matchAll(/<vt:lpstr>([^<]*)<\/vt:lpstr>/g)].map((m) => m[1]);

describe('docProps/app.xml titles', () => {
  it('adds the new sheets after the existing worksheets, updating the group count and the vector size', () => {
    const xml = withWorksheetTitles(
      excelAppXml(['原表', '操作指示表']),
      ['原表', '操作指示表'],
      ['新BOM表', '变更日志'],
    );
    expect(xml).not.toBeNull();
    expect(titlesOf(xml!)).toEqual([
      '工作表',
      '命名范围',
      '原表',
      '操作指示表',
      '新BOM表',
      '变更日志',
      '原表!Print_Area',
    ]);
    expect(xml).toContain('<vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>4</vt:i4>');
    expect(xml).toContain('<vt:lpstr>命名范围</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>');
    expect(xml).toContain('<TitlesOfParts><vt:vector size="5" baseType="lpstr">');
    expect(xml).toContain('<HeadingPairs><vt:vector size="4" baseType="variant">');
    expect(xml).toContain('<AppVersion>16.0300</AppVersion>');
  });

  it('escapes sheet names and matches escaped titles', () => {
    const xml = withWorksheetTitles(excelAppXml(['R&amp;D']), ['R&D'], ['a<b']);
    expect(xml).toContain('<vt:lpstr>R&amp;D</vt:lpstr><vt:lpstr>a&lt;b</vt:lpstr>');
  });

  it('leaves parts it does not recognise alone', () => {
    // titles that are not the workbook's sheets, chart sheets in their own group, counts that do not add up, no titles
    expect(withWorksheetTitles(excelAppXml(['Sheet1']), ['原表'], ['新BOM表'])).toBeNull();
    expect(
      withWorksheetTitles(excelAppXml(['原表'], [['图表', ['Chart1']]]), ['原表', 'Chart1'], ['新BOM表']),
    ).toBeNull();
    expect(
      withWorksheetTitles(excelAppXml(['原表']).replace('<vt:i4>1</vt:i4>', '<vt:i4>2</vt:i4>'), ['原表'], ['x']),
    ).toBeNull();
    expect(
      withWorksheetTitles('<Properties><Application>LibreOffice</Application></Properties>', ['原表'], ['x']),
    ).toBeNull();
  });

  it('is updated in the output workbook, and every other part stays as it was', () => {
    const plain = unzipSync(bomWorkbook([[1, 'M1', 1, null, null, 'R1', null]], [[1, 'M1', 'add', 'R2', null]]));
    const appXml = excelAppXml(['原表', '操作指示表']);
    const rootRels = new TextDecoder()
      .decode(plain['_rels/.rels'])
      .replace(
        '</Relationships>',
        '<Relationship Id="rId9" ' +
          'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" ' +
          'Target="docProps/app.xml"/></Relationships>',
      );
    const input = zipSync({ ...plain, '_rels/.rels': strToU8(rootRels), 'docProps/app.xml': strToU8(appXml) });

    const output = unzipText(applyOperations(input, { kind: 'sheet' }).workbook);
    expect(titlesOf(output.get('docProps/app.xml')!)).toEqual([
      '工作表',
      '命名范围',
      '原表',
      '操作指示表',
      '新BOM表',
      '变更日志',
      '原表!Print_Area',
    ]);
    expect(output.get('_rels/.rels')).toBe(rootRels);
  });
});
