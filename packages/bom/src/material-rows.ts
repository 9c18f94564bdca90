import { bomSheetOf } from './apply';
import { readBomModel } from './bom-model';
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

/** Every row of the BOM sheet that has a material code, in sheet order. */
export function listMaterialRows(bytes: Uint8Array, options: { limits?: Partial<BomLimits> } = {}): MaterialRow[] {
  const limits = resolveLimits(options.limits);
  const book = openWorkbook(bytes, limits);
  const sheet = bomSheetOf(book);
  const model = readBomModel(readSheetXml(book, sheet), sheet.name, book.sharedStrings, limits);
  return model.rows.flatMap((row) =>
    row.materialKey === null
      ? []
      : [
          {
            rowNumber: row.rowNumber,
            materialCode: row.materialKey,
            level: row.level,
            quantity: numericQuantity(row.quantity),
            designators: row.designators,
          },
        ],
  );
}
