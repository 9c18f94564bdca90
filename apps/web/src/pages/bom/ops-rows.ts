import type { RouterOutputs } from '@arya/api';
/** The online operations editor's rows: what is sent, which rows are left out, and their problems in the UI's words. */
import { validateOpRows, type OpProblem, type OpRow } from '@arya/bom';
import type { Translate } from '../../i18n/I18nProvider';

/** A row of the uploaded BOM the editor can offer: code, level, row number and designators (from the whole sheet). */
export type BomRowChoice = RouterOutputs['bom']['files']['materialRows']['rows'][number];

export interface EditableOp {
  key: number;
  level: number | null;
  materialCode: string;
  op: 'add' | 'del';
  designators: string;
  /** The BOM row the op is pinned to, for a material on several rows. */
  bomRow: number | null;
}

/** A row with nothing typed in it (the operation has a default): ignored, like a blank row in a sheet. */
function isUntouched(row: EditableOp): boolean {
  return row.level === null && row.materialCode.trim() === '' && row.designators.trim() === '';
}

/** The rows to send: the untouched ones left out. */
export function toOpRows(rows: readonly EditableOp[]): OpRow[] {
  return rows
    .filter((row) => !isUntouched(row))
    .map(({ level, materialCode, op, designators, bomRow }) => ({ level, materialCode, op, designators, bomRow }));
}

/**
 * Editor row index → its index among the rows sent (what the server's `ops.N` errors count), for rows that are sent.
 */
export function sentIndexes(rows: readonly EditableOp[]): Map<number, number> {
  const indexes = new Map<number, number>();
  rows.forEach((row, index) => {
    if (!isUntouched(row)) indexes.set(index, indexes.size);
  });
  return indexes;
}

/** Editor row index → problems, from the engine's own validation (the server runs the same rules again). */
export function rowProblems(rows: readonly EditableOp[]): Map<number, OpProblem[]> {
  const editorIndexOf = [...sentIndexes(rows).keys()];
  return new Map(validateOpRows(toOpRows(rows)).map((error) => [editorIndexOf[error.index]!, error.problems]));
}

export function problemText(problem: OpProblem, t: Translate): string {
  switch (problem.code) {
    case 'invalid_op_type':
    case 'invalid_level':
    case 'invalid_bom_row':
      return t(`bom.ops.problem.${problem.code}`, { value: problem.value });
    case 'malformed_range':
      return t('bom.ops.problem.malformed_range', {
        token: problem.token,
        reason: t(`bom.ops.range.${problem.reason}`),
      });
    default:
      return t(`bom.ops.problem.${problem.code}`);
  }
}

let nextKey = 1;
export function blankOp(): EditableOp {
  return { key: nextKey++, level: null, materialCode: '', op: 'del', designators: '', bomRow: null };
}

/** The BOM rows (among those the editor knows) the op would match by material code and level, as the engine matches. */
export function candidateRows(byCode: ReadonlyMap<string, readonly BomRowChoice[]>, row: EditableOp): BomRowChoice[] {
  const sameCode = byCode.get(row.materialCode.trim()) ?? [];
  return sameCode.filter((choice) => row.level === null || choice.level === row.level);
}

/** The one row the op will change, when the editor can tell: the pinned row, or the only candidate. */
export function targetRow(candidates: readonly BomRowChoice[], row: EditableOp): BomRowChoice | null {
  if (row.bomRow !== null) return candidates.find((choice) => choice.rowNumber === row.bomRow) ?? null;
  return candidates.length === 1 ? candidates[0]! : null;
}

type RunLogEntry = RouterOutputs['bom']['runs']['get']['log'][number];

/** A level as the log kept it (a number, or text as written) for the editor's number box; anything else is no level. */
function levelOf(value: RunLogEntry['level']): number | null {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return null;
}

/**
 * A finished run's operations as editor rows, to fix and run again. Ops that matched one row stay pinned to it (the
 * same result); ambiguous ones come unpinned so the editor offers their rows. Ops whose type was neither add nor del
 * cannot be shown in the editor's choice and are left out (counted in `skipped`).
 */
export function rowsFromRunLog(log: readonly RunLogEntry[]): { rows: EditableOp[]; skipped: number } {
  const rows: EditableOp[] = [];
  for (const entry of log) {
    if (entry.op !== 'add' && entry.op !== 'del') continue;
    rows.push({
      ...blankOp(),
      level: levelOf(entry.level),
      materialCode: entry.materialCode === null ? '' : String(entry.materialCode),
      op: entry.op,
      designators: entry.designators,
      bomRow: entry.bomRow,
    });
  }
  return { rows, skipped: log.length - rows.length };
}
