import { byteStringOfText, textOf } from './byte-string';
import { decodeXmlText, rootPrefix, textOfRuns } from './xml';

/**
 * sharedStrings.xml, read lazily: one pass locates every `<si>`, and an item is decoded (UTF-8, entities, rich-text
 * runs joined, phonetic runs skipped) the first time a cell asks for it. A BOM's table holds thousands of strings in
 * columns the engine never reads (descriptions, notes); they are never decoded.
 */
export class SharedStrings {
  /** per item: the offset just past its start tag, and of its end tag (equal for `<si/>`) */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly decoded: (string | undefined)[] = [];
  private readonly prefix: string;

  /** `xml`: the part as a byte string (`byte-string.ts`); undefined when the workbook has none */
  constructor(private readonly xml = '') {
    this.prefix = rootPrefix(xml, 'sst');
    const open = `<${this.prefix}si`;
    const close = `</${this.prefix}si>`;
    let i = 0;
    for (;;) {
      const s = xml.indexOf(open, i);
      if (s < 0) break;
      const tagEnd = xml.indexOf('>', s);
      if (tagEnd < 0) break;
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        this.starts.push(tagEnd + 1);
        this.ends.push(tagEnd + 1);
        i = tagEnd + 1;
        continue;
      }
      const e = xml.indexOf(close, tagEnd);
      if (e < 0) break;
      this.starts.push(tagEnd + 1);
      this.ends.push(e);
      i = e + close.length;
    }
  }

  get size(): number {
    return this.starts.length;
  }

  /** The text of item `index`; undefined when there is no such item. */
  at(index: number): string | undefined {
    const known = this.decoded[index];
    if (known !== undefined || !(index >= 0 && index < this.starts.length)) return known;
    const start = this.starts[index]!;
    const end = this.ends[index]!;
    const text =
      start === end
        ? ''
        : (plainText(this.xml, start, end, this.prefix) ?? textOfRuns(textOf(this.xml.slice(start, end)), this.prefix));
    this.decoded[index] = text;
    return text;
  }
}

/** Every item of sharedStrings.xml (given as text) decoded: for tests and tools; the engine reads items lazily. */
export function parseSharedStrings(xml: string | undefined): string[] {
  const strings = new SharedStrings(xml === undefined ? '' : byteStringOfText(xml));
  return Array.from({ length: strings.size }, (_, i) => strings.at(i)!);
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
  return decodeXmlText(textOf(xml.slice(tagEnd + 1, textEnd)));
}
