import type { BomModel } from './bom-model';
import type { ChangeLogEntry } from './change-log';
import { joinDesignators } from './designators';
import { BomInputError } from './errors';
import type { BomLimits } from './limits';
import { matchRows } from './matching';
import { describeProblem, isBlankOp, parseOp, type RawOp } from './operations';
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
      note: '',
    };
    const notes: string[] = [];
    if (!op.valid) {
      notes.push(...op.problems.map(describeProblem));
    } else {
      if (op.kind === 'del') {
        const unknown = op.requested.filter((d) => !model.designatorRow.has(d));
        if (unknown.length > 0) {
          const w = makeWarning('op_designators_not_on_bom', { opRow: raw.rowNumber, designators: unknown });
          opWarnings.push(w);
          notes.push(w.message);
        }
      }
      const matches = matchRows(model, op.materialKey, op.level, op.bomRow);
      const levelText = op.level === null ? '' : `（级别 ${op.level}）`;
      if (matches.length === 0) {
        entry.status = 'not_found';
        notes.unshift(
          op.bomRow === null
            ? `BOM 中没有物料 ${op.materialKey}${levelText}`
            : `BOM 第 ${op.bomRow} 行不是物料 ${op.materialKey}${levelText}`,
        );
      } else if (matches.length > 1) {
        entry.status = 'ambiguous';
        notes.unshift(
          `物料 ${op.materialKey}${levelText} 匹配到 ${matches.length} 行：${matches.map((r) => r.rowNumber).join(',')}，未执行（可在「BOM行」列指定其中一行）`,
        );
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
    entry.note = notes.join('；');
    counts[entry.status]++;
    log.push(entry);
  });
  return { log, states, counts, opWarnings };
}

function effectNotes(kind: 'add' | 'del', e: OpEffect): string[] {
  const notes: string[] = [];
  if (e.changed.length > 0) notes.push(`${kind === 'add' ? '已增加' : '已删除'} ${joinDesignators(e.changed)}`);
  if (e.removedFromTop.length > 0) notes.push(`同时从A面位号删除 ${joinDesignators(e.removedFromTop)}`);
  if (e.removedFromBottom.length > 0) notes.push(`同时从B面位号删除 ${joinDesignators(e.removedFromBottom)}`);
  if (e.noOps.length > 0)
    notes.push(`${kind === 'add' ? '已存在，未增加' : '不在位号中，未删除'} ${joinDesignators(e.noOps)}`);
  return notes;
}

function relevantRowWarnings(warnings: readonly BomWarning[], requested: readonly string[]): string[] {
  const wanted = new Set(requested);
  return warnings
    .filter((w) => w.code !== 'duplicate_designator' || wanted.has(w.params.designator))
    .map((w) => w.message);
}
