const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// OOXML escapes characters that XML cannot carry as _xHHHH_ (ECMA-376 §22.9.2.19).
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

export function decodeXmlText(text: string): string {
  let out = text;
  if (out.includes('&')) {
    out = out.replace(ENTITY, (whole, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
      if (name) return NAMED[name] ?? whole;
      const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    });
  }
  if (out.includes('_x'))
    out = out.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return out;
}

// everything XML 1.0 cannot carry: C0 controls other than tab/newline/return, U+FFFE, U+FFFF
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\ufffd\u{10000}-\u{10ffff}]/gu;

/** true when a character needs escaping: & < >, controls but tab/newline/return, surrogates, U+FFFE/U+FFFF */
function needsEscape(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 : c === 38 || c === 60 || c === 62 || c >= 0xd800) return true;
  }
  return false;
}

export function escapeXmlText(text: string): string {
  // most cells need nothing: one pass over the characters instead of four regular expressions
  if (!needsEscape(text)) return text;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(INVALID_XML_CHARS, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`);
}

export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;');
}

/** Reads one attribute from a start tag such as `<c r="A1" s="3">`; handles both quote styles. */
export function readAttr(tag: string, name: string): string | undefined {
  const at = findAttr(tag, name);
  return at ? decodeXmlText(at.value) : undefined;
}

export function findAttr(tag: string, name: string): { start: number; end: number; value: string } | undefined {
  let from = 0;
  for (;;) {
    const i = tag.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = tag.charCodeAt(i - 1);
    // the name must follow whitespace and be followed by `=`
    if (!(before === 32 || before === 9 || before === 10 || before === 13)) continue;
    let j = i + name.length;
    while (tag.charCodeAt(j) === 32) j++;
    if (tag[j] !== '=') continue;
    j++;
    while (tag.charCodeAt(j) === 32) j++;
    const quote = tag[j];
    if (quote !== '"' && quote !== "'") continue;
    const close = tag.indexOf(quote, j + 1);
    if (close < 0) return undefined;
    return { start: i, end: close + 1, value: tag.slice(j + 1, close) };
  }
}

/** Removes an attribute (with its leading whitespace) from a start tag. */
export function removeAttr(tag: string, name: string): string {
  const at = findAttr(tag, name);
  return at ? tag.slice(0, at.start - 1) + tag.slice(at.end) : tag;
}

/** Sets an attribute on a start tag, replacing it when present. */
export function setAttr(tag: string, name: string, value: string): string {
  const at = findAttr(tag, name);
  if (at) return `${tag.slice(0, at.start)}${name}="${escapeXmlAttr(value)}"${tag.slice(at.end)}`;
  const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escapeXmlAttr(value)}"${tag.slice(close)}`;
}

/** Concatenated text of every `<t>` element in `xml`, skipping phonetic runs (`<rPh>`). */
export function textOfRuns(xml: string, prefix: string): string {
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  const phonetic = `<${prefix}rPh`;
  const phoneticEnd = `</${prefix}rPh>`;
  let out = '';
  let i = 0;
  for (;;) {
    const t = xml.indexOf(open, i);
    if (t < 0) break;
    const ph = xml.indexOf(phonetic, i);
    if (ph >= 0 && ph < t) {
      const phEnd = xml.indexOf(phoneticEnd, ph);
      if (phEnd < 0) break;
      i = phEnd + phoneticEnd.length;
      continue;
    }
    const after = xml.charCodeAt(t + open.length);
    // `<t>` or `<t xml:space=…>`; skip other tags starting with t (none in these parts, but be strict)
    if (after !== 62 && after !== 32 && after !== 47) {
      i = t + open.length;
      continue;
    }
    const tagEnd = xml.indexOf('>', t);
    if (tagEnd < 0) break;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      i = tagEnd + 1;
      continue;
    }
    const end = xml.indexOf(close, tagEnd);
    if (end < 0) break;
    out += xml.slice(tagEnd + 1, end);
    i = end + close.length;
  }
  return decodeXmlText(out);
}

/** The namespace prefix (with colon, or '') used for the root element `localName`. */
export function rootPrefix(xml: string, localName: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s>]`).exec(xml);
  return m?.[1] ?? '';
}
