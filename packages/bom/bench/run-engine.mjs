// One engine run in a fresh process: `node run-engine.mjs ENGINE.mjs BOM.xlsx OUT.xlsx` prints {applyMs, cpuMs}.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [enginePath, input, output] = process.argv.slice(2);
const { applyOperations } = await import(pathToFileURL(enginePath).href);
const bytes = new Uint8Array(readFileSync(input));
const started = performance.now();
const cpu = process.cpuUsage();
const { workbook } = applyOperations(bytes, { kind: 'sheet' });
const used = process.cpuUsage(cpu);
const applyMs = Math.round(performance.now() - started);
writeFileSync(output, workbook);
console.log(JSON.stringify({ applyMs, cpuMs: Math.round((used.user + used.system) / 1000) }));
