import { textOfRuns, rootPrefix } from './xml';

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
    const body = xml.slice(tagEnd + 1, e);
    out.push(textOfRuns(body, prefix));
    i = e + close.length;
  }
  return out;
}
