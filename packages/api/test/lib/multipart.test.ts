import { describe, expect, it } from 'vitest';
import { uploadInput } from '../../src/modules/bom/schemas';

function form(fields: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

const workbook = new File([new Uint8Array([80, 75, 3, 4])], 'bom.xlsx');

describe('multipart inputs (bom.files.upload)', () => {
  it('reads the fields, applying the default kind', () => {
    expect(uploadInput.parse(form({ file: workbook }))).toEqual({ kind: 'bom', file: workbook, name: 'bom.xlsx' });
    expect(uploadInput.parse(form({ file: workbook, kind: 'ops' })).kind).toBe('ops');
  });

  it('names each bad field with a message a caller can act on', () => {
    const result = uploadInput.safeParse(form({ file: 'not a file', kind: 'sheet' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(({ path, message }) => ({ path, message }))).toEqual([
      { path: ['file'], message: 'attach the workbook as the "file" field' },
      { path: ['kind'], message: 'must be "bom" or "ops"' },
    ]);
  });

  it('refuses a body that is not a form', () => {
    expect(uploadInput.safeParse({ file: workbook }).success).toBe(false);
  });
});
