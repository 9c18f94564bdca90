import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, resultFileName, sniffWorkbook } from '../../../src/modules/bom/file-bytes';

describe('download names', () => {
  it('names the result after the upload', () => {
    expect(resultFileName('主板BOM.xlsx')).toBe('主板BOM-新BOM.xlsx');
    expect(resultFileName('BOM.XLSX')).toBe('BOM-新BOM.xlsx');
    expect(resultFileName('export')).toBe('export-新BOM.xlsx');
  });

  it('writes an RFC 6266 header: ASCII fallback plus the exact UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('主板 BOM-新BOM.xlsx')).toBe(
      `attachment; filename="__ BOM-_BOM.xlsx"; filename*=UTF-8''%E4%B8%BB%E6%9D%BF%20BOM-%E6%96%B0BOM.xlsx`,
    );
    // quotes and backslashes cannot break out of the quoted fallback; RFC 5987 reserves ' ( ) * too
    expect(contentDisposition(`a"b\\c'(d)*.xlsx`)).toBe(
      `attachment; filename="a_b_c'(d)*.xlsx"; filename*=UTF-8''a%22b%5Cc%27%28d%29%2A.xlsx`,
    );
  });

  it('keeps only the base name of an upload, without control characters', () => {
    expect(cleanFileName('C:\\Users\\王\\Desktop\\BOM.xlsx')).toBe('BOM.xlsx');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\r\n.xlsx')).toBe('ab.xlsx');
    expect(cleanFileName('   ')).toBe('workbook.xlsx');
    expect([...cleanFileName('表'.repeat(500))]).toHaveLength(200);
  });
});

describe('content sniffing', () => {
  it('tells a zip from an OLE compound file (.xls) from anything else, whatever the name', () => {
    expect(sniffWorkbook(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('zip');
    expect(sniffWorkbook(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('cfb');
    expect(sniffWorkbook(new TextEncoder().encode('name,qty\n'))).toBe('other');
    expect(sniffWorkbook(new Uint8Array(0))).toBe('other');
  });
});
