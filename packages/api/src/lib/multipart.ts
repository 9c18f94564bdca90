import { z } from 'zod';

/** The form's fields of each multipart input; a `FormData` parser has no JSON Schema of its own. */
const formFields = new WeakMap<z.ZodType, z.ZodObject>();

/**
 * An input sent as multipart/form-data (tRPC hands the procedure a `FormData`), checked against `fields`: a missing
 * field is `undefined`, so zod's defaults and messages apply as for JSON. The panel and `/openapi.json` describe the
 * form from the same `fields` (`multipartFieldsOf`).
 */
export function multipartInput<Fields extends z.ZodObject, Value>(
  fields: Fields,
  toValue: (data: z.output<Fields>) => Value,
) {
  const parser = z.instanceof(FormData).transform((form, ctx) => {
    const entries = Object.keys(fields.shape).map((name) => [name, form.get(name) ?? undefined]);
    const parsed = fields.safeParse(Object.fromEntries(entries));
    if (parsed.success) return toValue(parsed.data);
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  });
  formFields.set(parser, fields);
  return parser;
}

/** The form's fields when `parser` was made by `multipartInput`. */
export function multipartFieldsOf(parser: z.ZodType): z.ZodObject | undefined {
  return formFields.get(parser);
}
