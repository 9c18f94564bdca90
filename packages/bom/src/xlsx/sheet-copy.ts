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
 * Makes a worksheet XML safe to add as a second sheet: not selected as a tab, no duplicate code name, and
 * without references to parts only the original sheet may own. Cells, merges, formulas, widths stay.
 */
export function prepareSheetCopy(xml: string, prefix: string): string {
  const sheetData = xml.indexOf(`<${prefix}sheetData`);
  let head = sheetData < 0 ? xml : xml.slice(0, sheetData);
  let tail = sheetData < 0 ? '' : xml.slice(sheetData);
  head = head.replace(new RegExp(`<${prefix}sheetView\\b[^>]*>`, 'g'), (tag) => removeAttr(tag, 'tabSelected'));
  head = editFirstTag(head, prefix, 'sheetPr', (tag) => removeAttr(tag, 'codeName'));
  const dataEnd = tail.indexOf(`</${prefix}sheetData>`);
  if (dataEnd >= 0) {
    const afterData = dataEnd + `</${prefix}sheetData>`.length;
    let after = tail.slice(afterData);
    for (const name of SHEET_OWNED_ELEMENTS) after = removeElement(after, prefix, name);
    after = editFirstTag(after, prefix, 'pageSetup', (tag) => {
      const m = /\s([\w.-]+:)id=/.exec(tag);
      return m ? removeAttr(tag, `${m[1]}id`) : tag;
    });
    tail = tail.slice(0, afterData) + after;
  }
  return head + tail;
}

/** When a shared formula's master cell is overwritten, its dependents keep their cached values without the formula. */
export function dropSharedFormulaDependents(xml: string, prefix: string, groups: ReadonlySet<string>): string {
  if (groups.size === 0) return xml;
  return xml.replace(new RegExp(`<${prefix}f\\b[^>]*\\/>`, 'g'), (tag) => {
    if (findAttr(tag, 't')?.value !== 'shared' || findAttr(tag, 'ref')) return tag;
    return groups.has(findAttr(tag, 'si')?.value ?? '') ? '' : tag;
  });
}

export function sharedFormulaMasterGroup(inner: string, prefix: string): string | undefined {
  const m = new RegExp(`<${prefix}f\\b[^>]*>`).exec(inner);
  if (!m) return undefined;
  const tag = m[0];
  if (findAttr(tag, 't')?.value !== 'shared' || !findAttr(tag, 'ref')) return undefined;
  return findAttr(tag, 'si')?.value;
}
