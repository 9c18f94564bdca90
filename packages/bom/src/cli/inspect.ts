import { changeLogNote } from '../change-log';
import { inspectWorkbook, type InspectResult } from '../inspect';
import type { SkippedOp } from '../skipped-ops';
import { statusWord, warningText, type BomLang } from '../texts';
import type { BomWarning } from '../warnings';
import { langOf, langOption, parse, readInput, UsageError, type Command } from './args';
import { INSPECT_HELP, PRINTED_WARNINGS } from './help';

function inspectionJson(result: InspectResult, lang: BomLang) {
  const worded = (warnings: BomWarning[]) => warnings.map((w) => ({ ...w, message: warningText(w, lang) }));
  const wordedOps = (ops: SkippedOp[]) => ops.map((op) => ({ ...op, message: changeLogNote(op.reasons, lang) }));
  const { preview: _bomPreview, ...bom } = result.bom;
  const ops = result.ops
    ? (({ preview: _opsPreview, warnings, skippedOps, ...rest }) => ({
        ...rest,
        warnings: worded(warnings),
        skippedOps: wordedOps(skippedOps),
      }))(result.ops)
    : null;
  return {
    sheets: result.sheets,
    ...bom,
    ops,
    warnings: worded(result.warnings),
    warningsTotal: result.warningsTotal,
    warningCounts: result.warningCounts,
  };
}

export const inspectCommand: Command = {
  ...INSPECT_HELP,
  run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' }, ...langOption });
    const [bomPath, ...rest] = positionals;
    if (!bomPath || rest.length > 0) throw new UsageError('inspect takes one BOM workbook');
    const lang = langOf(values.lang);
    const result = inspectWorkbook(readInput(bomPath), { previewRows: 0 });
    if (values.json) {
      console.log(JSON.stringify(inspectionJson(result, lang)));
      return;
    }
    const { bom } = result;
    const roles = Object.entries(bom.roles)
      .map(([role, c]) => `${role}=${c?.column} (${c?.header})`)
      .join(', ');
    console.log(`sheet: ${bom.sheet}\nheader row: ${bom.headerRow}\ncolumns: ${roles}\ndata rows: ${bom.dataRowCount}`);
    if (result.ops) console.log(`操作指示表: header row ${result.ops.headerRow}, ${result.ops.dataRowCount} rows`);
    const warnings = [...result.warnings, ...(result.ops?.warnings ?? [])];
    const total = result.warningsTotal + (result.ops?.warningsTotal ?? 0);
    console.log(`warnings: ${total}`);
    for (const w of warnings.slice(0, PRINTED_WARNINGS)) console.log(`  [${w.code}] ${warningText(w, lang)}`);
    if (total > PRINTED_WARNINGS) console.log(`  … ${total - PRINTED_WARNINGS} more (use --json)`);
    if (result.ops) printSkippedOps(result.ops, lang);
  },
};

/** The ops the run will log as invalid, not_found or ambiguous, one line each: they change nothing. */
function printSkippedOps(ops: NonNullable<InspectResult['ops']>, lang: BomLang): void {
  console.log(`skipped operations: ${ops.skippedOpsTotal}`);
  for (const op of ops.skippedOps.slice(0, PRINTED_WARNINGS)) {
    const what = [op.materialCode ?? '', op.op, op.designators].filter((part) => part !== '').join(' ');
    console.log(`  row ${op.opRow} [${statusWord(op.status, lang)}] ${what}: ${changeLogNote(op.reasons, lang)}`);
  }
  if (ops.skippedOpsTotal > PRINTED_WARNINGS)
    console.log(`  … ${ops.skippedOpsTotal - PRINTED_WARNINGS} more (use --json)`);
}
