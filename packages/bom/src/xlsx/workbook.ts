import { BomInputError } from '../errors';
import type { BomLimits } from '../limits';
import { decodeXmlText, readAttr, rootPrefix } from './xml';
import { readEntryText, type ZipArchive } from './zip';

export interface SheetRef {
  name: string;
  sheetId: number;
  relId: string;
  /** zip path, e.g. xl/worksheets/sheet1.xml */
  path: string;
}

export interface WorkbookParts {
  workbookPath: string;
  workbookXml: string;
  relsPath: string;
  relsXml: string;
  sheets: SheetRef[];
  sharedStringsPath: string | undefined;
  stylesPath: string | undefined;
}

const OFFICE_DOC = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument';

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRelationships(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const tag = m[0];
    rels.push({
      id: readAttr(tag, 'Id') ?? '',
      type: readAttr(tag, 'Type') ?? '',
      target: readAttr(tag, 'Target') ?? '',
      external: readAttr(tag, 'TargetMode') === 'External',
    });
  }
  return rels;
}

/** Resolves a relationship target against the folder of the part that owns the relationship. */
export function resolveTarget(ownerPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ownerPath.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export function relsPathOf(partPath: string): string {
  const i = partPath.lastIndexOf('/');
  return `${partPath.slice(0, i + 1)}_rels/${partPath.slice(i + 1)}.rels`;
}

export function readWorkbookParts(zip: ZipArchive, limits: BomLimits): WorkbookParts {
  const rootRels = readEntryText(zip, '_rels/.rels', limits);
  const officeDoc = rootRels ? parseRelationships(rootRels).find((r) => r.type === OFFICE_DOC) : undefined;
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = readEntryText(zip, workbookPath, limits);
  if (workbookXml === undefined) throw new BomInputError('not_xlsx', { reason: 'no workbook part' });
  const relsPath = relsPathOf(workbookPath);
  const relsXml = readEntryText(zip, relsPath, limits) ?? '';
  const rels = parseRelationships(relsXml);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const prefix = rootPrefix(workbookXml, 'workbook');
  const sheets: SheetRef[] = [];
  for (const m of workbookXml.matchAll(new RegExp(`<${prefix}sheet\\b[^>]*>`, 'g'))) {
    const tag = m[0];
    const relId = relIdOf(tag);
    const rel = relId ? byId.get(relId) : undefined;
    if (!rel || !rel.type.endsWith('/worksheet')) continue; // chartsheets and dialog sheets have no cells
    sheets.push({
      name: readAttr(tag, 'name') ?? '',
      sheetId: Number(readAttr(tag, 'sheetId') ?? 0),
      relId: rel.id,
      path: resolveTarget(workbookPath, rel.target),
    });
  }
  const target = (suffix: string) => {
    const rel = rels.find((r) => r.type.endsWith(suffix));
    return rel ? resolveTarget(workbookPath, rel.target) : undefined;
  };
  return {
    workbookPath,
    workbookXml,
    relsPath,
    relsXml,
    sheets,
    sharedStringsPath: target('/sharedStrings'),
    stylesPath: target('/styles'),
  };
}

/** The r:id of a `<sheet>` tag, whatever prefix the relationships namespace has. */
function relIdOf(tag: string): string | undefined {
  const m = /\s([\w.-]+:)?id=("([^"]*)"|'([^']*)')/.exec(tag);
  if (!m) return undefined;
  return decodeXmlText(m[3] ?? m[4] ?? '');
}
