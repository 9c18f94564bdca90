import { applyOperations } from '../apply';
import { OP_STATUSES } from '../statuses';
import { warningText } from '../texts';
import { langOf, langOption, parse, readInput, UsageError, writeOutput, type Command } from './args';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply the operations to a BOM workbook and write the new workbook',
  help: `usage: bom apply BOM.xlsx [--ops OPS.xlsx] --out NEW.xlsx [--lang zh-CN|en] [--json]

Applies the operations to the BOM and writes a new workbook: every original sheet, 新BOM表 (the BOM with the
changes, changed cells filled yellow), 变更日志 (one row per operation) and, when there are any, 校验警告 (every
validation warning).

  BOM.xlsx          the BOM workbook (its sheet 原表, else its first sheet)
  --ops OPS.xlsx    take the operations from this workbook's first sheet
                    (default: the BOM workbook's own 操作指示表)
  --out NEW.xlsx    where to write the new workbook (required)
  --lang zh-CN|en   language of the 状态 words, the 说明 notes and the warnings (default zh-CN)
  --json            print a JSON summary instead of one line
  -h, --help        show this help

Exit 0 when the workbook was written (whatever the operations' statuses), 1 for unusable input (one line on
stderr), 2 for usage errors. Paths are relative to the current directory.`,
  run(args) {
    const { values, positionals } = parse(args, {
      ops: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      ...langOption,
    });
    const [bomPath, ...rest] = positionals;
    if (!bomPath || rest.length > 0) throw new UsageError('apply takes one BOM workbook');
    if (typeof values.out !== 'string') throw new UsageError('--out NEW.xlsx is required');
    const lang = langOf(values.lang);
    const bom = readInput(bomPath);
    const source =
      typeof values.ops === 'string'
        ? { kind: 'workbook' as const, bytes: readInput(values.ops) }
        : { kind: 'sheet' as const };
    const result = applyOperations(bom, source, { lang });
    writeOutput(values.out, result.workbook);
    const { summary } = result;
    if (values.json) {
      const warnings = summary.warnings.map((w) => ({ ...w, message: warningText(w, lang) }));
      console.log(JSON.stringify({ out: values.out, ...summary, warnings }));
      return;
    }
    const counts = OP_STATUSES.map((s) => `${s} ${summary.counts[s]}`).join(', ');
    console.log(
      `wrote ${values.out}: ${summary.opsTotal} ops (${counts}); ${summary.rowsChanged} rows changed; ` +
        `${summary.warningsTotal} warnings; ${summary.durationMs} ms`,
    );
  },
};
