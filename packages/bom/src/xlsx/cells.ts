import type { CellValue } from '../values';
import { columnLetter } from './sheet-scanner';
import { escapeXmlText } from './xml';

/** XML of one cell: strings inline (no shared-strings rewrite needed), numbers and booleans as values, null as an empty styled cell. */
export function cellXml(col: number, row: number, value: CellValue, style = 0, formula?: string): string {
  const ref = `${columnLetter(col)}${row}`;
  const s = style ? ` s="${style}"` : '';
  const f = formula ? `<f>${escapeXmlText(formula)}</f>` : '';
  if (value === null || value === '') return f ? `<c r="${ref}"${s}>${f}</c>` : `<c r="${ref}"${s}/>`;
  if (typeof value === 'number') return `<c r="${ref}"${s}>${f}<v>${Number.isFinite(value) ? value : 0}</v></c>`;
  if (typeof value === 'boolean') return `<c r="${ref}"${s} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
  if (f) return `<c r="${ref}"${s} t="str">${f}<v>${escapeXmlText(value)}</v></c>`;
  const space = value !== value.trim() ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeXmlText(value)}</t></is></c>`;
}
