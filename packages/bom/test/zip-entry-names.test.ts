import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyOperations, BomInputError, inspectWorkbook } from '../src/index';
import { writeZip } from '../src/xlsx/zip';

const part = (name: string) => ({ name, data: strToU8('<x/>') });
const workbookParts = ['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml'].map(part);

function refusal(run: () => unknown): BomInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BomInputError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('zip entries that would unpack outside their folder (issue 10 item 8)', () => {
  it.each([
    ['../../../../tmp/x.txt', '".." segment'],
    ['xl/../../evil.xml', '".." segment'],
    ['/etc/cron.d/x', 'absolute path'],
    ['..\\..\\evil.bat', 'backslash'],
    ['C:/Windows/evil.dll', 'drive letter'],
  ])('refuses %s (%s) before reading anything, naming the entry', (name, problem) => {
    const bytes = writeZip(undefined, [...workbookParts, part(name)]);
    const error = refusal(() => inspectWorkbook(bytes));
    expect(error.code).toBe('unsafe_zip_entry');
    expect(error.params).toEqual({ name, problem });
    expect(error.message).toContain(name);
    expect(error.messageZh).toContain(name);
  });

  it('refuses two entries of one name (also when only the case differs)', () => {
    const bytes = writeZip(undefined, [...workbookParts, part('xl/Workbook.xml')]);
    expect(refusal(() => inspectWorkbook(bytes)).params).toEqual({
      name: 'xl/Workbook.xml',
      problem: 'duplicate name',
    });
  });

  it('refuses them in the engine too, so a result never carries them on', () => {
    const bytes = writeZip(undefined, [...workbookParts, part('../x.txt')]);
    expect(refusal(() => applyOperations(bytes, { kind: 'sheet' })).code).toBe('unsafe_zip_entry');
  });
});
