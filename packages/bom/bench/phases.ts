import { readFileSync } from 'node:fs';

/**
 * The share of an engine run's CPU time per phase, from a V8 CPU profile (`node --cpu-prof`): each sample goes to
 * the phase of the nearest function on its stack that belongs to one (leaf first, so inflating inside a read counts
 * as unzip). Samples are counted, not timed: on a loaded machine a sample's time includes waiting for a core.
 */
export const PHASES = ['unzip', 'parse', 'apply', 'write', 'zip'] as const;
export type Phase = (typeof PHASES)[number];

const PHASE_OF: Record<string, Phase> = {
  readZip: 'unzip',
  readEntry: 'unzip',
  readEntryText: 'unzip',
  inflateRaw: 'unzip',
  byteStringOf: 'unzip',
  openWorkbook: 'parse',
  readWorkbookParts: 'parse',
  SharedStrings: 'parse',
  readTable: 'parse',
  readBomModel: 'parse',
  readOps: 'parse',
  runOps: 'apply',
  bomWarnings: 'apply',
  newBomSheetXml: 'write',
  changeLogSheetXml: 'write',
  warningsSheetXml: 'write',
  stylesSource: 'write',
  writeWorkbookWithSheets: 'write',
  writeZip: 'zip',
  deflateRaw: 'zip',
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string };
  children?: number[];
}

/** Shares (0–1) of the samples inside `applyOperations` plus garbage collection (`gc`, no stack of its own). */
export function phaseShares(profilePath: string): Record<Phase | 'gc' | 'other', number> {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
  // bundlers rename clashing functions (readEntry2): the name without a numeric suffix
  const nameOf = (id: number) => byId.get(id)!.callFrame.functionName.replace(/\d+$/, '');
  const counts: Record<Phase | 'gc' | 'other', number> = {
    unzip: 0,
    parse: 0,
    apply: 0,
    write: 0,
    zip: 0,
    gc: 0,
    other: 0,
  };
  let total = 0;
  for (const sample of profile.samples) {
    if (nameOf(sample) === '(garbage collector)') {
      counts.gc++;
      total++;
      continue;
    }
    let phase: Phase | undefined;
    let inApply = false;
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const name = nameOf(id);
      phase ??= PHASE_OF[name];
      if (name === 'applyOperations') inApply = true;
    }
    if (!inApply) continue;
    counts[phase ?? 'other']++;
    total++;
  }
  const shares = { ...counts };
  for (const key of Object.keys(shares) as (keyof typeof shares)[]) shares[key] = total ? counts[key] / total : 0;
  return shares;
}
