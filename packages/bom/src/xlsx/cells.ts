import type { CellValue } from '../values';
import { columnLetter } from './sheet-scanner';
import { escapeXmlText } from './xml';

/**
 * XML of one cell: strings inline (no shared-strings rewrite needed), numbers and booleans as values, null as an empty
 * styled cell.
 */
export function cellXml(col: number, row: number, value: CellValue, style = 0, formula?: string, prefix = ''): string {
  const p = prefix;
  const ref = `${columnLetter(col)}${row}`;
  const s = style ? ` s="${style}"` : '';
  const f = formula ? `<${p}f>${escapeXmlText(formula)}</${p}f>` : '';
  if (value === null || value === '') return f ? `<${p}c r="${ref}"${s}>${f}</${p}c>` : `<${p}c r="${ref}"${s}/>`;
  if (typeof value === 'number')
    return `<${p}c r="${ref}"${s}>${f}<${p}v>${Number.isFinite(value) ? value : 0}</${p}v></${p}c>`;
  if (typeof value === 'boolean') return `<${p}c r="${ref}"${s} t="b">${f}<${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
  if (f) return `<${p}c r="${ref}"${s} t="str">${f}<${p}v>${escapeXmlText(value)}</${p}v></${p}c>`;
  const space = value !== value.trim() ? ' xml:space="preserve"' : '';
  return `<${p}c r="${ref}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXmlText(value)}</${p}t></${p}is></${p}c>`;
}
