import { isBomInputError } from '../errors';
import { applyCommand } from './apply';
import { CliInputError, UsageError, type Command } from './args';
import { compareCommand } from './compare';
import { helpText, OVERVIEW } from './help';
import { inspectCommand } from './inspect';
import { templateCommand } from './template';

/** Every subcommand; each takes its help text from `help.ts`. */
const COMMANDS: readonly Command[] = [applyCommand, templateCommand, inspectCommand, compareCommand];

function findCommand(name: string): Command {
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new UsageError(`unknown command: ${name}`);
  return command;
}

/** Runs the CLI; returns the exit code: 0 done, 1 unusable input (one line on stderr; compare: 2), 2 usage error. */
export function main(argv: string[]): number {
  const [name, ...args] = argv;
  let command: Command | undefined;
  try {
    const help = helpText(argv);
    if (help !== undefined) {
      console.log(help);
      return 0;
    }
    if (name === undefined) throw new UsageError('missing command');
    // what helpText did not answer: a command to run, or help about an unknown command (a usage error)
    const asksAbout = name === 'help' || name === '--help' || name === '-h';
    command = findCommand(asksAbout ? String(args[0]) : name);
    command.run(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      const usage = command
        ? `${command.help.split('\n')[0]}\nRun \`bom ${command.name} --help\` for its options.`
        : OVERVIEW;
      console.error(`bom: ${error.message}\n${usage}`);
      return 2;
    }
    if (isBomInputError(error)) {
      console.error(`bom: ${error.message} / ${error.messageZh} [${error.code}]`);
      return command?.badInputExitCode ?? 1;
    }
    if (error instanceof CliInputError) {
      console.error(`bom: ${error.message}`);
      return command?.badInputExitCode ?? 1;
    }
    // a bug, not bad input: one line for the user, the stack only when asked for
    console.error(`bom: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env['BOM_DEBUG']) console.error(error);
    return 1;
  }
}
