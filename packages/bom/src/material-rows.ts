import { bomSheetOf } from './apply';
import { readBomModel } from './bom-model';
import { BomInputError } from './errors';
import { resolveLimits, type BomLimits } from './limits';
import { quantityValue, type CellValue } from './values';
import { openWorkbook, readSheetXml } from './xlsx/package';

function numericQuantity(value: CellValue): number | null {
  const quantity = quantityValue(value);
  return typeof quantity === 'number' ? quantity : null;
}

/** A BOM row as an operations editor needs it: the code ops match on, the level, the row to pin, its designators. */
export interface MaterialRow {
  rowNumber: number;
  /** The material code as the engine matches it (numbers as their text, trimmed). */
  materialCode: string;
  level: number | null;
  /** the quantity cell as a number; null when blank, not numeric or the sheet has no quantity column */
  quantity: number | null;
  designators: string[];
}

/**
 * Characters of codes and designators the listed rows may hold in all (64 million: a BOM of 200,000 distinct rows
 * holds a small part of it). One shared string can fill every row's cell, and the rows are copied out of the worker
 * thread, written to the where-used index and read back in pages, so without it a 150 KB upload listed 500 million.
 */
export const MATERIAL_ROWS_MAX_CHARS = 64_000_000;

/** Every row of the BOM sheet that has a material code, in sheet order. */
export function listMaterialRows(bytes: Uint8Array, options: { limits?: Partial<BomLimits> } = {}): MaterialRow[] {
  const limits = resolveLimits(options.limits);
  const book = openWorkbook(bytes, limits);
  const sheet = bomSheetOf(book);
  const model = readBomModel(readSheetXml(book, sheet), sheet.name, book.sharedStrings, limits);
  const rows: MaterialRow[] = [];
  let chars = 0;
  for (const row of model.rows) {
    if (row.materialKey === null) continue;
    chars += row.materialKey.length;
    for (const designator of row.designators) chars += designator.length + 1;
    if (chars > MATERIAL_ROWS_MAX_CHARS) {
      throw new BomInputError('zip_bomb', {
        reason: `rows ${rows[0]?.rowNumber ?? row.rowNumber}–${row.rowNumber} repeat long cells`,
        limit: MATERIAL_ROWS_MAX_CHARS,
      });
    }
    rows.push({
      rowNumber: row.rowNumber,
      materialCode: row.materialKey,
      level: row.level,
      quantity: numericQuantity(row.quantity),
      designators: row.designators,
    });
  }
  return rows;
}
