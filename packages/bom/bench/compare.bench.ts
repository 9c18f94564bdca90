import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateBomWorkbook } from '../src/fixtures/index';
import { applyOperations } from '../src/index';
import { bundleEngine, packageDir, repoRoot } from './engine-bundle';

/**
 * compareBoms on 20,000 × 20,000 rows (issue 15: ≤ 1 s of engine time, ≤ 400 MB), a BOM against its own result
 * (新BOM表 after 2,000 ops: few differences) and against an unrelated BOM of the same size (every row differs).
 * Cold: each comparison in a fresh process running a bundle of the engine (BENCH_RUNS of them: median time, highest
 * peak RSS), as the CLI and a server worker run it. Warm: BENCH_RUNS comparisons in one process, the first left out.
 * The diff workbook is built and timed once per case, after the peak RSS was read. The reference in the same run is
 * applyOperations on the same input in this process. BENCH_ROWS / BENCH_RUNS override the sizes.
 */
const rows = Number(process.env['BENCH_ROWS'] ?? 20_000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const dir = join(repoRoot, '.bench');
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
const engine = await bundleEngine(join(packageDir, 'src'), join(dir, 'engine-compare.mjs'));

interface Measured {
  wallMs: number[];
  cpuMs: number[];
  maxRssMb: number;
  summary: Record<string, number>;
  writeMs: number | null;
  diffBytes: number | null;
}

function measure(newPath: string, count: number, workbook = false): Measured {
  const args = [join(import.meta.dirname, 'run-compare.mjs'), engine, files.old, newPath, String(count)];
  const r = spawnSync(process.execPath, workbook ? [...args, '--workbook'] : args, {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`compare failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Measured;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`machine: ${cpus()[0]?.model} × ${cpus().length} cores, Node ${process.version}`);
console.log(`load average before: ${load()} (wall includes waiting for a core; CPU time is the engine's work)`);
console.log(`reference: applyOperations on the same ${rows}-row input in this process: ${applyMs} ms`);
let met = true;
for (const [name, path] of [
  ['its own result (新BOM表)', files.result],
  ['an unrelated BOM', files.other],
] as const) {
  const cold = Array.from({ length: runs }, () => measure(path, 1));
  const warm = measure(path, runs + 1, true);
  const coldWall = median(cold.map((m) => m.wallMs[0]!));
  const coldCpu = median(cold.map((m) => m.cpuMs[0]!));
  const coldRss = Math.max(...cold.map((m) => m.maxRssMb));
  const s = warm.summary;
  console.log(
    `compare ${rows} × ${rows} rows, against ${name}: cold (fresh process, median of ${runs}) ${coldWall} ms wall / ` +
      `${coldCpu} ms CPU, peak RSS ${coldRss} MB; warm median ${median(warm.wallMs.slice(1))} ms wall / ` +
      `${median(warm.cpuMs.slice(1))} ms CPU (peak RSS after ${runs + 1} in one process ${warm.maxRssMb} MB); ` +
      `diff workbook ${warm.writeMs} ms, ${((warm.diffBytes ?? 0) / 1e6).toFixed(1)} MB; changed ${s['changed']}, ` +
      `added ${s['added']}, removed ${s['removed']}, moved ${s['moved']}; cold CPU / apply wall: ` +
      `${(coldCpu / applyMs).toFixed(2)}×`,
  );
  met &&= coldCpu <= 1000 && coldRss <= 400;
}
console.log(`load average after: ${load()}`);
console.log(`budget (cold: ≤ 1000 ms engine CPU, ≤ 400 MB peak RSS): ${met ? 'met' : 'NOT met'}`);
