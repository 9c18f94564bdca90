import { BomInputError } from '../errors';
import type { BomLimits } from '../limits';
import { parseSharedStrings } from './shared-strings';
import { readWorkbookParts, type SheetRef, type WorkbookParts } from './workbook';
import { readEntryText, readZip, type ZipArchive } from './zip';

/** An opened .xlsx: the container, the workbook parts and the shared strings; sheets are read on demand. */
export interface OpenedWorkbook {
  zip: ZipArchive;
  parts: WorkbookParts;
  sharedStrings: string[];
  limits: BomLimits;
}

export function openWorkbook(bytes: Uint8Array, limits: BomLimits): OpenedWorkbook {
  const zip = readZip(bytes, limits);
  const parts = readWorkbookParts(zip, limits);
  if (parts.sheets.length === 0) throw new BomInputError('empty_workbook', {});
  const sharedStrings = parseSharedStrings(
    parts.sharedStringsPath ? readEntryText(zip, parts.sharedStringsPath, limits) : undefined,
  );
  return { zip, parts, sharedStrings, limits };
}

export function readSheetXml(book: OpenedWorkbook, sheet: SheetRef): string {
  const xml = readEntryText(book.zip, sheet.path, book.limits);
  if (xml === undefined) throw new BomInputError('not_xlsx', { reason: `missing part ${sheet.path}` });
  return xml;
}

export function findSheet(book: OpenedWorkbook, name: string): SheetRef | undefined {
  return book.parts.sheets.find((s) => s.name === name);
}
