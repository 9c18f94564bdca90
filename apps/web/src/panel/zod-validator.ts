import {
  createErrorHandler,
  getDefaultFormState,
  toErrorSchema,
  unwrapErrorHandler,
  validationDataMerge,
  type CustomValidator,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';
import { z } from 'zod';

type FormData = unknown;

/**
 * An rjsf validator that checks a form with zod, rebuilt from the JSON Schema zod emitted for the procedure
 * (`z.fromJSONSchema`). Not `@rjsf/validator-ajv8`: Ajv compiles every schema with `new Function`, which the server's
 * CSP (`script-src 'self'`, no 'unsafe-eval') rightly refuses; zod interprets (`jitless`, set here for the panel).
 */
z.config({ jitless: true });

const parsers = new WeakMap<object, z.ZodType>();

function parserFor(schema: RJSFSchema, rootSchema?: RJSFSchema): z.ZodType {
  const cached = parsers.get(schema);
  if (cached) return cached;
  // A sub-schema (an anyOf option rjsf tests) may point into the root's definitions.
  const withDefinitions =
    rootSchema && rootSchema !== schema
      ? { ...schema, $defs: rootSchema.$defs, definitions: rootSchema.definitions }
      : schema;
  const parser = z.fromJSONSchema(withDefinitions as Parameters<typeof z.fromJSONSchema>[0]);
  parsers.set(schema, parser);
  return parser;
}

/** "Required" reads better than zod's "expected string, received undefined" for a field left empty. */
const parseOptions = {
  error: (issue: { code: string; input?: unknown }) =>
    issue.code === 'invalid_type' && issue.input === undefined ? 'Required' : undefined,
};

function toValidationErrors(issues: readonly z.core.$ZodIssue[]): RJSFValidationError[] {
  return issues.map((issue) => {
    const property = issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
    return {
      name: issue.code,
      property,
      message: issue.message,
      params: {},
      stack: `${property} ${issue.message}`.trim(),
      schemaPath: '',
    };
  });
}

const isPatternIssue = (issue: z.core.$ZodIssue) => issue.code === 'invalid_format' && issue.format === 'regex';
const pathOf = (issue: z.core.$ZodIssue) => JSON.stringify(issue.path);

/**
 * zod writes a uuid both as `format: "uuid"` and as its `pattern`: a value failing both would show the readable
 * message and the raw regular expression. A pattern issue is kept only when nothing else is said about that field.
 */
function withoutEchoedPatterns(issues: z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const explained = new Set(issues.filter((issue) => !isPatternIssue(issue)).map(pathOf));
  return issues.filter((issue) => !isPatternIssue(issue) || !explained.has(pathOf(issue)));
}

function issuesOf(schema: RJSFSchema, formData: FormData, rootSchema?: RJSFSchema): z.core.$ZodIssue[] {
  const result = parserFor(schema, rootSchema).safeParse(formData, parseOptions);
  return result.success ? [] : withoutEchoedPatterns(result.error.issues);
}

export const zodValidator: ValidatorType<FormData, RJSFSchema> = {
  validateFormData(
    formData: FormData,
    schema: RJSFSchema,
    customValidate?: CustomValidator<FormData, RJSFSchema>,
    transformErrors?: ErrorTransformer<FormData, RJSFSchema>,
    uiSchema?: UiSchema<FormData, RJSFSchema>,
  ): ValidationData<FormData> {
    let errors = toValidationErrors(issuesOf(schema, formData));
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<FormData>(errors);
    if (!customValidate) return { errors, errorSchema };
    const filled = getDefaultFormState<FormData, RJSFSchema>(zodValidator, schema, formData, schema, true);
    const handler = customValidate(filled, createErrorHandler<FormData>(filled), uiSchema, errorSchema);
    return validationDataMerge<FormData>({ errors, errorSchema }, unwrapErrorHandler<FormData>(handler));
  },

  isValid(schema: RJSFSchema, formData: FormData, rootSchema: RJSFSchema): boolean {
    try {
      return issuesOf(schema, formData, rootSchema).length === 0;
    } catch {
      return false;
    }
  },

  rawValidation<Result = z.core.$ZodIssue>(schema: RJSFSchema, formData?: FormData) {
    try {
      return { errors: issuesOf(schema, formData) as Result[] };
    } catch (error) {
      return { validationError: error instanceof Error ? error : new Error(String(error)) };
    }
  },
};
