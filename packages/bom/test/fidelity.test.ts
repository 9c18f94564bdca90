import { describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '../src/fixtures/index';
import { applyOperations } from '../src/index';
import { BUILT_STYLES } from '../src/xlsx/build-workbook';
import { bomWorkbook, isHighlighted, readBook, sheet, unzipText } from './helpers';

const xfs = (xml: string) => /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)![1]!;
const REWRITTEN = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml']);

describe('output fidelity', () => {
  const generated = generateBomWorkbook({ rows: 120, opsCount: 40, seed: 2, titleRows: 1 });
  const result = applyOperations(generated.bom, { kind: 'sheet' });

  it('keeps every original part byte for byte except the four that list sheets and formats', () => {
    const before = unzipText(generated.bom);
    const after = unzipText(result.workbook);
    const kept = [...before.keys()].filter((name) => !REWRITTEN.has(name));
    expect(kept.filter((name) => after.get(name) !== before.get(name))).toEqual([]);
    expect(kept).toEqual(
      expect.arrayContaining([
        'xl/worksheets/sheet1.xml',
        'xl/worksheets/sheet2.xml',
        'xl/sharedStrings.xml',
        '_rels/.rels',
      ]),
    );
    expect([...after.keys()].filter((k) => !before.has(k))).toHaveLength(3); // 新BOM表, 变更日志 and 校验警告
  });

  it('appends 新BOM表, 变更日志 and 校验警告 after the original sheets, original ones unchanged', async () => {
    const wb = await readBook(result.workbook);
    const original = await readBook(generated.bom);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '新BOM表', '变更日志', '校验警告']);
    for (const name of ['原表', '操作指示表']) {
      const a = sheet(wb, name);
      const b = sheet(original, name);
      expect(a.rowCount).toBe(b.rowCount);
      const values = (ws: typeof a) => Array.from({ length: ws.rowCount }, (_, r) => ws.getRow(r + 1).values);
      expect(values(a)).toEqual(values(b));
    }
  });

  it('adds formats without renumbering existing ones', () => {
    const before = unzipText(generated.bom).get('xl/styles.xml')!;
    const after = unzipText(result.workbook).get('xl/styles.xml')!;
    expect(xfs(after).startsWith(xfs(before))).toBe(true);
  });

  it('keeps the rest of a changed cell’s format and only adds the solid fill', async () => {
    const bytes = bomWorkbook(
      [[1, 'A', 1, null, null, { value: 'R1', style: BUILT_STYLES.text }, null]],
      [[null, 'A', 'add', 'R2', null]],
    );
    const wb = await readBook(applyOperations(bytes, { kind: 'sheet' }).workbook);
    const cell = sheet(wb, '新BOM表').getCell('F2');
    expect(cell.value).toBe('R1,R2');
    expect(cell.numFmt).toBe('@');
    expect(isHighlighted(cell)).toBe(true);
    expect(sheet(wb, '原表').getCell('F2').numFmt).toBe('@');
    expect(isHighlighted(sheet(wb, '原表').getCell('F2'))).toBe(false);
  });

  it('writes the copy without tab selection so Excel does not open grouped sheets', () => {
    const parts = unzipText(result.workbook);
    const copies = [...parts.entries()].filter(([k]) => k.startsWith('xl/worksheets/')).slice(-3);
    for (const [, xml] of copies) expect(xml).not.toContain('tabSelected');
  });

  it('names the new sheets with a suffix when the workbook already has them', async () => {
    const again = applyOperations(result.workbook, { kind: 'sheet' });
    const wb = await readBook(again.workbook);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '原表',
      '操作指示表',
      '新BOM表',
      '变更日志',
      '校验警告',
      '新BOM表(2)',
      '变更日志(2)',
      '校验警告(2)',
    ]);
    expect(again.summary.warnings.filter((w) => w.code === 'sheet_renamed')).toHaveLength(3);
  });
});
