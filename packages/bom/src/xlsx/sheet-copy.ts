import type { TextEdit } from './sheet-edit';
import { closingTagAfter } from './sheet-scanner';
import { findAttr, removeAttr } from './xml';

/** Elements whose relationships point at parts that belong to one sheet only (drawings, tables, controls). */
const SHEET_OWNED_ELEMENTS = [
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'tableParts',
  'webPublishItems',
];

function removeElement(xml: string, prefix: string, name: string): string {
  const open = new RegExp(`<${prefix}${name}[\\s>/]`).exec(xml);
  if (!open) return xml;
  const tagEnd = xml.indexOf('>', open.index);
  if (xml.charCodeAt(tagEnd - 1) === 47) return xml.slice(0, open.index) + xml.slice(tagEnd + 1);
  const close = `</${prefix}${name}>`;
  const end = xml.indexOf(close, tagEnd);
  return end < 0 ? xml : xml.slice(0, open.index) + xml.slice(end + close.length);
}

function editFirstTag(xml: string, prefix: string, name: string, edit: (tag: string) => string): string {
  const m = new RegExp(`<${prefix}${name}[\\s>/][^>]*>|<${prefix}${name}>`).exec(xml);
  if (!m) return xml;
  return xml.slice(0, m.index) + edit(m[0]) + xml.slice(m.index + m[0].length);
}

/**
 * The edits that make a worksheet XML safe to add as a second sheet: not selected as a tab, no duplicate code name,
 * and without references to parts only the original sheet may own. Cells, merges, formulas, widths stay.
 */
export function sheetCopyEdits(xml: string, prefix: string): TextEdit[] {
  const sheetData = xml.indexOf(`<${prefix}sheetData`);
  const headEnd = sheetData < 0 ? xml.length : sheetData;
  const edits: TextEdit[] = [];
  const original = xml.slice(0, headEnd);
  let head = original.replace(new RegExp(`<${prefix}sheetView\\b[^>]*>`, 'g'), (tag) => removeAttr(tag, 'tabSelected'));
  head = editFirstTag(head, prefix, 'sheetPr', (tag) => removeAttr(tag, 'codeName'));
  if (head !== original) edits.push({ start: 0, end: headEnd, text: head });
  const close = `</${prefix}sheetData>`;
  const dataEnd = sheetData < 0 ? -1 : closingTagAfter(xml, close, sheetData);
  if (dataEnd >= 0) {
    const afterData = dataEnd + close.length;
    const originalTail = xml.slice(afterData);
    let tail = originalTail;
    for (const name of SHEET_OWNED_ELEMENTS) tail = removeElement(tail, prefix, name);
    tail = editFirstTag(tail, prefix, 'pageSetup', (tag) => {
      const m = /\s([\w.-]+:)id=/.exec(tag);
      return m ? removeAttr(tag, `${m[1]}id`) : tag;
    });
    if (tail !== originalTail) edits.push({ start: afterData, end: xml.length, text: tail });
  }
  return edits;
}

/**
 * When a shared formula's master cell is overwritten, its dependents keep their cached values without the formula:
 * the edits that remove their `<f …/>`.
 */
export function sharedFormulaDependentEdits(xml: string, prefix: string, groups: ReadonlySet<string>): TextEdit[] {
  if (groups.size === 0) return [];
  const edits: TextEdit[] = [];
  for (const m of xml.matchAll(new RegExp(`<${prefix}f\\b[^>]*\\/>`, 'g'))) {
    const tag = m[0];
    if (findAttr(tag, 't')?.value !== 'shared' || findAttr(tag, 'ref')) continue;
    if (groups.has(findAttr(tag, 'si')?.value ?? ''))
      edits.push({ start: m.index, end: m.index + tag.length, text: '' });
  }
  return edits;
}

export function sharedFormulaMasterGroup(inner: string, prefix: string): string | undefined {
  const m = new RegExp(`<${prefix}f\\b[^>]*>`).exec(inner);
  if (!m) return undefined;
  const tag = m[0];
  if (findAttr(tag, 't')?.value !== 'shared' || !findAttr(tag, 'ref')) return undefined;
  return findAttr(tag, 'si')?.value;
}
