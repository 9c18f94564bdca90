import ExcelJS from 'exceljs';

export type CellGrid = Map<string, Map<string, unknown>>;

/** Every cell value of every sheet, by sheet name and A1 address; formulas compare by formula and cached result. */
export async function readCells(bytes: Uint8Array): Promise<CellGrid> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const grid: CellGrid = new Map();
  book.eachSheet((sheet) => {
    const cells = new Map<string, unknown>();
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        cells.set(cell.address, JSON.parse(JSON.stringify(cell.value)) as unknown);
      });
    });
    grid.set(sheet.name, cells);
  });
  return grid;
}

/** The addresses whose values differ between two workbooks (missing cells count as differing). */
export function differingCells(actual: CellGrid, expected: CellGrid): string[] {
  const problems: string[] = [];
  for (const name of new Set([...actual.keys(), ...expected.keys()])) {
    const a = actual.get(name);
    const e = expected.get(name);
    if (!a || !e) {
      problems.push(`sheet ${name} ${a ? 'unexpected' : 'missing'}`);
      continue;
    }
    for (const address of new Set([...a.keys(), ...e.keys()])) {
      if (JSON.stringify(a.get(address)) !== JSON.stringify(e.get(address))) {
        problems.push(`${name}!${address}: ${JSON.stringify(a.get(address))} ≠ ${JSON.stringify(e.get(address))}`);
      }
    }
  }
  return problems;
}
