import type { BomModel, BomRow } from './bom-model';

/** Rows with the op's material code and, when the op gives a level, that level (a row without a level never matches). */
export function matchRows(model: BomModel, materialKey: string, level: number | null): BomRow[] {
  const candidates = model.byMaterial.get(materialKey) ?? [];
  return level === null ? candidates : candidates.filter((row) => row.level === level);
}
