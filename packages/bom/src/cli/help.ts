/**
 * What `bom --help` and each command's help print, and which arguments ask for help. Nothing here loads the engine:
 * `bin/bom.cjs` answers help from the bundle of this module alone, so `bom --help` costs little more than starting
 * Node; the commands (`apply.ts`, …) take their summary and help text from here.
 */
export interface CommandHelp {
  name: string;
  /** one line for the overview */
  summary: string;
  /** the whole help text; its first line is the usage line shown with usage errors */
  help: string;
}

export const APPLY_HELP: CommandHelp = {
  name: 'apply',
  summary: 'apply the operations to a BOM workbook and write the new workbook',
  help: `usage: bom apply BOM.xlsx [--ops OPS.xlsx] --out NEW.xlsx [--lang zh-CN|en] [--json]

Applies the operations to the BOM and writes a new workbook: every original sheet, 新BOM表 (the BOM with the
changes, changed cells filled yellow), 变更日志 (one row per operation) and, when there are any, 校验警告 (every
validation warning).

  BOM.xlsx          the BOM workbook (its sheet 原表, else its first sheet)
  --ops OPS.xlsx    take the operations from this workbook (its 操作指示表, else its first sheet)
                    (default: the BOM workbook's own 操作指示表)
  --out NEW.xlsx    where to write the new workbook (required)
  --lang zh-CN|en   language of the 状态 words, the 说明 notes and the warnings (default zh-CN)
  --json            print a JSON summary instead of one line
  -h, --help        show this help

Exit 0 when the workbook was written (whatever the operations' statuses), 1 for unusable input (one line on
stderr), 2 for usage errors. Paths are relative to the current directory.`,
};

export const TEMPLATE_HELP: CommandHelp = {
  name: 'template',
  summary: 'write a blank template (原表 + 操作指示表 + 说明)',
  help: `usage: bom template --out T.xlsx

Writes a blank workbook to fill in: 原表 with the BOM headers, 操作指示表 with the operation columns (a drop-down
list on 操作类型) and 说明, which explains both.

  --out T.xlsx      where to write the template (required)
  -h, --help        show this help`,
};

/** Warnings `bom inspect` prints as text; `--json` has them all. */
export const PRINTED_WARNINGS = 50;

export const INSPECT_HELP: CommandHelp = {
  name: 'inspect',
  summary: 'show what the engine detects in a workbook, and its validation warnings',
  help: `usage: bom inspect BOM.xlsx [--lang zh-CN|en] [--json]

Prints the BOM sheet, its header row, the columns found for each role, the number of data rows, the workbook's
操作指示表 if it has one, the validation warnings and the operations a run would skip (invalid, not_found,
ambiguous: material code, op, designators, reason). Nothing is written.

  BOM.xlsx          the BOM workbook
  --lang zh-CN|en   language of the warnings (default zh-CN)
  --json            print JSON (every warning and skipped op) instead of text (the first ${PRINTED_WARNINGS} of each)
  -h, --help        show this help`,
};

export const COMPARE_HELP: CommandHelp = {
  name: 'compare',
  summary: 'compare two BOM revisions and write the differences',
  help: `usage: bom compare OLD.xlsx NEW.xlsx --out DIFF.xlsx [--json] [--sheet NAME]

Compares two BOM workbooks and writes the differences: 对比摘要 (the counts, both files, the sheets compared)
and 对比明细 (one row per added, removed or changed material, coloured by status; moved designators in 说明).
Rows are matched by (级别, 物料编码), a pair that occurs several times in order of appearance; designators are
compared as sets (位号 and A面/B面位号 together, ranges expanded). A designator removed from one material and
added to another is a move.

  OLD.xlsx NEW.xlsx  the two workbooks; each is compared on its 新BOM表 sheet when it has one (an Arya
                     result), otherwise on its 原表 or first sheet
  --out DIFF.xlsx    where to write the differences (required)
  --sheet NAME       compare this sheet of both workbooks instead
  --json             print {summary, rows, moves} as JSON instead of one line
  -h, --help         show this help

Exit 0 when compared (with or without differences), 2 for bad input or usage (a message on stderr).
Paths are relative to the current directory.`,
};
const COMMANDS: readonly CommandHelp[] = [APPLY_HELP, TEMPLATE_HELP, INSPECT_HELP, COMPARE_HELP];

export const OVERVIEW = `usage: bom <command> [options]

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

/**
 * The text to print when `argv` asks for help (`--help`, `-h`, `help`, `help <command>`, `<command> --help`, …);
 * undefined otherwise, including help about an unknown command (a usage error, reported by `main`).
 */
export function helpText(argv: readonly string[]): string | undefined {
  const [name, ...args] = argv;
  if (name === undefined) return undefined;
  if (HELP_FLAGS.has(name) || name === 'help') {
    if (args[0] === undefined) return OVERVIEW;
    return COMMANDS.find((c) => c.name === args[0])?.help;
  }
  const command = COMMANDS.find((c) => c.name === name);
  return command && asksForHelp(args) ? command.help : undefined;
}
