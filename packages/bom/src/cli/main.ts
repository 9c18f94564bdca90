import { isBomInputError } from '../errors';
import { applyCommand } from './apply';
import { CliInputError, UsageError, type Command } from './args';
import { compareCommand } from './compare';
import { inspectCommand } from './inspect';
import { templateCommand } from './template';

/** Every subcommand; each keeps its own help text beside its code. */
const COMMANDS: readonly Command[] = [applyCommand, templateCommand, inspectCommand, compareCommand];

const OVERVIEW = `usage: bom <command> [options]

The BOM change engine: applies an operations sheet to an SAP-style BOM workbook.

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}
  ${'help'.padEnd(10)} show this help, or a command's: bom help apply

Run \`bom <command> --help\` for a command's options. From the repo root: pnpm --silent bom <command> …`;

const HELP_FLAGS = new Set(['--help', '-h']);

/** `--help`/`-h` anywhere among a command's arguments (before a lone `--`), or `help` alone. */
function asksForHelp(args: readonly string[]): boolean {
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  return options.some((arg) => HELP_FLAGS.has(arg)) || (args.length === 1 && args[0] === 'help');
}

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
    if (name === undefined) throw new UsageError('missing command');
    if (HELP_FLAGS.has(name) || name === 'help') {
      console.log(args[0] === undefined ? OVERVIEW : findCommand(args[0]).help);
      return 0;
    }
    command = findCommand(name);
    if (asksForHelp(args)) {
      console.log(command.help);
      return 0;
    }
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
