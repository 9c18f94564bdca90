import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBomWorkbook } from '../src/fixtures/index';

/**
 * 20,000 BOM rows × 2,000 ops: the engine (surgical XML editing) against an exceljs implementation of the
 * same rules, each in a fresh process so wall time and peak RSS are its own. BENCH_ROWS / BENCH_OPS /
 * BENCH_RUNS override the sizes; BENCH_SKIP_BASELINE=1 skips exceljs.
 */
const here = dirname(fileURLToPath(import.meta.url));
const rows = Number(process.env['BENCH_ROWS'] ?? 20_000);
const opsCount = Number(process.env['BENCH_OPS'] ?? 2_000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const dir = resolve(here, '../../../.bench');
mkdirSync(dir, { recursive: true });

const generated = generateBomWorkbook({ rows, opsCount, seed: 2026, titleRows: 1 });
const input = join(dir, `bom-${rows}x${opsCount}.xlsx`);
writeFileSync(input, generated.bom);

interface Run {
  impl: string;
  wallMs: number[];
  cpuMs: number[];
  maxRssMb: number;
  outBytes: number;
}

function measure(impl: 'engine' | 'exceljs', count: number): Run {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'run-one.ts'), impl, input, String(count), join(dir, `out-${impl}.xlsx`)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`${impl} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Run;
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cpu = cpus();
console.log(
  `machine: ${cpu[0]?.model} × ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(`input: ${rows} rows × ${opsCount} ops, ${(generated.bom.length / 1e6).toFixed(1)} MB xlsx`);

const engineCold = measure('engine', 1);
const engine = measure('engine', runs);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (wall times include waiting for a core; CPU times do not)`,
);
console.log(
  `engine   cold ${engineCold.wallMs[0]} ms wall / ${engineCold.cpuMs[0]} ms CPU, peak RSS ${engineCold.maxRssMb} MB; ` +
    `warm median ${median(engine.wallMs)} ms wall / ${median(engine.cpuMs)} ms CPU (${runs} runs), peak RSS ${engine.maxRssMb} MB`,
);
if (process.env['BENCH_SKIP_BASELINE'] !== '1') {
  const baseline = measure('exceljs', 1);
  const ratio = baseline.wallMs[0]! / engineCold.wallMs[0]!;
  console.log(
    `exceljs  cold ${baseline.wallMs[0]} ms wall / ${baseline.cpuMs[0]} ms CPU, peak RSS ${baseline.maxRssMb} MB`,
  );
  console.log(
    `ratio exceljs / engine (cold): wall ${ratio.toFixed(1)}×, CPU ${(baseline.cpuMs[0]! / engineCold.cpuMs[0]!).toFixed(1)}×, ` +
      `peak RSS ${(baseline.maxRssMb / engineCold.maxRssMb).toFixed(1)}×`,
  );
}
const budget = engineCold.wallMs[0]! <= 2000 && engineCold.maxRssMb <= 400;
console.log(`budget (≤ 2000 ms, ≤ 400 MB, cold): ${budget ? 'met' : 'NOT met'}`);
