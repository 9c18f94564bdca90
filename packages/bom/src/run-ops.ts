import type { BomModel } from './bom-model';
import type { ChangeLogEntry } from './change-log';
import { joinDesignators } from './designators';
import { BomInputError } from './errors';
import type { BomLimits } from './limits';
import { matchRows } from './matching';
import type { LogNote } from './notes';
import { isBlankOp, parseOp, type RawOp } from './operations';
import { applyToRow, designatorsChanged, newRowState, type OpEffect, type RowState } from './row-state';
import { emptyStatusCounts, statusOfMatchedOp, type OpStatus } from './statuses';
import { quantityValue } from './values';
import { makeWarning, type BomWarning } from './warnings';

export interface RunResult {
  log: ChangeLogEntry[];
  states: Map<number, RowState>;
  counts: Record<OpStatus, number>;
  opWarnings: BomWarning[];
}

/** Applies ops in sheet order to an evolving copy of the BOM and logs each non-blank op. */
export function runOps(
  model: BomModel,
  ops: readonly RawOp[],
  rowWarnings: ReadonlyMap<number, readonly BomWarning[]>,
  limits: Pick<BomLimits, 'maxOpDesignators'>,
  onOp?: (done: number) => void,
): RunResult {
  let named = 0;
  const log: ChangeLogEntry[] = [];
  const states = new Map<number, RowState>();
  const counts = emptyStatusCounts();
  const opWarnings: BomWarning[] = [];
  const hasQuantity = model.table.columns.quantity !== undefined;
  const currentQuantity = (state: RowState): number | string | null =>
    !hasQuantity ? null : designatorsChanged(state) ? state.designators.length : quantityValue(state.row.quantity);

  ops.forEach((raw, i) => {
    if (onOp && i % 256 === 0) onOp(i);
    if (isBlankOp(raw)) return;
    const op = parseOp(raw);
    named += op.requested.length;
    if (named > limits.maxOpDesignators)
      throw new BomInputError('too_many_designators', { limit: limits.maxOpDesignators });
    const entry: ChangeLogEntry = {
      seq: raw.rowNumber,
      level: raw.level,
      materialCode: raw.materialCode,
      op: op.valid ? op.kind : raw.op === null ? '' : String(raw.op).trim(),
      designators: joinDesignators(op.requested),
      status: 'invalid',
      bomRow: null,
      oldDesignators: null,
      newDesignators: null,
      oldQuantity: null,
      newQuantity: null,
      notes: [],
    };
    const notes: LogNote[] = [];
    if (!op.valid) {
      notes.push(...op.problems.map((problem): LogNote => ({ code: 'problem', params: problem })));
    } else {
      if (op.kind === 'del') {
        const unknown = op.requested.filter((d) => !model.designators.has(d));
        if (unknown.length > 0) {
          const w = makeWarning('op_designators_not_on_bom', { opRow: raw.rowNumber, designators: unknown });
          opWarnings.push(w);
          notes.push({ code: 'warning', params: w });
        }
      }
      const matches = matchRows(model, op.materialKey, op.level, op.bomRow);
      const material = { materialCode: op.materialKey, level: op.level };
      if (matches.length === 0) {
        entry.status = 'not_found';
        notes.unshift(
          op.bomRow === null
            ? { code: 'no_such_material', params: material }
            : { code: 'row_not_material', params: { ...material, bomRow: op.bomRow } },
        );
      } else if (matches.length > 1) {
        entry.status = 'ambiguous';
        notes.unshift({ code: 'several_rows', params: { ...material, rows: matches.map((r) => r.rowNumber) } });
      } else {
        const row = matches[0]!;
        let state = states.get(row.rowNumber);
        if (!state) {
          state = newRowState(row);
          states.set(row.rowNumber, state);
        }
        entry.bomRow = row.rowNumber;
        entry.oldDesignators = joinDesignators(state.designators);
        entry.oldQuantity = currentQuantity(state);
        const effect = applyToRow(state, op.kind, op.requested);
        entry.newDesignators = joinDesignators(state.designators);
        entry.newQuantity = currentQuantity(state);
        entry.status = statusOfMatchedOp(effect.changed.length, effect.noOps.length);
        notes.unshift(...effectNotes(op.kind, effect));
        notes.push(...relevantRowWarnings(rowWarnings.get(row.rowNumber) ?? [], op.requested));
      }
    }
    entry.notes = notes;
    counts[entry.status]++;
    log.push(entry);
  });
  return { log, states, counts, opWarnings };
}

const listed = (list: readonly string[]) => ({ designators: joinDesignators(list) });

function effectNotes(kind: 'add' | 'del', e: OpEffect): LogNote[] {
  const notes: LogNote[] = [];
  if (e.changed.length > 0) notes.push({ code: kind === 'add' ? 'added' : 'deleted', params: listed(e.changed) });
  if (e.removedFromTop.length > 0) notes.push({ code: 'removed_from_top', params: listed(e.removedFromTop) });
  if (e.removedFromBottom.length > 0) notes.push({ code: 'removed_from_bottom', params: listed(e.removedFromBottom) });
  if (e.noOps.length > 0)
    notes.push({ code: kind === 'add' ? 'already_present' : 'not_in_row', params: listed(e.noOps) });
  return notes;
}

function relevantRowWarnings(warnings: readonly BomWarning[], requested: readonly string[]): LogNote[] {
  const wanted = new Set(requested);
  return warnings
    .filter((w) => w.code !== 'duplicate_designator' || wanted.has(w.params.designator))
    .map((w) => ({ code: 'warning', params: w }));
}
