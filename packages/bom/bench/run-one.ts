import { readFileSync, writeFileSync } from 'node:fs';
import { applyOperations } from '../src/index';
import { applyWithExcelJs } from './exceljs-baseline';

/** One implementation in its own process, so its peak RSS is its own: prints {wallMs[], cpuMs[], maxRssMb, outBytes}. */
const [impl = 'engine', input = '', runsText = '3', outPath] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(input));
const wallMs: number[] = [];
const cpuMs: number[] = [];
let out: Uint8Array = new Uint8Array();
for (let i = 0; i < Number(runsText); i++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  out = impl === 'exceljs' ? await applyWithExcelJs(bytes) : applyOperations(bytes, { kind: 'sheet' }).workbook;
  wallMs.push(Math.round(performance.now() - started));
  const used = process.cpuUsage(cpu);
  cpuMs.push(Math.round((used.user + used.system) / 1000));
}
if (outPath) writeFileSync(outPath, out);
console.log(
  JSON.stringify({
    impl,
    wallMs,
    cpuMs,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    outBytes: out.length,
  }),
);
