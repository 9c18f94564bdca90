/** Byte-level facts about uploaded files and the names of downloads. */

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary: legacy .xls, and also encrypted .xlsx (Office wraps those in CFB). */
const CFB_HEADER = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.byteLength >= magic.length && magic.every((byte, i) => bytes[i] === byte);

/**
 * First look at the content (the engine then checks the zip holds a workbook part). Names and extensions are ignored.
 */
export function sniffWorkbook(bytes: Uint8Array): 'zip' | 'cfb' | 'other' {
  if (startsWith(bytes, ZIP_LOCAL_HEADER)) return 'zip';
  if (startsWith(bytes, CFB_HEADER)) return 'cfb';
  return 'other';
}

/** The name as the user's system gave it, without any path, control characters or excess length. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  // oxlint-disable-next-line no-control-regex -- removing control characters is the point
  const cleaned = base.replaceAll(/[\u0000-\u001f\u007f]/g, '').trim();
  const limited = [...cleaned].slice(0, 200).join('');
  return limited || 'workbook.xlsx';
}

/** `原BOM.xlsx` → `原BOM-新BOM.xlsx`. */
export function resultFileName(originalName: string): string {
  const stem = originalName.replace(/\.xlsx$/i, '');
  return `${stem}-新BOM.xlsx`;
}

const stemOf = (name: string) => name.replace(/\.xlsx$/i, '');

/** `旧.xlsx` + `新.xlsx` → `旧-对比-新.xlsx`; a run's input against its result → `原BOM-对比.xlsx`. */
export function comparisonFileName(oldName: string, newName?: string): string {
  return newName === undefined ? `${stemOf(oldName)}-对比.xlsx` : `${stemOf(oldName)}-对比-${stemOf(newName)}.xlsx`;
}

/** RFC 5987 `attr-char`s stay as they are; everything else is percent-encoded UTF-8. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replaceAll(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII `filename` fallback for old clients, and `filename*` with
 * the exact UTF-8 name (RFC 5987) that current browsers use.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replaceAll(/[^\x20-\x7e]/g, '_').replaceAll(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
