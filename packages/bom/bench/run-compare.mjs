// One comparison process: `node run-compare.mjs ENGINE.mjs OLD.xlsx NEW.xlsx RUNS [--workbook]` prints
// {wallMs[], cpuMs[], maxRssMb, summary, writeMs, diffBytes}. The first run is cold; the peak RSS is read after the
// comparisons and before the diff workbook is built (--workbook), which is timed on its own.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [enginePath, oldPath, newPath, runsText = '1', workbook] = process.argv.slice(2);
const { buildComparisonWorkbook, compareBomWorkbooks } = await import(pathToFileURL(enginePath).href);
const oldBytes = new Uint8Array(readFileSync(oldPath));
const newBytes = new Uint8Array(readFileSync(newPath));
const wallMs = [];
const cpuMs = [];
let result;
for (let i = 0; i < Number(runsText); i++) {
  result = undefined;
  const started = performance.now();
  const cpu = process.cpuUsage();
  result = compareBomWorkbooks(oldBytes, newBytes);
  const used = process.cpuUsage(cpu);
  wallMs.push(Math.round(performance.now() - started));
  cpuMs.push(Math.round((used.user + used.system) / 1000));
}
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
let writeMs = null;
let diffBytes = null;
if (workbook === '--workbook') {
  const started = performance.now();
  diffBytes = buildComparisonWorkbook(result, { oldName: 'old.xlsx', newName: 'new.xlsx' }).length;
  writeMs = Math.round(performance.now() - started);
}
console.log(JSON.stringify({ wallMs, cpuMs, maxRssMb, summary: result.comparison.summary, writeMs, diffBytes }));
