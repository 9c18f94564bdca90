import { rootPrefix, setAttr } from './xml';

export const HIGHLIGHT_RGB = 'FFFFFF00';

export const MINIMAL_STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill ' +
  'patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface Collection {
  /** element XML strings, in order */
  items: string[];
  start: number;
  end: number;
}

/** Reads the children `<name>` of the collection `<collection>` (e.g. fills/fill), self-closing or not. */
function readCollection(xml: string, prefix: string, collection: string, name: string): Collection | undefined {
  const open = new RegExp(`<${prefix}${collection}[\\s>/]`).exec(xml);
  if (!open) return undefined;
  const start = open.index;
  const tagEnd = xml.indexOf('>', start);
  if (xml.charCodeAt(tagEnd - 1) === 47) return { items: [], start, end: tagEnd + 1 };
  const closeTag = `</${prefix}${collection}>`;
  const close = xml.indexOf(closeTag, tagEnd);
  const body = xml.slice(tagEnd + 1, close);
  const items: string[] = [];
  const itemOpen = `<${prefix}${name}`;
  const itemClose = `</${prefix}${name}>`;
  let i = 0;
  for (;;) {
    const s = body.indexOf(itemOpen, i);
    if (s < 0) break;
    const c = body.charCodeAt(s + itemOpen.length);
    if (c !== 32 && c !== 62 && c !== 47) {
      i = s + itemOpen.length;
      continue;
    }
    const e = body.indexOf('>', s);
    const end = body.charCodeAt(e - 1) === 47 ? e + 1 : body.indexOf(itemClose, e) + itemClose.length;
    items.push(body.slice(s, end));
    i = end;
  }
  return { items, start, end: close + closeTag.length };
}

/**
 * Adds cell formats to styles.xml without disturbing existing indices: a solid highlight fill cloned onto
 * each original format that a changed cell uses, and a bold header format for 变更日志.
 */
export class StyleEditor {
  private readonly prefix: string;
  private readonly fills: Collection;
  private readonly fonts: Collection;
  private readonly xfs: Collection;
  private readonly highlighted = new Map<number, number>();
  private readonly newFills: string[] = [];
  private readonly newFonts: string[] = [];
  private readonly newXfs: string[] = [];
  private highlightFillId: number | undefined;
  private boldXf: number | undefined;

  constructor(private readonly xml: string) {
    this.prefix = rootPrefix(xml, 'styleSheet');
    const fills = readCollection(xml, this.prefix, 'fills', 'fill');
    const fonts = readCollection(xml, this.prefix, 'fonts', 'font');
    const xfs = readCollection(xml, this.prefix, 'cellXfs', 'xf');
    if (!fills || !fonts || !xfs) throw new Error('styles.xml lacks fills, fonts or cellXfs');
    this.fills = fills;
    this.fonts = fonts;
    this.xfs = xfs;
  }

  /** The format index for `xf` with a solid highlight fill. */
  highlight(xf: number): number {
    const known = this.highlighted.get(xf);
    if (known !== undefined) return known;
    if (this.highlightFillId === undefined) {
      this.highlightFillId = this.fills.items.length + this.newFills.length;
      const p = this.prefix;
      this.newFills.push(
        `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${HIGHLIGHT_RGB}"/><${p}bgColor ` +
          `indexed="64"/></${p}patternFill></${p}fill>`,
      );
    }
    const base =
      this.xfs.items[xf] ??
      this.xfs.items[0] ??
      `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const index = this.addXf(base, { fillId: String(this.highlightFillId), applyFill: '1' });
    this.highlighted.set(xf, index);
    return index;
  }

  bold(): number {
    if (this.boldXf !== undefined) return this.boldXf;
    const p = this.prefix;
    const font0 = this.fonts.items[0] ?? `<${p}font><${p}sz val="11"/></${p}font>`;
    const openEnd = font0.indexOf('>');
    const bold = font0.endsWith('/>')
      ? `<${p}font><${p}b/></${p}font>`
      : `${font0.slice(0, openEnd + 1)}<${p}b/>${font0.slice(openEnd + 1).replace(new RegExp(`<${p}b/>`), '')}`;
    const fontId = this.fonts.items.length + this.newFonts.length;
    this.newFonts.push(bold);
    this.boldXf = this.addXf(`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`, {
      fontId: String(fontId),
      applyFont: '1',
    });
    return this.boldXf;
  }

  private addXf(base: string, attrs: Record<string, string>): number {
    const tagEnd = base.indexOf('>') + 1;
    let tag = base.slice(0, tagEnd);
    for (const [name, value] of Object.entries(attrs)) tag = setAttr(tag, name, value);
    this.newXfs.push(tag + base.slice(tagEnd));
    return this.xfs.items.length + this.newXfs.length - 1;
  }

  get changed(): boolean {
    return this.newXfs.length > 0;
  }

  toXml(): string {
    const edits = [
      { c: this.fonts, extra: this.newFonts },
      { c: this.fills, extra: this.newFills },
      { c: this.xfs, extra: this.newXfs },
    ]
      .filter((e) => e.extra.length > 0)
      .toSorted((a, b) => b.c.start - a.c.start);
    let xml = this.xml;
    for (const { c, extra } of edits) {
      const original = xml.slice(c.start, c.end);
      const name = /^<([\w:]+)/.exec(original)?.[1] ?? '';
      const openEnd = original.indexOf('>') + 1;
      let openTag = original.slice(0, openEnd);
      const selfClosing = openTag.endsWith('/>');
      if (selfClosing) openTag = `${openTag.slice(0, -2)}>`;
      openTag = setAttr(openTag, 'count', String(c.items.length + extra.length));
      const body = c.items.join('') + extra.join('');
      xml = `${xml.slice(0, c.start)}${openTag}${body}</${name}>${xml.slice(c.end)}`;
    }
    return xml;
  }
}
