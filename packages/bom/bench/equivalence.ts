import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import ExcelJS from 'exceljs';
import { generateBomWorkbook } from '../src/fixtures/index';
import { bundleEngine, packageDir, sourceAt } from './engine-bundle';

/**
 * `pnpm --filter @arya/bom equivalence [REF]`: the engine of this tree against the engine at REF (default main), on
 * generated workbooks of several shapes. Every output must be identical — the workbook byte for byte, the summary
 * (but its duration), the log, the diff, inspectWorkbook and listMaterialRows — so a speed-up cannot change a result.
 */
type Engine = typeof import('../src/index');

const ref = process.argv[2] ?? 'main';
const work = mkdtempSync(join(tmpdir(), 'bom-equivalence-'));

async function engineFrom(sourceDir: string, name: string): Promise<Engine> {
  const outfile = await bundleEngine(sourceDir, join(work, `${name}.mjs`));
  return (await import(pathToFileURL(outfile).href)) as Engine;
}

/** Re-written by exceljs: another producer's XML (its own shared strings, styles and attribute order). */
async function viaExcelJs(bytes: Uint8Array): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

interface Case {
  name: string;
  run: (engine: Engine) => unknown;
}

function applyCase(name: string, bom: Uint8Array, run: (engine: Engine, bom: Uint8Array) => unknown): Case {
  return { name, run: (engine) => run(engine, bom) };
}

async function cases(): Promise<Case[]> {
  const list: Case[] = [];
  const shapes = [
    { rows: 3000, opsCount: 400, seed: 1, titleRows: 1 },
    { rows: 2000, opsCount: 300, seed: 2, titleRows: 0, sharedStrings: false },
    { rows: 1500, opsCount: 250, seed: 3, titleRows: 2, formulas: false },
    { rows: 800, opsCount: 200, seed: 4, opsSheet: false },
    { rows: 20_000, opsCount: 2000, seed: 2026, titleRows: 1 },
  ];
  for (const shape of shapes) {
    const g = generateBomWorkbook(shape);
    const label = JSON.stringify(shape);
    const strip = (r: ReturnType<Engine['applyOperations']>) => ({ ...r, summary: { ...r.summary, durationMs: 0 } });
    if (shape.opsSheet !== false) {
      list.push(applyCase(`apply sheet ${label}`, g.bom, (e, bom) => strip(e.applyOperations(bom, { kind: 'sheet' }))));
      list.push(
        applyCase(`apply sheet, en, level 6 ${label}`, g.bom, (e, bom) =>
          strip(e.applyOperations(bom, { kind: 'sheet' }, { lang: 'en', compression: 6 })),
        ),
      );
    }
    list.push(
      applyCase(`apply workbook ${label}`, g.bom, (e, bom) =>
        strip(e.applyOperations(bom, { kind: 'workbook', bytes: g.opsWorkbook })),
      ),
      applyCase(`apply rows ${label}`, g.bom, (e, bom) =>
        strip(e.applyOperations(bom, { kind: 'rows', rows: g.opRows })),
      ),
      applyCase(`inspect ${label}`, g.bom, (e, bom) => e.inspectWorkbook(bom)),
      applyCase(`material rows ${label}`, g.bom, (e, bom) => e.listMaterialRows(bom)),
    );
  }
  const small = generateBomWorkbook({ rows: 400, opsCount: 80, seed: 9, titleRows: 1 });
  const rewritten = await viaExcelJs(small.bom);
  list.push(
    applyCase('apply sheet, written by exceljs', rewritten, (e, bom) => {
      const r = e.applyOperations(bom, { kind: 'sheet' });
      return { ...r, summary: { ...r.summary, durationMs: 0 } };
    }),
    applyCase('inspect, written by exceljs', rewritten, (e, bom) => e.inspectWorkbook(bom)),
  );
  return list;
}

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
};

try {
  const [base, current] = await Promise.all([
    engineFrom(sourceAt(ref, join(work, 'base')), 'base'),
    engineFrom(join(packageDir, 'src'), 'current'),
  ]);
  let failed = 0;
  for (const c of await cases()) {
    const same = isDeepStrictEqual(
      outcome(() => c.run(base)),
      outcome(() => c.run(current)),
    );
    if (!same) failed++;
    console.log(`${same ? 'same     ' : 'DIFFERENT'} ${c.name}`);
  }
  console.log(failed === 0 ? `all outputs identical to ${ref}` : `${failed} case(s) differ from ${ref}`);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
