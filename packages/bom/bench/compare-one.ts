import { readFileSync } from 'node:fs';
import { buildComparisonWorkbook, compareBomWorkbooks } from '../src/index';

/**
 * Compares two workbooks `runs` times in its own process: prints {wallMs[], cpuMs[], writeMs, maxRssMb, summary}; the
 * first run is cold.
 */
const [oldPath = '', newPath = '', runsText = '3'] = process.argv.slice(2);
const oldBytes = new Uint8Array(readFileSync(oldPath));
const newBytes = new Uint8Array(readFileSync(newPath));
const wallMs: number[] = [];
const cpuMs: number[] = [];
let result: ReturnType<typeof compareBomWorkbooks> | undefined;
for (let i = 0; i < Number(runsText); i++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  result = compareBomWorkbooks(oldBytes, newBytes);
  wallMs.push(Math.round(performance.now() - started));
  const used = process.cpuUsage(cpu);
  cpuMs.push(Math.round((used.user + used.system) / 1000));
}
const writeStarted = performance.now();
const diff = buildComparisonWorkbook(result!, { oldName: 'old.xlsx', newName: 'new.xlsx' });
console.log(
  JSON.stringify({
    wallMs,
    cpuMs,
    writeMs: Math.round(performance.now() - writeStarted),
    diffBytes: diff.length,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    summary: result!.comparison.summary,
  }),
);
