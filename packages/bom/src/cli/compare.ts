import { basename } from 'node:path';
import { compareBomWorkbooks } from '../compare';
import { buildComparisonWorkbook } from '../compare-workbook';
import { isBomInputError } from '../errors';
import { CliInputError, parse, readInput, UsageError, writeOutput, type Command } from './args';
import { COMPARE_HELP } from './help';

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
  ...COMPARE_HELP,
  badInputExitCode: 2,
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
