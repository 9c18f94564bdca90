import type { OpProblem } from './operations';
import type { BomWarning } from './warnings';

/** What a 说明 note says, as a code with its params; `noteText` (texts.ts) words it in either language. */
export interface NoteParams {
  /** designators joined by "," */
  added: { designators: string };
  deleted: { designators: string };
  removed_from_top: { designators: string };
  removed_from_bottom: { designators: string };
  already_present: { designators: string };
  not_in_row: { designators: string };
  no_such_material: { materialCode: string; level: number | null };
  row_not_material: { bomRow: number; materialCode: string; level: number | null };
  several_rows: { materialCode: string; level: number | null; rows: number[] };
  /** why the op is invalid */
  problem: OpProblem;
  /** a validation warning about the op or the row it matched */
  warning: BomWarning;
}

export type NoteCode = keyof NoteParams;
export type LogNote = { [K in NoteCode]: { code: K; params: NoteParams[K] } }[NoteCode];
