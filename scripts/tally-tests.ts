/**
 * Runs a command, passes its output through, and ends with one line that adds up every Vitest run in it:
 * `tests: N passed, N failed` (plus `, N skipped`). CI reads that line; the exit code stays the command's.
 * Usage: `tsx scripts/tally-tests.ts -- <command…>`.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';

const separator = process.argv.indexOf('--');
const [file, ...args] = separator === -1 ? [] : process.argv.slice(separator + 1);
if (!file) {
  console.error('usage: tsx scripts/tally-tests.ts -- <command> [args…]');
  process.exit(2);
}

// Vitest's summaries, prefixed by turbo with "<pkg>:<task>: ":
//   " Test Files  1 failed | 12 passed (13)"  and  "      Tests  1 failed | 135 passed | 2 skipped (138)".
// A file that fails before its tests run (a broken import, a failing beforeAll) counts no failed test, only a failed
// file, so each run's failures are the larger of the two counts.
const summaryLine = /(?:^|\s)(Test Files|Tests)\s+((?:\d+ \w+(?: \| )?)+)\s*\(\d+\)\s*$/;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedFilesByRun = new Map<string, number>();
const failedTestsByRun = new Map<string, number>();

function tally(line: string): void {
  const plain = stripVTControlCharacters(line);
  const match = summaryLine.exec(plain);
  if (!match?.[1] || !match[2]) return;
  const run = plain.slice(0, match.index).trim();
  for (const part of match[2].split('|')) {
    const [count, kind] = part.trim().split(' ');
    const n = Number(count);
    if (match[1] === 'Test Files') {
      if (kind === 'failed') failedFilesByRun.set(run, (failedFilesByRun.get(run) ?? 0) + n);
    } else if (kind === 'passed') totals.passed += n;
    else if (kind === 'failed') failedTestsByRun.set(run, (failedTestsByRun.get(run) ?? 0) + n);
    else if (kind === 'skipped' || kind === 'todo') totals.skipped += n;
  }
}

const child = spawn(file, args, { stdio: ['inherit', 'pipe', 'inherit'] });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
const lines = createInterface({ input: child.stdout });
lines.on('line', (line) => {
  process.stdout.write(`${line}\n`);
  tally(line);
});

const exitCode = await new Promise<number>((resolve) => {
  child.once('error', (error) => {
    console.error(`could not run ${file}: ${error.message}`);
    resolve(127);
  });
  child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
});
for (const run of new Set([...failedFilesByRun.keys(), ...failedTestsByRun.keys()])) {
  totals.failed += Math.max(failedFilesByRun.get(run) ?? 0, failedTestsByRun.get(run) ?? 0);
}
// Lint or type errors fail the command without any test failing: the line must not read as green.
if (exitCode !== 0 && totals.failed === 0) {
  totals.failed = 1;
  console.log('(the command failed outside the test runners: lint, type-check or a build step; see above)');
}
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode);
