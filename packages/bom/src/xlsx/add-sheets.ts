import { withWorksheetTitles } from './app-properties';
import type { OpenedWorkbook } from './package';
import { MINIMAL_STYLES_XML } from './styles';
import { parseRelationships, relsPathOf, resolveTarget } from './workbook';
import { escapeXmlAttr, readAttr, rootPrefix } from './xml';
import { readEntryText, writeZip, type ZipOutput } from './zip';

export interface NewSheet {
  name: string;
  /** the part: XML text, or its UTF-8 bytes */
  xml: string | Uint8Array;
  /** relationships of the new sheet part, when it keeps any (hyperlinks) */
  relsXml?: string;
}

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const STYLES_TYPE = `${REL_NS}/styles`;
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

const encoder = new TextEncoder();

function insertBefore(xml: string, closeTagPattern: RegExp, text: string): string {
  const m = closeTagPattern.exec(xml);
  if (!m) throw new Error(`cannot find ${closeTagPattern}`);
  return xml.slice(0, m.index) + text + xml.slice(m.index);
}

/**
 * docProps/app.xml (wherever the package's root relationships put it) with the new sheets among its titles, if it can
 * be.
 */
function appPropertiesWithSheets(
  book: OpenedWorkbook,
  names: readonly string[],
): { path: string; xml: string } | undefined {
  const rootRels = readEntryText(book.zip, '_rels/.rels', book.limits);
  const target =
    rootRels && parseRelationships(rootRels).find((rel) => rel.type.endsWith('/extended-properties'))?.target;
  if (!target) return undefined;
  const path = resolveTarget('', target);
  const appXml = readEntryText(book.zip, path, book.limits);
  const xml =
    appXml &&
    withWorksheetTitles(
      appXml,
      book.parts.sheets.map((sheet) => sheet.name),
      names,
    );
  return xml ? { path, xml } : undefined;
}

/**
 * The output package: every input part copied as stored, except workbook.xml, its rels, [Content_Types].xml,
 * styles.xml and docProps/app.xml, which gain the new sheets and formats; new sheets appended after the existing ones.
 */
export function writeWorkbookWithSheets(
  book: OpenedWorkbook,
  sheets: readonly NewSheet[],
  stylesXml: string | undefined,
  level: 1 | 6 = 1,
): Uint8Array {
  const { parts, zip, limits } = book;
  const changed = new Map<string, string>();
  let workbookXml = parts.workbookXml;
  let relsXml =
    parts.relsXml ||
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ` +
      `xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  let contentTypes = readEntryText(zip, '[Content_Types].xml', limits) ?? '';
  const existingPaths = new Set(zip.entries.map((e) => e.name));
  const relIds = new Set(parseRelationships(relsXml).map((r) => r.id));
  const wbPrefix = rootPrefix(workbookXml, 'workbook');
  const nsMatch = new RegExp(`xmlns:([\\w.-]+)="${REL_NS.replace(/[./]/g, '\\$&')}"`).exec(workbookXml);
  const relPrefix = nsMatch?.[1];
  let sheetId = Math.max(
    0,
    ...parts.sheets.map((s) => s.sheetId),
    ...[...workbookXml.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1])),
  );
  const relsPrefix = rootPrefix(relsXml, 'Relationships');
  const ctPrefix = rootPrefix(contentTypes, 'Types');
  const folder = parts.workbookPath.includes('/')
    ? parts.workbookPath.slice(0, parts.workbookPath.lastIndexOf('/') + 1)
    : '';
  const newId = () => {
    let n = 1;
    while (relIds.has(`rIdArya${n}`)) n++;
    relIds.add(`rIdArya${n}`);
    return `rIdArya${n}`;
  };
  const outputsNew: ZipOutput[] = [];

  for (const sheet of sheets) {
    let n = 1;
    while (existingPaths.has(`${folder}worksheets/sheet${n}.xml`)) n++;
    const path = `${folder}worksheets/sheet${n}.xml`;
    existingPaths.add(path);
    const id = newId();
    sheetId++;
    const idAttr = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${REL_NS}" r:id="${id}"`;
    workbookXml = insertBefore(
      workbookXml,
      new RegExp(`</${wbPrefix}sheets>`),
      `<${wbPrefix}sheet name="${escapeXmlAttr(sheet.name)}" sheetId="${sheetId}" ${idAttr}/>`,
    );
    relsXml = insertBefore(
      relsXml,
      new RegExp(`</${relsPrefix}Relationships>`),
      `<${relsPrefix}Relationship Id="${id}" Type="${WORKSHEET_TYPE}" Target="worksheets/sheet${n}.xml"/>`,
    );
    contentTypes = insertBefore(
      contentTypes,
      new RegExp(`</${ctPrefix}Types>`),
      `<${ctPrefix}Override PartName="/${path}" ContentType="${WORKSHEET_CT}"/>`,
    );
    outputsNew.push({ name: path, data: typeof sheet.xml === 'string' ? encoder.encode(sheet.xml) : sheet.xml });
    if (sheet.relsXml) outputsNew.push({ name: relsPathOf(path), data: encoder.encode(sheet.relsXml) });
  }

  if (stylesXml !== undefined) {
    if (parts.stylesPath) changed.set(parts.stylesPath, stylesXml);
    else {
      const path = `${folder}styles.xml`;
      relsXml = insertBefore(
        relsXml,
        new RegExp(`</${relsPrefix}Relationships>`),
        `<${relsPrefix}Relationship Id="${newId()}" Type="${STYLES_TYPE}" Target="styles.xml"/>`,
      );
      contentTypes = insertBefore(
        contentTypes,
        new RegExp(`</${ctPrefix}Types>`),
        `<${ctPrefix}Override PartName="/${path}" ContentType="${STYLES_CT}"/>`,
      );
      outputsNew.push({ name: path, data: encoder.encode(stylesXml) });
    }
  }
  changed.set(parts.workbookPath, workbookXml);
  changed.set(parts.relsPath, relsXml);
  changed.set('[Content_Types].xml', contentTypes);
  const appProperties = appPropertiesWithSheets(
    book,
    sheets.map((sheet) => sheet.name),
  );
  if (appProperties) changed.set(appProperties.path, appProperties.xml);

  const outputs: ZipOutput[] = zip.entries.map((entry) => {
    const text = changed.get(entry.name);
    changed.delete(entry.name);
    return text === undefined ? { name: entry.name, copyOf: entry } : { name: entry.name, data: encoder.encode(text) };
  });
  for (const [name, text] of changed) outputs.push({ name, data: encoder.encode(text) });
  outputs.push(...outputsNew);
  return writeZip(zip, outputs, level);
}

/** The styles XML to edit: the workbook's own, or a minimal one when it has none. */
export function stylesSource(book: OpenedWorkbook): string {
  return (book.parts.stylesPath && readEntryText(book.zip, book.parts.stylesPath, book.limits)) || MINIMAL_STYLES_XML;
}

/** Relationships of a sheet that a copy may share: external hyperlinks only. */
export function shareableSheetRels(book: OpenedWorkbook, sheetPath: string): string | undefined {
  const xml = readEntryText(book.zip, relsPathOf(sheetPath), book.limits);
  if (!xml) return undefined;
  const tags = [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => (readAttr(tag, 'Type') ?? '').endsWith('/hyperlink'));
  if (tags.length === 0) return undefined;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships ` +
    'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    tags.map((t) => (t.endsWith('/>') ? t : t.replace(/>$/, '/>'))).join('') +
    '</Relationships>'
  );
}
