import { parseLevel, splitTokens } from '@arya/bom';
import { columnIndex } from '../../lib/columns';
import type { UploadedWorkbook } from '../../lib/upload-workbook';

export interface BomRowChoice {
  rowNumber: number;
  materialCode: string;
  level: number | null;
  designators: string[];
}

/**
 * The material codes the online editor offers, from the rows the server previewed, each with its designators so
 * the editor can say which requested designators the row has or lacks.
 */
export function bomRowChoices(inspect: UploadedWorkbook['inspect']): BomRowChoice[] {
  const { roles, preview } = inspect.bom;
  if (!roles.materialCode) return [];
  const codeAt = columnIndex(roles.materialCode.column);
  const designatorsAt = roles.designators ? columnIndex(roles.designators.column) : null;
  const levelAt = roles.level ? columnIndex(roles.level.column) : null;
  const choices: BomRowChoice[] = [];
  for (const row of preview) {
    const code = row.values[codeAt];
    if (code === null || code === undefined || String(code).trim() === '') continue;
    const designators = designatorsAt === null ? null : row.values[designatorsAt];
    const level = levelAt === null ? null : parseLevel(row.values[levelAt]);
    choices.push({
      rowNumber: row.rowNumber,
      materialCode: String(code).trim(),
      level: level === null || Number.isNaN(level) ? null : level,
      designators: designators === null || designators === undefined ? [] : splitTokens(String(designators)),
    });
  }
  return choices;
}
