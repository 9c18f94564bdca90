import type { JsonSchema } from '@arya/api';

type Schema = JsonSchema & {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema | Schema[];
  prefixItems?: Schema[];
  $ref?: string;
  title?: string;
  description?: string;
  default?: unknown;
  examples?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
};

const asSchema = (value: unknown): Schema => (value && typeof value === 'object' ? (value as Schema) : {});

/** The definition a local `$ref` (`#/definitions/X`, `#/$defs/X`) names, looked up in the root schema. */
function resolve(ref: string, root: Schema): Schema | undefined {
  const path = ref.replace(/^#\//, '').split('/');
  let node: unknown = root;
  for (const segment of path) node = (node as Record<string, unknown> | undefined)?.[segment];
  return node && typeof node === 'object' ? (node as Schema) : undefined;
}

const quoteKey = (key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key));

/** A TypeScript-like rendering of a JSON Schema (output types are shown this way: shorter than the schema). */
export function typeText(schemaValue: unknown, root: unknown = schemaValue, indent = '', depth = 0): string {
  const schema = asSchema(schemaValue);
  const rootSchema = asSchema(root);
  const again = (next: unknown, nextIndent = indent) => typeText(next, root, nextIndent, depth + 1);
  if (depth > 12) return '…';
  if (schema.$ref) {
    const target = resolve(schema.$ref, rootSchema);
    return target ? again(target) : (schema.$ref.split('/').pop() ?? 'unknown');
  }
  if ('const' in schema) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((variant) => again(variant)).join(' | ');
  if (schema.allOf) return schema.allOf.map((part) => again(part)).join(' & ');
  if (Array.isArray(schema.type)) return schema.type.map((type) => again({ ...schema, type })).join(' | ');
  switch (schema.type) {
    case 'string':
    case 'boolean':
    case 'null':
      return schema.type;
    case 'integer':
    case 'number':
      return 'number';
    case 'array': {
      if (Array.isArray(schema.prefixItems ?? schema.items)) {
        return `[${(schema.prefixItems ?? (schema.items as Schema[])).map((item) => again(item)).join(', ')}]`;
      }
      const item = again(schema.items ?? {});
      return /[|&]/.test(item) && !item.startsWith('{') ? `Array<${item}>` : `${item}[]`;
    }
    case 'object':
    case undefined: {
      if (!schema.properties && schema.type === undefined) return 'unknown';
      const required = new Set(schema.required ?? []);
      const inner = `${indent}  `;
      const lines = Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
        ...(property.description ? [`${inner}/** ${property.description} */`] : []),
        `${inner}${quoteKey(name)}${required.has(name) ? '' : '?'}: ${again(property, inner)};`,
      ]);
      const extra = schema.additionalProperties;
      if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${again(extra, inner)};`);
      return lines.length > 0 ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
    }
    default:
      return 'unknown';
  }
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

function exampleString(schema: Schema): string {
  switch (schema.format) {
    case 'uuid':
      return NIL_UUID;
    case 'date-time':
      return '2026-01-01T00:00:00.000Z';
    case 'email':
      return 'someone@example.com';
    case 'binary':
      return 'workbook.xlsx';
    default:
  }
  const digits = schema.pattern?.match(/^\^\\d\{(\d+)\}\$$/);
  if (digits) return '1'.repeat(Number(digits[1]));
  return 'x'.repeat(Math.max(schema.minLength ?? 0, 3));
}

/**
 * A valid-looking input for a procedure: its examples or defaults where the schema has them, otherwise a placeholder of
 * the right type for every required field (and every field that has a default).
 */
export function exampleInput(schemaValue: unknown, root: unknown = schemaValue, depth = 0): unknown {
  const schema = asSchema(schemaValue);
  const again = (next: unknown) => exampleInput(next, root, depth + 1);
  if (depth > 12) return null;
  if (schema.examples?.length) return schema.examples[0];
  if ('default' in schema) return schema.default;
  if ('const' in schema) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.$ref) return again(resolve(schema.$ref, asSchema(root)));
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return again(variants.find((variant) => variant.type !== 'null') ?? variants[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties ?? {}).filter(
        ([name, property]) => required.has(name) || 'default' in property,
      );
      return Object.fromEntries(entries.map(([name, property]) => [name, again(property)]));
    }
    case 'array':
      return schema.minItems ? Array.from({ length: schema.minItems }, () => again(schema.items)) : [];
    case 'string':
      return exampleString(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/**
 * The schema as the form shows it: each `anyOf`/`oneOf` option titled by its type ("string", "null") instead of rjsf's
 * "Option 1", "Option 2". Only titles are added; the rules are the schema's own.
 */
export function withOptionTitles(schemaValue: unknown, root: unknown = schemaValue): unknown {
  if (Array.isArray(schemaValue)) return schemaValue.map((item) => withOptionTitles(item, root));
  if (!schemaValue || typeof schemaValue !== 'object') return schemaValue;
  const entries = Object.entries(schemaValue).map(([key, value]) => {
    if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      return [
        key,
        value.map((option: unknown) => {
          const titled = withOptionTitles(option, root) as Schema;
          return titled.title ? titled : { ...titled, title: typeText(option, root) };
        }),
      ];
    }
    // Property names and enum values are data, not schemas.
    if (key === 'properties' && value && typeof value === 'object') {
      return [
        key,
        Object.fromEntries(Object.entries(value).map(([name, property]) => [name, withOptionTitles(property, root)])),
      ];
    }
    if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') return [key, value];
    return [key, withOptionTitles(value, root)];
  });
  return Object.fromEntries(entries);
}
