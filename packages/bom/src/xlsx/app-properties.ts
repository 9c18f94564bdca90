import { decodeXmlText, escapeXmlText } from './xml';

/** A `<Name><vt:vector size="n" …>body</vt:vector></Name>` element, split so its body and size can be rewritten. */
interface Vector {
  start: number;
  end: number;
  open: string;
  size: number;
  body: string;
  close: string;
  /** Namespace prefix of the vector's items (`vt:`). */
  itemPrefix: string;
}

function findVector(xml: string, name: string): Vector | null {
  const pattern = new RegExp(
    `(<(\\w+:)?${name}>\\s*<(\\w+:)?vector\\b[^>]*\\bsize="(\\d+)"[^>]*>` +
      `)([\\s\\S]*?)(<\\/\\3vector>\\s*<\\/\\2${name}>)`,
  );
  const match = pattern.exec(xml);
  if (!match) return null;
  return {
    start: match.index,
    end: match.index + match[0].length,
    open: match[1]!,
    size: Number(match[4]),
    body: match[5]!,
    close: match[6]!,
    itemPrefix: match[3] ?? '',
  };
}

function rebuilt(vector: Vector, body: string, size: number): string {
  return vector.open.replace(/\bsize="\d+"/, `size="${size}"`) + body + vector.close;
}

/**
 * `docProps/app.xml` lists the workbook's parts by title (`TitlesOfParts`), grouped by `HeadingPairs` (label, count):
 * worksheets first, then named ranges and the like, with labels in the author's language. Excel rewrites it on save;
 * file browsers and document systems show it. This adds `names` to the worksheet group, or returns `null` — leave the
 * part as it is — when the part does not have the layout Excel writes: one lpstr per title, the counts adding up, and
 * the first group's titles being exactly the workbook's sheets (`sheetNames`).
 */
export function withWorksheetTitles(
  appXml: string,
  sheetNames: readonly string[],
  names: readonly string[],
): string | null {
  const headings = findVector(appXml, 'HeadingPairs');
  const titles = findVector(appXml, 'TitlesOfParts');
  if (!headings || !titles || headings.end > titles.start) return null;

  const counts = [...headings.body.matchAll(/<(?:\w+:)?i4>(\d+)<\/(?:\w+:)?i4>/g)];
  const titleItems = [...titles.body.matchAll(/<(?:\w+:)?lpstr>([\s\S]*?)<\/(?:\w+:)?lpstr>/g)];
  const firstCount = counts[0];
  const total = counts.reduce((sum, match) => sum + Number(match[1]), 0);
  if (!firstCount || titleItems.length !== titles.size || total !== titleItems.length) return null;
  const worksheetCount = Number(firstCount[1]);
  if (worksheetCount === 0 || worksheetCount !== sheetNames.length) return null;
  if (titleItems.slice(0, worksheetCount).some((item, index) => decodeXmlText(item[1]!) !== sheetNames[index]))
    return null;

  const lastWorksheet = titleItems[worksheetCount - 1]!;
  const insertAt = lastWorksheet.index + lastWorksheet[0].length;
  const added = names
    .map((name) => `<${titles.itemPrefix}lpstr>${escapeXmlText(name)}</${titles.itemPrefix}lpstr>`)
    .join('');
  const titlesXml = rebuilt(
    titles,
    titles.body.slice(0, insertAt) + added + titles.body.slice(insertAt),
    titles.size + names.length,
  );

  const countXml = firstCount[0].replace(/>\d+</, `>${worksheetCount + names.length}<`);
  const headingsBody =
    headings.body.slice(0, firstCount.index) + countXml + headings.body.slice(firstCount.index + firstCount[0].length);
  const headingsXml = rebuilt(headings, headingsBody, headings.size);

  return (
    appXml.slice(0, headings.start) +
    headingsXml +
    appXml.slice(headings.end, titles.start) +
    titlesXml +
    appXml.slice(titles.end)
  );
}
