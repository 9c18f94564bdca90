import type { AnyTRPCRouter } from '@trpc/server';
import { z } from 'zod';

export interface ProcedureEntry {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** JSON Schema (draft 2020-12) of the input as a caller sends it; `null` when the procedure takes none. */
  input: Record<string, unknown> | null;
}

interface ProcedureDefinition {
  type: ProcedureEntry['type'];
  inputs: unknown[];
}

function definitionOf(procedure: unknown): ProcedureDefinition | undefined {
  if (typeof procedure !== 'function' && typeof procedure !== 'object') return undefined;
  // oxlint-disable-next-line no-underscore-dangle -- tRPC exposes a procedure's definition only as `_def`
  const def: unknown = (procedure as { _def?: unknown } | null)?._def;
  if (!def || typeof def !== 'object') return undefined;
  const { type, inputs } = def as { type?: unknown; inputs?: unknown };
  if (type !== 'query' && type !== 'mutation' && type !== 'subscription') return undefined;
  return { type, inputs: Array.isArray(inputs) ? inputs : [] };
}

function inputSchema(inputs: unknown[]): Record<string, unknown> | null {
  const schemas = inputs.map((parser) =>
    parser instanceof z.ZodType
      ? z.toJSONSchema(parser, { io: 'input', unrepresentable: 'any' })
      : { description: 'input validated by a non-zod parser' },
  );
  if (schemas.length === 0) return null;
  if (schemas.length === 1) return schemas[0] as Record<string, unknown>;
  return { allOf: schemas };
}

/** Every procedure of the router, sorted by path, with the JSON Schema of its input (from zod 4's own converter). */
export function describeProcedures(router: AnyTRPCRouter): ProcedureEntry[] {
  // oxlint-disable-next-line no-underscore-dangle -- the flat `path → procedure` map lives on `_def`
  const procedures: Record<string, unknown> = router._def.procedures;
  return Object.entries(procedures)
    .flatMap(([path, procedure]) => {
      const def = definitionOf(procedure);
      return def ? [{ path, type: def.type, input: inputSchema(def.inputs) }] : [];
    })
    .toSorted((a, b) => a.path.localeCompare(b.path));
}
