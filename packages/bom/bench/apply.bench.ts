import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { generateBomWorkbook } from '../src/fixtures/index';
import { bundleEngine, packageDir, repoRoot, sourceAt } from './engine-bundle';
import { PHASES, phaseShares } from './phases';

/**
 * `pnpm --filter @arya/bom bench`: the engine and the `bom` CLI on 20,000 BOM rows × 17 columns + 2,000 ops
 * (generated, seed 2026), every measurement a cold process: wall time (median), CPU time, peak RSS, the share of
 * the engine's time per phase (from a CPU profile), and the ratio to a Python/openpyxl implementation of the same
 * rules (bench/reference.py; skipped with a message when python3 or openpyxl is missing).
 *
 * BENCH_ROWS / BENCH_OPS: sizes. BENCH_RUNS: cold runs per measurement (5). BENCH_REF_RUNS: reference runs (1).
 * BENCH_BASE=<git ref>: also measure `--help`, the engine and the CLI of that commit (its own bin, or tsx before there
 * was one), each run alternating with this tree's, and print the ratios.
 * BENCH_PYTHON: the interpreter (python3, else /usr/bin/python3: the first with openpyxl).
 */
const rows = Number(process.env['BENCH_ROWS'] ?? 20_000);
const opsCount = Number(process.env['BENCH_OPS'] ?? 2000);
const runs = Number(process.env['BENCH_RUNS'] ?? 5);
const refRuns = Number(process.env['BENCH_REF_RUNS'] ?? 1);
const baseRef = process.env['BENCH_BASE'];
const withOpenpyxl = (interpreter: string) =>
  spawnSync(interpreter, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0;
const python = [process.env['BENCH_PYTHON'] ?? 'python3', '/usr/bin/python3'].find(withOpenpyxl);
const dir = join(repoRoot, '.bench');
const here = import.meta.dirname;
const bin = join(packageDir, 'bin/bom.cjs');
const reportUsage = join(here, 'report-usage.cjs');
mkdirSync(dir, { recursive: true });

interface Sample {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stdout: string;
}

/** One cold process; `usageFd3` says the process reports its own peak RSS and CPU time on fd 3. */
function cold(command: string, args: string[], options: SpawnSyncOptions = {}): Sample {
  const started = performance.now();
  const r = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    ...options,
  });
  const wallMs = Math.round(performance.now() - started);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${String(r.stderr)}`);
  const usage = JSON.parse(String(r.output[3] ?? '') || '{"maxRssMb":0,"cpuMs":0}') as {
    maxRssMb: number;
    cpuMs: number;
  };
  return { wallMs, ...usage, stdout: String(r.stdout) };
}

const node = (args: string[], options?: SpawnSyncOptions) =>
  cold(process.execPath, ['--require', reportUsage, ...args], options);

function repeat(count: number, run: () => Sample): Sample[] {
  return Array.from({ length: count }, run);
}

const median = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const wall = (samples: Sample[]) => median(samples.map((s) => s.wallMs));
const cpu = (samples: Sample[]) => median(samples.map((s) => s.cpuMs));
const rss = (samples: Sample[]) => Math.max(...samples.map((s) => s.maxRssMb));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

function line(label: string, samples: Sample[], extra = '') {
  console.log(
    `${label.padEnd(34)} wall ${String(wall(samples)).padStart(6)} ms ` +
      `(min ${Math.min(...samples.map((s) => s.wallMs))})` +
      (rss(samples) > 0
        ? `  CPU ${String(cpu(samples)).padStart(6)} ms  peak RSS ${String(rss(samples)).padStart(4)} MB`
        : '') +
      extra,
  );
}

// ---- inputs and builds ----
const generated = generateBomWorkbook({ rows, opsCount, seed: 2026, titleRows: 1 });
const input = join(dir, `bom-${rows}x${opsCount}.xlsx`);
writeFileSync(input, generated.bom);
const engine = await bundleEngine(join(packageDir, 'src'), join(dir, 'engine.mjs'));
node([bin, '--help']); // builds dist/cli.mjs when it is missing or stale

const cpu0 = cpus();
console.log(
  `machine: ${cpu0[0]?.model} × ${cpu0.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
);
console.log(
  `input: ${rows} rows × 17 columns + ${opsCount} ops, ${(generated.bom.length / 1e6).toFixed(2)} MB xlsx; ` +
    `${runs} cold runs each (median wall)`,
);
console.log(`load average before: ${load()} (on a loaded machine wall times include waiting for a core)`);

// ---- the commit before (BENCH_BASE), measured alternately with this tree in the same run ----
interface Base {
  ref: string;
  engine: string;
  /** runs that commit's CLI the way `pnpm --silent bom` did then: its bin, or tsx before there was one */
  cli: (args: string[]) => Sample;
}

async function baseAt(ref: string): Promise<Base> {
  const baseDir = join(dir, 'base');
  rmSync(baseDir, { recursive: true, force: true });
  let baseSource: string;
  try {
    baseSource = sourceAt(ref, baseDir, ['packages/bom/src', 'packages/bom/bin', 'packages/bom/scripts']);
  } catch {
    baseSource = sourceAt(ref, baseDir); // a commit from before the bin
  }
  const basePackage = join(baseSource, '..');
  symlinkSync(join(packageDir, 'node_modules'), join(basePackage, 'node_modules'));
  const baseBin = ['bin/bom.cjs', 'bin/bom.mjs'].map((b) => join(basePackage, b)).find((b) => existsSync(b));
  const cli = baseBin
    ? (args: string[]) => node([baseBin, ...args])
    : (args: string[]) => node(['--import', 'tsx', join(baseSource, 'cli.ts'), ...args], { cwd: repoRoot });
  cli(['--help']); // builds that commit's bundles
  return { ref, engine: await bundleEngine(baseSource, join(dir, 'engine-base.mjs')), cli };
}
const base = baseRef ? await baseAt(baseRef) : undefined;

/** `count` runs of `now`, interleaved with `count` runs of `before` when there is a base (a load change hits both). */
function alternately(count: number, now: () => Sample, before?: () => Sample): [Sample[], Sample[]] {
  const a: Sample[] = [];
  const b: Sample[] = [];
  for (let i = 0; i < count; i++) {
    a.push(now());
    if (before) b.push(before());
  }
  return [a, b];
}

function compared(label: string, now: Sample[], before: Sample[]) {
  if (!base || before.length === 0) return;
  line(`${label} at ${base.ref}`, before);
  console.log(
    `  → ${label}: now / before = wall ${(wall(now) / wall(before)).toFixed(2)}, CPU ` +
      `${(cpu(now) / cpu(before)).toFixed(2)}, peak RSS ${(rss(now) / rss(before)).toFixed(2)}`,
  );
}

// ---- start-up ----
const nodeAlone = repeat(10, () => node(['-e', '0']));
line('node -e 0 (start-up floor)', nodeAlone);
const [help, helpBefore] = alternately(10, () => node([bin, '--help']), base && (() => base.cli(['--help'])));
line(
  'bom --help (node bin/bom.cjs)',
  help,
  `  → over node -e 0: ${wall(help) - wall(nodeAlone)} ms wall, ${cpu(help) - cpu(nodeAlone)} ms CPU`,
);
compared('bom --help', help, helpBefore);
const pnpmHelp = repeat(3, () => cold('pnpm', ['--silent', 'bom', '--help'], { cwd: repoRoot }));
line('pnpm --silent bom --help', pnpmHelp);

// ---- engine and CLI ----
const engineRun = (bundle: string) => () =>
  node([join(here, 'run-engine.mjs'), bundle, input, join(dir, 'out-engine.xlsx')]);
const [engineRuns, engineBefore] = alternately(runs, engineRun(engine), base && engineRun(base.engine));
const applyMs = (samples: Sample[]) =>
  median(samples.map((s) => (JSON.parse(s.stdout) as { applyMs: number; cpuMs: number }).applyMs));
line('engine (fresh process)', engineRuns, `  applyOperations ${applyMs(engineRuns)} ms`);
compared('engine', engineRuns, engineBefore);
const cliArgs = ['apply', input, '--out', join(dir, 'out-cli.xlsx')];
const [cliRuns, cliBefore] = alternately(
  runs,
  () => node([bin, ...cliArgs]),
  base && (() => base.cli(['apply', input, '--out', join(dir, 'out-cli-base.xlsx')])),
);
line('CLI: node bin/bom.cjs apply', cliRuns);
compared('CLI', cliRuns, cliBefore);
const pnpmCli = repeat(Math.min(runs, 3), () => cold('pnpm', ['--silent', 'bom', ...cliArgs], { cwd: repoRoot }));
line('CLI: pnpm --silent bom apply', pnpmCli);

// ---- phases ----
const profileDir = join(dir, 'profile');
rmSync(profileDir, { recursive: true, force: true });
node([
  '--cpu-prof',
  '--cpu-prof-dir',
  profileDir,
  join(here, 'run-engine.mjs'),
  engine,
  input,
  join(dir, 'out-p.xlsx'),
]);
const shares = phaseShares(join(profileDir, readdirSync(profileDir)[0]!));
const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
console.log(
  `engine phases (CPU profile samples): ${PHASES.map((p) => `${p} ${percent(shares[p])}`).join(', ')}, ` +
    `garbage collection ${percent(shares.gc)}, other ${percent(shares.other)}`,
);

// ---- the reference ----
let ratio: number | undefined;
if (python) {
  // runs the reference and reports its own peak RSS and CPU time on fd 3, like report-usage.cjs
  const wrapper =
    'import os,resource,runpy,sys,json;sys.argv=sys.argv[1:];runpy.run_path(sys.argv[0],run_name="__main__");' +
    'u=resource.getrusage(resource.RUSAGE_SELF);' +
    'os.write(3,json.dumps({"maxRssMb":round(u.ru_maxrss/1024),"cpuMs":round((u.ru_utime+u.ru_stime)*1000)}).encode())';
  const refArgs = ['-c', wrapper, join(here, 'reference.py'), input, join(dir, 'out-reference.xlsx')];
  const reference = repeat(refRuns, () => cold(python, refArgs));
  ratio = wall(reference) / wall(cliRuns);
  line('reference: Python + openpyxl', reference);
  console.log(
    `ratio reference / CLI: wall ${ratio.toFixed(1)}×, CPU ${(cpu(reference) / cpu(cliRuns)).toFixed(1)}×, ` +
      `peak RSS ${(rss(reference) / rss(cliRuns)).toFixed(1)}×`,
  );
} else {
  console.log('reference skipped: no python3 with openpyxl (apt-get install python3-openpyxl)');
}

console.log(`load average after: ${load()}`);
const targets = [
  `CLI ≤ 650 ms wall: ${wall(cliRuns) <= 650 ? 'met' : 'NOT met'}`,
  `peak RSS ≤ 250 MB: ${rss(cliRuns) <= 250 ? 'met' : 'NOT met'}`,
  `--help ≤ 100 ms: ${wall(help) <= 100 ? 'met' : 'NOT met'}`,
  ratio === undefined ? 'ratio: no reference' : `≥ 10× the reference: ${ratio >= 10 ? 'met' : 'NOT met'}`,
];
console.log(`targets (cold, this machine now): ${targets.join('; ')}`);
console.log(
  `CLI wall ${seconds(wall(cliRuns))} — compare on a quiet machine (load average < 1) for the issue's figures`,
);
