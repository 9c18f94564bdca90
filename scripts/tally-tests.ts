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

// Vitest's summary: "      Tests  1 failed | 135 passed | 2 skipped (138)", prefixed by turbo with "<pkg>:test: ".
const summaryLine = /(?:^|\s)Tests\s+((?:\d+ \w+(?: \| )?)+)\s*\(\d+\)\s*$/;
const totals = { passed: 0, failed: 0, skipped: 0 };

function tally(line: string): void {
  const match = summaryLine.exec(stripVTControlCharacters(line));
  if (!match?.[1]) return;
  for (const part of match[1].split('|')) {
    const [count, kind] = part.trim().split(' ');
    if (kind === 'passed' || kind === 'failed') totals[kind] += Number(count);
    else if (kind === 'skipped' || kind === 'todo') totals.skipped += Number(count);
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
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(exitCode);
