/** A cell value as read from a sheet: shared/inline strings, numbers, booleans, cached formula results. */
export type CellValue = string | number | boolean | null;

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Integer text of a number without exponent notation (80218559.0 → "80218559"). */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return String(n);
}

/**
 * The key a material code compares by: trimmed text, with numeric cells as their integer text.
 * Leading zeros in text cells count ("00123" ≠ 123). Returns null for an empty code.
 */
export function materialCodeKey(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? numberText(value) : String(value).trim();
  return text === '' ? null : text;
}

/** Levels compare as integers: 3, 3.0 and "3" are level 3. Returns null when blank, NaN when not an integer. */
export function parseLevel(value: CellValue | undefined): number | null {
  if (isBlank(value ?? null)) return null;
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number.NaN;
  if (typeof value === 'boolean') return Number.NaN;
  const text = String(value).trim();
  if (!/^[+-]?\d+(\.0*)?$/.test(text)) return Number.NaN;
  return Number.parseInt(text, 10);
}

/** Text of a cell for designator parsing and display. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  return String(value);
}

/** A quantity as a number when it is one (or numeric text), otherwise the raw value. */
export function quantityValue(value: CellValue | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  const text = String(value).trim();
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

export function sameText(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
