import { buildTemplate } from '../template';
import { parse, UsageError, writeOutput, type Command } from './args';
import { TEMPLATE_HELP } from './help';

export const templateCommand: Command = {
  ...TEMPLATE_HELP,
  run(args) {
    const { values, positionals } = parse(args, { out: { type: 'string' } });
    if (positionals.length > 0) throw new UsageError('template takes no positional arguments');
    if (typeof values.out !== 'string') throw new UsageError('--out T.xlsx is required');
    writeOutput(values.out, buildTemplate());
    console.log(`wrote ${values.out}`);
  },
};
