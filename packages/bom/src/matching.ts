import type { BomModel, BomRow } from './bom-model';

/**
 * Rows with the op's material code and, when the op gives a level, that level (a row without a level never matches);
 * when the op gives a BOM row, only that row — so an op can name one of several rows of the same material.
 */
export function matchRows(
  model: BomModel,
  materialKey: string,
  level: number | null,
  bomRow: number | null = null,
): BomRow[] {
  const candidates = model.byMaterial.get(materialKey) ?? [];
  return candidates.filter(
    (row) => (level === null || row.level === level) && (bomRow === null || row.rowNumber === bomRow),
  );
}
