import { buildTemplate } from '../template';
import { parse, UsageError, writeOutput, type Command } from './args';

export const templateCommand: Command = {
  name: 'template',
  summary: 'write a blank template (原表 + 操作指示表 + 说明)',
  help: `usage: bom template --out T.xlsx

Writes a blank workbook to fill in: 原表 with the BOM headers, 操作指示表 with the operation columns (a drop-down
list on 操作类型) and 说明, which explains both.

  --out T.xlsx      where to write the template (required)
  -h, --help        show this help`,
  run(args) {
    const { values, positionals } = parse(args, { out: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError('template takes no positional arguments');
    if (typeof values.out !== 'string') throw new UsageError('--out T.xlsx is required');
    writeOutput(values.out, buildTemplate());
    console.log(`wrote ${values.out}`);
  },
};
