import { decodeXmlText, rootPrefix, textOfRuns } from './xml';

/** Every `<si>` of sharedStrings.xml as plain text (rich-text runs joined, phonetic runs skipped). */
export function parseSharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const prefix = rootPrefix(xml, 'sst');
  const open = `<${prefix}si`;
  const close = `</${prefix}si>`;
  const out: string[] = [];
  let i = 0;
  for (;;) {
    const s = xml.indexOf(open, i);
    if (s < 0) break;
    const tagEnd = xml.indexOf('>', s);
    if (tagEnd < 0) break;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      out.push('');
      i = tagEnd + 1;
      continue;
    }
    const e = xml.indexOf(close, tagEnd);
    if (e < 0) break;
    out.push(plainText(xml, tagEnd + 1, e, prefix) ?? textOfRuns(xml.slice(tagEnd + 1, e), prefix));
    i = e + close.length;
  }
  return out;
}

/** Fast path for the common `<si><t>text</t></si>`: the text between one `<t>` and its `</t>`, else undefined. */
function plainText(xml: string, start: number, end: number, prefix: string): string | undefined {
  const open = `<${prefix}t`;
  if (!xml.startsWith(open, start)) return undefined;
  const tagEnd = xml.indexOf('>', start);
  const after = xml.charCodeAt(start + open.length);
  if (tagEnd < 0 || tagEnd >= end || (after !== 62 && after !== 32) || xml.charCodeAt(tagEnd - 1) === 47)
    return undefined;
  const close = `</${prefix}t>`;
  if (end - close.length < tagEnd || !xml.startsWith(close, end - close.length)) return undefined;
  const textEnd = end - close.length;
  const lt = xml.indexOf('<', tagEnd + 1);
  if (lt !== textEnd) return undefined;
  return decodeXmlText(xml.slice(tagEnd + 1, textEnd));
}
