import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeProcedures, type JsonSchema, type ProcedureEntry } from '../src/catalogue';
import { appRouter } from '../src/root';
import { createTRPCRouter, publicProcedure } from '../src/trpc';

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field is described when it, or one of its `anyOf`/`oneOf` branches (e.g. `.nullish()`), has a description. */
function hasDescription(schema: JsonSchema): boolean {
  if (typeof schema.description === 'string' && schema.description.trim() !== '') return true;
  const branches = [schema.anyOf, schema.oneOf].flatMap((list) => (Array.isArray(list) ? list : []));
  return branches.some((branch) => isSchema(branch) && branch.type !== 'null' && hasDescription(branch));
}

/** Paths of every object property, at any depth, that carries no description. */
function undescribedFields(schema: JsonSchema, at: string): string[] {
  const missing: string[] = [];
  if (isSchema(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (!isSchema(property)) continue;
      if (!hasDescription(property)) missing.push(`${at}.${name}`);
      missing.push(...undescribedFields(property, `${at}.${name}`));
    }
  }
  for (const key of ['items', 'additionalProperties'] as const) {
    const child = schema[key];
    if (isSchema(child)) missing.push(...undescribedFields(child, `${at}[]`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const child of list) if (isSchema(child)) missing.push(...undescribedFields(child, at));
  }
  if (isSchema(schema.$defs)) {
    for (const [name, child] of Object.entries(schema.$defs))
      if (isSchema(child)) missing.push(...undescribedFields(child, `${at}#${name}`));
  }
  return missing;
}

function missingDescriptions(procedures: ProcedureEntry[]): string[] {
  return procedures.flatMap((procedure) => [
    ...(procedure.description.trim() === '' ? [procedure.path] : []),
    ...(procedure.input ? undescribedFields(procedure.input, procedure.path) : []),
  ]);
}

describe('procedure catalogue', () => {
  const procedures = describeProcedures(appRouter);

  it('describes every procedure and every input field, at any depth', () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(missingDescriptions(procedures)).toEqual([]);
  });

  it('finds a missing description on a procedure, a field, a nested field and an array item field', () => {
    const router = createTRPCRouter({
      bare: publicProcedure.query(() => 1),
      fields: publicProcedure
        .meta({ description: 'has fields' })
        .input(
          z.object({
            plain: z.string(),
            nested: z.object({ inner: z.number() }).describe('described itself'),
            rows: z.array(z.object({ cell: z.string() })).describe('rows'),
            maybe: z.string().nullish(),
          }),
        )
        .mutation(() => 1),
    });
    expect(missingDescriptions(describeProcedures(router)).toSorted()).toEqual([
      'bare',
      'fields.maybe',
      'fields.nested.inner',
      'fields.plain',
      'fields.rows[].cell',
    ]);
  });

  it('describes the upload by its form fields, the file as binary', () => {
    const upload = procedures.find((procedure) => procedure.path === 'bom.files.upload');
    expect(upload?.inputEncoding).toBe('multipart');
    expect(upload?.input).toMatchObject({
      type: 'object',
      properties: { file: { format: 'binary' }, kind: { enum: ['bom', 'ops'], default: 'bom' } },
      required: ['file'],
    });
  });
});
