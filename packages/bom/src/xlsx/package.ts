import { BomInputError } from '../errors';
import type { BomLimits } from '../limits';
import { byteStringOf } from './byte-string';
import { SharedStrings } from './shared-strings';
import { readWorkbookParts, type SheetRef, type WorkbookParts } from './workbook';
import { readEntry, readZip, type ZipArchive } from './zip';

/** An opened .xlsx: the container, the workbook parts and the shared strings; sheets are read on demand. */
export interface OpenedWorkbook {
  zip: ZipArchive;
  parts: WorkbookParts;
  sharedStrings: SharedStrings;
  limits: BomLimits;
}

export function openWorkbook(bytes: Uint8Array, limits: BomLimits): OpenedWorkbook {
  const zip = readZip(bytes, limits);
  const parts = readWorkbookParts(zip, limits);
  if (parts.sheets.length === 0) throw new BomInputError('empty_workbook', {});
  const sharedStringsEntry = parts.sharedStringsPath ? zip.byName.get(parts.sharedStringsPath) : undefined;
  const sharedStrings = new SharedStrings(
    sharedStringsEntry && byteStringOf(readEntry(zip, sharedStringsEntry, limits)),
  );
  return { zip, parts, sharedStrings, limits };
}

/** A worksheet's XML as a byte string (`byte-string.ts`). */
export function readSheetXml(book: OpenedWorkbook, sheet: SheetRef): string {
  const entry = book.zip.byName.get(sheet.path);
  if (entry === undefined) throw new BomInputError('not_xlsx', { reason: `missing part ${sheet.path}` });
  return byteStringOf(readEntry(book.zip, entry, book.limits));
}

export function findSheet(book: OpenedWorkbook, name: string): SheetRef | undefined {
  return book.parts.sheets.find((s) => s.name === name);
}
