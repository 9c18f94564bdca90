export const OP_STATUSES = ['applied', 'partial', 'unchanged', 'not_found', 'ambiguous', 'invalid'] as const;
export type OpStatus = (typeof OP_STATUSES)[number];

/** applied: ≥1 changed, 0 no-ops · partial: ≥1 changed and ≥1 no-op · unchanged: matched one row, 0 changed. */
export function statusOfMatchedOp(changed: number, noOps: number): OpStatus {
  if (changed === 0) return 'unchanged';
  return noOps === 0 ? 'applied' : 'partial';
}

export function emptyStatusCounts(): Record<OpStatus, number> {
  return { applied: 0, partial: 0, unchanged: 0, not_found: 0, ambiguous: 0, invalid: 0 };
}
