import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBomWorkbook } from '../src/fixtures/index';
import { applyOperations } from '../src/index';

/**
 * compareBoms on 20,000 × 20,000 rows (issue 15: ≤ 1 s of engine time, ≤ 400 MB), each case in a fresh process:
 * a BOM against its own result (新BOM表 after 2,000 ops: few differences) and against an unrelated BOM of the
 * same size (every row differs). The reference in the same run is applyOperations on the same input, the
 * engine's own benchmarked path. BENCH_ROWS / BENCH_RUNS override the sizes.
 */
const here = dirname(fileURLToPath(import.meta.url));
const rows = Number(process.env['BENCH_ROWS'] ?? 20_000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const dir = resolve(here, '../../../.bench');
mkdirSync(dir, { recursive: true });

const generated = generateBomWorkbook({ rows, opsCount: 2_000, seed: 2026, titleRows: 1 });
const applyStarted = performance.now();
const applied = applyOperations(generated.bom, { kind: 'sheet' });
const applyMs = Math.round(performance.now() - applyStarted);
const other = generateBomWorkbook({ rows, opsCount: 0, seed: 2027 });
const files = {
  old: join(dir, `compare-old-${rows}.xlsx`),
  result: join(dir, `compare-result-${rows}.xlsx`),
  other: join(dir, `compare-other-${rows}.xlsx`),
};
writeFileSync(files.old, generated.bom);
writeFileSync(files.result, applied.workbook);
writeFileSync(files.other, other.bom);

interface Measured {
  wallMs: number[];
  cpuMs: number[];
  writeMs: number;
  diffBytes: number;
  maxRssMb: number;
  summary: Record<string, number>;
}

function measure(newPath: string): Measured {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'compare-one.ts'), files.old, newPath, String(runs)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`compare failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`machine: ${cpus()[0]?.model} × ${cpus().length} cores, Node ${process.version}`);
console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (wall includes waiting for a core)`,
);
console.log(`reference: applyOperations on the same ${rows}-row input in this process: ${applyMs} ms`);
let met = true;
for (const [name, path] of [
  ['its own result (新BOM表)', files.result],
  ['an unrelated BOM', files.other],
] as const) {
  const m = measure(path);
  const s = m.summary;
  console.log(
    `compare ${rows} × ${rows} rows, against ${name}: cold ${m.wallMs[0]} ms wall / ${m.cpuMs[0]} ms CPU, ` +
      `warm median ${median(m.wallMs.slice(1))} ms wall / ${median(m.cpuMs.slice(1))} ms CPU; ` +
      `peak RSS ${m.maxRssMb} MB; diff workbook ${m.writeMs} ms, ${(m.diffBytes / 1e6).toFixed(1)} MB; ` +
      `changed ${s['changed']}, added ${s['added']}, removed ${s['removed']}, moved ${s['moved']}; ` +
      `ratio to apply (cold): ${(m.wallMs[0]! / applyMs).toFixed(2)}×`,
  );
  met &&= median(m.cpuMs.slice(1)) <= 1000 && m.maxRssMb <= 400;
}
console.log(`budget (≤ 1000 ms engine CPU, ≤ 400 MB): ${met ? 'met' : 'NOT met'}`);
