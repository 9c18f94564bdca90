/** Header synonyms per column role. Headers match after trimming and ignoring case; the whole cell must match. */
export interface RoleSpec {
  synonyms: readonly string[];
  required: boolean;
}

export const BOM_ROLES = {
  materialCode: { synonyms: ['对象标识', '物料编码', '料号', 'Material', 'Part Number', 'Component'], required: true },
  level: { synonyms: ['级别', 'Level'], required: false },
  quantity: { synonyms: ['菲菱子件用量', '子件用量', '用量', '数量', 'Quantity', 'Qty'], required: false },
  designators: { synonyms: ['位号', 'Designator', 'Designators', 'Reference', 'References', 'RefDes'], required: true },
  topDesignators: { synonyms: ['A面位号'], required: false },
  bottomDesignators: { synonyms: ['B面位号'], required: false },
} as const satisfies Record<string, RoleSpec>;

export const OP_ROLES = {
  level: { synonyms: ['级别', 'Level'], required: false },
  materialCode: { synonyms: ['物料编码', '对象标识', '料号', 'Material', 'Part Number'], required: true },
  op: { synonyms: ['操作类型', '操作', 'Operation', 'Op'], required: true },
  designators: { synonyms: ['位号', 'Designator', 'Designators'], required: true },
  /** Optional: pins the op to one BOM row (its Excel row number, as 变更日志 shows it) when a material is on several. */
  bomRow: { synonyms: ['BOM行', 'BOM行号', 'BOM Row'], required: false },
} as const satisfies Record<string, RoleSpec>;

export type BomRole = keyof typeof BOM_ROLES;
export type OpRole = keyof typeof OP_ROLES;

export function normalizeHeader(text: string): string {
  return text.trim().toLowerCase();
}

/** Header row = the first row among rows 1–10 with a material-code header; leftmost match per role. */
export const HEADER_SEARCH_ROWS = 10;

export function matchRoles<R extends string>(
  roles: Record<R, RoleSpec>,
  headers: ReadonlyMap<number, string>,
): Partial<Record<R, number>> {
  const found: Partial<Record<R, number>> = {};
  const columns = [...headers.keys()].toSorted((a, b) => a - b);
  for (const role of Object.keys(roles) as R[]) {
    const wanted = new Set(roles[role].synonyms.map(normalizeHeader));
    const col = columns.find((c) => wanted.has(normalizeHeader(headers.get(c) ?? '')));
    if (col !== undefined) found[role] = col;
  }
  return found;
}
