import { parseDesignators, splitTokens, uniqueInOrder, type MalformedRange } from './designators';
import type { OpRow } from './op-row-schema';
import { materialCodeKey, parseLevel, type CellValue } from './values';

export type OpKind = 'add' | 'del';

const ADD_WORDS = new Set(['add', '增加', '新增']);
const DEL_WORDS = new Set(['del', 'delete', '删除', 'remove']);

/** add/增加/新增 → add, del/delete/删除/remove → del (trimmed, case-insensitive); anything else → null. */
export function parseOpKind(value: CellValue | undefined): OpKind | null {
  const text = value === null || value === undefined ? '' : String(value).trim().toLowerCase();
  if (ADD_WORDS.has(text)) return 'add';
  if (DEL_WORDS.has(text)) return 'del';
  return null;
}

export type OpProblem =
  | { code: 'invalid_op_type'; value: string }
  | { code: 'empty_material_code' }
  | { code: 'empty_designators' }
  | { code: 'invalid_level'; value: string }
  | { code: 'invalid_bom_row'; value: string }
  | { code: 'malformed_range'; token: string; reason: MalformedRange['reason'] };

/** An op read from a sheet or from online rows, before validation. */
export interface RawOp {
  /** Excel row number in its sheet (for online rows: index + 2, as if under a header in row 1). */
  rowNumber: number;
  level: CellValue;
  materialCode: CellValue;
  op: CellValue;
  designators: CellValue;
  /** The BOM row the op is pinned to (optional column), as written. */
  bomRow: CellValue;
}

export type ParsedOp =
  | {
      valid: true;
      raw: RawOp;
      kind: OpKind;
      materialKey: string;
      level: number | null;
      bomRow: number | null;
      requested: string[];
    }
  | { valid: false; raw: RawOp; problems: OpProblem[]; requested: string[] };

/** Validation comes before matching: every rule that makes an op `invalid`. */
export function parseOp(raw: RawOp): ParsedOp {
  const problems: OpProblem[] = [];
  const kind = parseOpKind(raw.op);
  if (!kind) problems.push({ code: 'invalid_op_type', value: raw.op === null ? '' : String(raw.op).trim() });
  const materialKey = materialCodeKey(raw.materialCode);
  if (materialKey === null) problems.push({ code: 'empty_material_code' });
  const level = parseLevel(raw.level);
  if (Number.isNaN(level)) problems.push({ code: 'invalid_level', value: String(raw.level).trim() });
  const bomRow = parseLevel(raw.bomRow);
  if (Number.isNaN(bomRow) || (bomRow !== null && bomRow < 1))
    problems.push({ code: 'invalid_bom_row', value: String(raw.bomRow).trim() });
  const parsed = parseDesignators(raw.designators === null ? '' : String(raw.designators));
  for (const m of parsed.malformed) problems.push({ code: 'malformed_range', token: m.token, reason: m.reason });
  const requested = uniqueInOrder(parsed.items);
  if (requested.length === 0 && parsed.malformed.length === 0) problems.push({ code: 'empty_designators' });
  if (problems.length > 0 || !kind || materialKey === null) {
    // an invalid op is logged with its tokens as written (a malformed range cannot be expanded)
    return {
      valid: false,
      raw,
      problems,
      requested: uniqueInOrder(splitTokens(raw.designators === null ? '' : String(raw.designators))),
    };
  }
  return { valid: true, raw, kind, materialKey, level, bomRow, requested };
}

/** A row is skipped (not logged) when its material-code, operation and designator cells are all empty. */
export function isBlankOp(raw: Pick<RawOp, 'materialCode' | 'op' | 'designators'>): boolean {
  return [raw.materialCode, raw.op, raw.designators].every(
    (v) => v === null || (typeof v === 'string' && v.trim() === ''),
  );
}

export function rawOpFromRow(row: OpRow, index: number): RawOp {
  return {
    rowNumber: index + 2,
    level: row.level ?? null,
    materialCode: row.materialCode,
    op: row.op,
    designators: row.designators,
    bomRow: row.bomRow ?? null,
  };
}

export interface OpRowErrors {
  index: number;
  /** worded by `problemText` (texts.ts) in the reader's language */
  problems: OpProblem[];
}

/** Per-row errors for online-entered ops, by the same rules as the sheet. Blank rows are ignored, as in a sheet. */
export function validateOpRows(rows: readonly OpRow[]): OpRowErrors[] {
  const errors: OpRowErrors[] = [];
  rows.forEach((row, index) => {
    const raw = rawOpFromRow(row, index);
    if (isBlankOp(raw)) return;
    const parsed = parseOp(raw);
    if (!parsed.valid) errors.push({ index, problems: parsed.problems });
  });
  return errors;
}
