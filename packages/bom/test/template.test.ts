import { describe, expect, it } from 'vitest';
import { applyOperations, buildTemplate, inspectWorkbook } from '../src/index';
import { TEMPLATE_BOM_HEADERS, TEMPLATE_OPS_HEADERS } from '../src/template';
import { readBook, rowValues, sheet } from './helpers';

describe('buildTemplate', () => {
  const bytes = buildTemplate();

  it('has 原表 and 操作指示表 with their headers and an instructions sheet', async () => {
    const wb = await readBook(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '说明']);
    expect(rowValues(sheet(wb, '原表'), 1, TEMPLATE_BOM_HEADERS.length)).toEqual([...TEMPLATE_BOM_HEADERS]);
    expect(rowValues(sheet(wb, '操作指示表'), 1, TEMPLATE_OPS_HEADERS.length)).toEqual([...TEMPLATE_OPS_HEADERS]);
    expect(String(sheet(wb, '说明').getCell('A2').value)).toContain('原表');
  });

  it('offers a list of operation types on the 操作类型 column', async () => {
    const wb = await readBook(bytes);
    const validation = sheet(wb, '操作指示表').getCell('C2').dataValidation;
    expect(validation).toMatchObject({ type: 'list', formulae: ['"add,del,增加,删除"'] });
    expect(sheet(wb, '操作指示表').getCell('C4999').dataValidation?.type).toBe('list');
  });

  it('is accepted by the engine once filled in', () => {
    const inspected = inspectWorkbook(bytes);
    expect(inspected.bom).toMatchObject({ sheet: '原表', headerRow: 1, dataRowCount: 0 });
    expect(Object.keys(inspected.bom.roles).toSorted()).toEqual([
      'bottomDesignators',
      'designators',
      'level',
      'materialCode',
      'quantity',
      'topDesignators',
    ]);
    expect(Object.keys(inspected.ops?.roles ?? {}).toSorted()).toEqual([
      'bomRow',
      'designators',
      'level',
      'materialCode',
      'op',
    ]);
    expect(applyOperations(bytes, { kind: 'sheet' }).log).toEqual([]);
  });
});
