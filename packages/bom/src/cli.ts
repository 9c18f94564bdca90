import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { applyOperations } from './apply';
import { BomInputError, isBomInputError } from './errors';
import { inspectWorkbook, type InspectResult } from './inspect';
import { DEFAULT_LIMITS } from './limits';
import { OP_STATUSES } from './statuses';
import { buildTemplate } from './template';

/**
 * pnpm -s bom apply BOM.xlsx [--ops OPS.xlsx] --out NEW.xlsx [--json]
 * pnpm -s bom template --out T.xlsx
 * pnpm -s bom inspect BOM.xlsx [--json]
 * Exit 0 when the command did its job, 1 for unusable input (one line on stderr), 2 for usage errors.
 */
const USAGE = `usage:
  bom apply BOM.xlsx [--ops OPS.xlsx] --out NEW.xlsx [--json]
  bom template --out T.xlsx
  bom inspect BOM.xlsx [--json]`;

class UsageError extends Error {}

/** pnpm runs scripts from the package root; INIT_CWD is where the user typed the command. */
const callerPath = (path: string) => resolve(process.env['INIT_CWD'] ?? process.cwd(), path);

function readInput(path: string): Uint8Array {
  const full = callerPath(path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new CliInputError(`cannot read ${path}: no such file / 无法读取文件`);
  }
  if (size > DEFAULT_LIMITS.maxInputBytes)
    throw new BomInputError('too_large', { bytes: size, limit: DEFAULT_LIMITS.maxInputBytes });
  try {
    return new Uint8Array(readFileSync(full));
  } catch {
    throw new CliInputError(`cannot read ${path} / 无法读取文件`);
  }
}

class CliInputError extends Error {}

function writeOutput(path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(callerPath(path), bytes);
  } catch {
    throw new CliInputError(`cannot write ${path} / 无法写入文件`);
  }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function runApply(args: string[]): void {
  const { values, positionals } = parse(args, {
    ops: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [bomPath, ...rest] = positionals;
  if (!bomPath || rest.length > 0) throw new UsageError('apply takes one BOM workbook');
  if (typeof values.out !== 'string') throw new UsageError('--out NEW.xlsx is required');
  const bom = readInput(bomPath);
  const source =
    typeof values.ops === 'string'
      ? { kind: 'workbook' as const, bytes: readInput(values.ops) }
      : { kind: 'sheet' as const };
  const result = applyOperations(bom, source);
  writeOutput(values.out, result.workbook);
  const { summary } = result;
  if (values.json) {
    console.log(JSON.stringify({ out: values.out, ...summary }));
    return;
  }
  const counts = OP_STATUSES.map((s) => `${s} ${summary.counts[s]}`).join(', ');
  console.log(
    `wrote ${values.out}: ${summary.opsTotal} ops (${counts}); ${summary.rowsChanged} rows changed; ${summary.warningsTotal} warnings; ${summary.durationMs} ms`,
  );
}

function runTemplate(args: string[]): void {
  const { values, positionals } = parse(args, { out: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError('template takes no positional arguments');
  if (typeof values.out !== 'string') throw new UsageError('--out T.xlsx is required');
  writeOutput(values.out, buildTemplate());
  console.log(`wrote ${values.out}`);
}

function inspectionJson(result: InspectResult) {
  const { preview: _bomPreview, ...bom } = result.bom;
  const ops = result.ops ? (({ preview: _opsPreview, ...rest }) => rest)(result.ops) : null;
  return { sheets: result.sheets, ...bom, ops, warnings: result.warnings, warningsTotal: result.warningsTotal };
}

function runInspect(args: string[]): void {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  const [bomPath, ...rest] = positionals;
  if (!bomPath || rest.length > 0) throw new UsageError('inspect takes one BOM workbook');
  const result = inspectWorkbook(readInput(bomPath), { previewRows: 0 });
  if (values.json) {
    console.log(JSON.stringify(inspectionJson(result)));
    return;
  }
  const { bom } = result;
  const roles = Object.entries(bom.roles)
    .map(([role, c]) => `${role}=${c?.column} (${c?.header})`)
    .join(', ');
  console.log(`sheet: ${bom.sheet}\nheader row: ${bom.headerRow}\ncolumns: ${roles}\ndata rows: ${bom.dataRowCount}`);
  if (result.ops) console.log(`操作指示表: header row ${result.ops.headerRow}, ${result.ops.dataRowCount} rows`);
  const warnings = [...result.warnings, ...(result.ops?.warnings ?? [])];
  console.log(`warnings: ${result.warningsTotal + (result.ops?.warnings.length ?? 0)}`);
  for (const w of warnings.slice(0, 50)) console.log(`  [${w.code}] ${w.message}`);
  if (warnings.length > 50) console.log(`  … ${warnings.length - 50} more (use --json)`);
}

export function main(argv: string[]): number {
  const [command, ...args] = argv;
  try {
    if (command === 'apply') runApply(args);
    else if (command === 'template') runTemplate(args);
    else if (command === 'inspect') runInspect(args);
    else throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`bom: ${error.message}\n${USAGE}`);
      return 2;
    }
    if (isBomInputError(error)) {
      console.error(`bom: ${error.message} / ${error.messageZh} [${error.code}]`);
      return 1;
    }
    if (error instanceof CliInputError) {
      console.error(`bom: ${error.message}`);
      return 1;
    }
    // a bug, not bad input: one line for the user, the stack only when asked for
    console.error(`bom: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['BOM_DEBUG']) console.error(error);
    return 1;
  }
}

// `bom inspect … | head` closes stdout early; that is not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = main(process.argv.slice(2));
