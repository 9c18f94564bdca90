import type { AnyTRPCRouter } from '@trpc/server';
import { z } from 'zod';
import { multipartFieldsOf } from './lib/multipart';

export type JsonSchema = Record<string, unknown>;

export interface ProcedureEntry {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** From the procedure's `.meta({ description })`; empty when it has none (a test forbids that). */
  description: string;
  /** JSON Schema (draft 2020-12) of the input as a caller sends it; `null` when the procedure takes none. */
  input: JsonSchema | null;
  /** `multipart` when the input is a form (its fields are `input`), `json` otherwise. */
  inputEncoding: 'json' | 'multipart';
  /** Whether a call must send an input (false when there is none or it has a default). */
  inputRequired: boolean;
}

/**
 * JSON Schemas of every query's and mutation's output by path, generated from `RouterOutputs` before build, test and
 * dev (`pnpm --filter @arya/api generate`; the server bundle carries a copy beside it).
 */
export const outputSchemasUrl = new URL('./generated/output-schemas.json', import.meta.url);

interface ProcedureDefinition {
  type: ProcedureEntry['type'];
  inputs: unknown[];
  meta: unknown;
}

function definitionOf(procedure: unknown): ProcedureDefinition | undefined {
  if (typeof procedure !== 'function' && typeof procedure !== 'object') return undefined;
  // oxlint-disable-next-line no-underscore-dangle -- tRPC exposes a procedure's definition only as `_def`
  const def: unknown = (procedure as { _def?: unknown } | null)?._def;
  if (!def || typeof def !== 'object') return undefined;
  const { type, inputs, meta } = def as { type?: unknown; inputs?: unknown; meta?: unknown };
  if (type !== 'query' && type !== 'mutation' && type !== 'subscription') return undefined;
  return { type, inputs: Array.isArray(inputs) ? inputs : [], meta };
}

function descriptionOf(meta: unknown): string {
  const description = (meta as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : '';
}

/** The input side of a zod schema; a value zod cannot express in JSON Schema (a Blob) keeps only its metadata. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

function describeInput(inputs: unknown[]): Pick<ProcedureEntry, 'input' | 'inputEncoding' | 'inputRequired'> {
  const [parser] = inputs;
  if (inputs.length > 1) throw new Error('a procedure with several .input() parsers is not described');
  if (parser === undefined) return { input: null, inputEncoding: 'json', inputRequired: false };
  if (!(parser instanceof z.ZodType)) throw new Error('every procedure input must be a zod schema');
  const fields = multipartFieldsOf(parser);
  if (fields) return { input: inputJsonSchema(fields), inputEncoding: 'multipart', inputRequired: true };
  return { input: inputJsonSchema(parser), inputEncoding: 'json', inputRequired: !parser.safeParse(undefined).success };
}

/** Every procedure of the router, sorted by path, with its description and the JSON Schema of its input. */
export function describeProcedures(router: AnyTRPCRouter): ProcedureEntry[] {
  // oxlint-disable-next-line no-underscore-dangle -- the flat `path → procedure` map lives on `_def`
  const procedures: Record<string, unknown> = router._def.procedures;
  return Object.entries(procedures)
    .flatMap(([path, procedure]) => {
      const def = definitionOf(procedure);
      if (!def) return [];
      return [{ path, type: def.type, description: descriptionOf(def.meta), ...describeInput(def.inputs) }];
    })
    .toSorted((a, b) => a.path.localeCompare(b.path));
}
