import { basename } from 'node:path';
import { compareBomWorkbooks } from '../compare';
import { buildComparisonWorkbook } from '../compare-workbook';
import { isBomInputError } from '../errors';
import { CliInputError, parse, readInput, UsageError, writeOutput, type Command } from './args';

/** An unusable workbook is named in the message: which of the two it is matters. */
function compareNamingTheFile(
  oldBytes: Uint8Array,
  newBytes: Uint8Array,
  sheet: string | undefined,
  paths: Record<'old' | 'new', string>,
) {
  try {
    return compareBomWorkbooks(oldBytes, newBytes, { sheet });
  } catch (error) {
    if (!isBomInputError(error) || error.side === undefined) throw error;
    throw new CliInputError(`${paths[error.side]}: ${error.message} / ${error.messageZh} [${error.code}]`);
  }
}

export const compareCommand: Command = {
  name: 'compare',
  summary: 'compare two BOM revisions and write the differences',
  badInputExitCode: 2,
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
  run(args) {
    const { values, positionals } = parse(args, {
      out: { type: 'string' },
      json: { type: 'boolean' },
      sheet: { type: 'string' },
    });
    const [oldPath, newPath, ...rest] = positionals;
    if (!oldPath || !newPath || rest.length > 0) throw new UsageError('compare takes two BOM workbooks: OLD NEW');
    if (typeof values.out !== 'string') throw new UsageError('--out DIFF.xlsx is required');
    if (values.sheet !== undefined && values.sheet.trim() === '') throw new UsageError('--sheet needs a sheet name');
    const oldBytes = readInput(oldPath);
    const newBytes = readInput(newPath);
    const result = compareNamingTheFile(oldBytes, newBytes, values.sheet, { old: oldPath, new: newPath });
    writeOutput(
      values.out,
      buildComparisonWorkbook(result, { oldName: basename(oldPath), newName: basename(newPath) }),
    );
    const { summary } = result.comparison;
    if (values.json) {
      console.log(JSON.stringify(result.comparison));
      return;
    }
    console.log(
      `wrote ${values.out}: ${result.oldSheet} → ${result.newSheet}; added ${summary.added}, removed ` +
        `${summary.removed}, changed ${summary.changed}, unchanged ${summary.unchanged}; designators +` +
        `${summary.designatorsAdded} −${summary.designatorsRemoved}, moved ${summary.moved}; ${result.durationMs} ms`,
    );
  },
};
