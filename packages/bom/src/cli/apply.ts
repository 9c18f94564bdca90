import { applyOperations } from '../apply';
import { OP_STATUSES } from '../statuses';
import { warningText } from '../texts';
import { langOf, langOption, parse, readInput, UsageError, writeOutput, type Command } from './args';
import { APPLY_HELP } from './help';

export const applyCommand: Command = {
  ...APPLY_HELP,
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
