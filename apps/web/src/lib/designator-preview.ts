import { parseDesignators, type MalformedRange } from '@arya/bom';

export interface DesignatorPreview {
  /** Expanded, upper-cased, first-occurrence order, each once. */
  items: string[];
  /** Written more than once (directly or through overlapping ranges); counted once. */
  repeated: string[];
  malformed: MalformedRange[];
  /** For a removal: designators the chosen BOM row does not have. */
  notInBom: string[];
  /** For an addition: designators the chosen BOM row already has. */
  alreadyInBom: string[];
}

/**
 * What an online operation row will do, shown live as the person types: ranges expanded by the engine's own parser
 * (so the preview and the run can never disagree), and checked against the BOM row the material code picked.
 */
export function previewDesignators(
  text: string,
  op: 'add' | 'del' | null,
  bomDesignators: readonly string[] | null,
): DesignatorPreview {
  const parsed = parseDesignators(text);
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const item of parsed.items) {
    if (seen.has(item)) repeated.add(item);
    seen.add(item);
  }
  const items = [...seen];
  const inBom = bomDesignators ? new Set(bomDesignators.map((d) => d.toUpperCase())) : null;
  return {
    items,
    repeated: [...repeated],
    malformed: parsed.malformed,
    notInBom: inBom && op === 'del' ? items.filter((item) => !inBom.has(item)) : [],
    alreadyInBom: inBom && op === 'add' ? items.filter((item) => inBom.has(item)) : [],
  };
}
