import type { JsonSchema, ProcedureEntry } from '@arya/api';

export type { JsonSchema, ProcedureEntry };

/** `/panel/schema.json`: every procedure with its input schema, and the output schemas by path. */
export interface Catalogue {
  procedures: ProcedureEntry[];
  outputs: Record<string, JsonSchema>;
}

export type CatalogueResult =
  | { status: 'loaded'; catalogue: Catalogue }
  | { status: 'refused'; httpStatus: number; message: string };

/** The router a procedure belongs to: `bom.runs.get` → `bom`. */
export const routerOf = (procedure: ProcedureEntry): string => procedure.path.split('.')[0] ?? procedure.path;

/** Reads the catalogue; where the panel is admins-only (production) it needs an admin's access token. */
export async function loadCatalogue(token: string | null): Promise<CatalogueResult> {
  const response = await fetch('/panel/schema.json', {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    credentials: 'same-origin',
  });
  if (response.ok) return { status: 'loaded', catalogue: (await response.json()) as Catalogue };
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  return { status: 'refused', httpStatus: response.status, message: body.error?.message ?? response.statusText };
}

/** Procedures whose path or description contains the search (any case), grouped by router in path order. */
export function groupByRouter(procedures: ProcedureEntry[], search: string): Array<[string, ProcedureEntry[]]> {
  const needle = search.trim().toLowerCase();
  const matching = procedures.filter(
    (procedure) =>
      needle === '' ||
      procedure.path.toLowerCase().includes(needle) ||
      procedure.description.toLowerCase().includes(needle),
  );
  const groups = new Map<string, ProcedureEntry[]>();
  for (const procedure of matching)
    groups.set(routerOf(procedure), [...(groups.get(routerOf(procedure)) ?? []), procedure]);
  return [...groups];
}
