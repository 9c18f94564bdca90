import type { RouterOutputs } from '@arya/api';

export type Run = RouterOutputs['bom']['runs']['get'];
export type RunStatus = Run['status'];
export type ChangeLogEntry = Run['log'][number];
export type OpStatus = ChangeLogEntry['status'];
export type RowDiff = Run['diff'][number];

export const runStatusColour: Record<RunStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

export const opStatusColour: Record<OpStatus, string> = {
  applied: 'green',
  partial: 'gold',
  unchanged: 'default',
  not_found: 'red',
  ambiguous: 'orange',
  invalid: 'red',
};

/** A quantity cell as the workbook shows it. */
export function quantityText(value: number | string | null): string {
  return value === null ? '—' : String(value);
}
