import type { JsonSchema, ProcedureEntry } from '@arya/api';

/** Output JSON Schemas by procedure path (generated from `RouterOutputs`; see @arya/api `outputSchemasUrl`). */
export type OutputSchemas = Record<string, JsonSchema>;

const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const intro = `Arya's tRPC router as plain HTTP. A query is \`GET /trpc/<path>?input=<URL-encoded JSON>\`, a mutation
\`POST /trpc/<path>\` with the input as a JSON body (\`bom.files.upload\` takes multipart/form-data). A success is
\`{"result":{"data":…}}\`; a failure is \`{"error":{"message","code","data"}}\` with the HTTP status of \`data.code\`.
Signed-in procedures need \`Authorization: Bearer <accessToken>\` (from \`auth.login\`). Subscriptions
(\`bom.runs.progress\`) are server-sent events on \`GET\`. Batching (\`/trpc/a,b?batch=1\`) is left out here.`;

/** zod marks its output with a `$schema`; inside an OpenAPI document the dialect is the document's. */
function embedded(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['message', 'code', 'data'],
      properties: {
        message: {
          type: 'string',
          description: "Written for a person, in the caller's Accept-Language (zh-CN or en).",
        },
        code: { type: 'integer', description: 'JSON-RPC error code (e.g. -32600 for BAD_REQUEST).' },
        data: {
          type: 'object',
          required: ['code', 'httpStatus', 'messageKey'],
          properties: {
            code: {
              type: 'string',
              description: 'tRPC error code: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, …',
            },
            httpStatus: { type: 'integer' },
            path: { type: 'string', description: 'The procedure.' },
            messageKey: { type: 'string', description: 'Stable key of the message (for translation or tests).' },
            params: { type: 'object', description: 'Values placed in the message.' },
            fieldErrors: {
              type: 'object',
              description: 'Invalid input: the messages of each field, by field name.',
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
            retryAfterSeconds: { type: 'integer', description: 'Rate limits: when to try again.' },
          },
        },
      },
    },
  },
};

const errorResponses = {
  '400': { $ref: '#/components/responses/Error', description: 'Invalid input (BAD_REQUEST), with `fieldErrors`.' },
  '401': { $ref: '#/components/responses/Error', description: 'No valid access token (UNAUTHORIZED).' },
  default: { $ref: '#/components/responses/Error' },
};

function success(output: JsonSchema | undefined): JsonSchema {
  const data = output ? embedded(output) : { description: 'Not described.' };
  return {
    description: 'The result.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['result'],
          properties: { result: { type: 'object', required: ['data'], properties: { data } } },
        },
      },
    },
  };
}

function requestBody(procedure: ProcedureEntry): JsonSchema | undefined {
  if (!procedure.input) return undefined;
  if (procedure.inputEncoding === 'multipart') {
    return {
      required: true,
      content: {
        'multipart/form-data': {
          schema: embedded(procedure.input),
          encoding: { file: { contentType: xlsxMediaType } },
        },
      },
    };
  }
  return { required: procedure.inputRequired, content: { 'application/json': { schema: embedded(procedure.input) } } };
}

function inputParameter(procedure: ProcedureEntry): JsonSchema[] {
  if (!procedure.input) return [];
  return [
    {
      name: 'input',
      in: 'query',
      required: procedure.inputRequired,
      description: 'The input as JSON, URL-encoded.',
      content: { 'application/json': { schema: embedded(procedure.input) } },
    },
  ];
}

function operation(procedure: ProcedureEntry, outputs: OutputSchemas): JsonSchema {
  const [router = procedure.path] = procedure.path.split('.');
  const common = {
    operationId: procedure.path,
    summary: procedure.path,
    description: procedure.description,
    tags: [router],
  };
  if (procedure.type === 'subscription') {
    return {
      ...common,
      parameters: inputParameter(procedure),
      responses: {
        '200': {
          description: 'Server-sent events; each `data:` line is one event as JSON, `id:` resumes (`lastEventId`).',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        ...errorResponses,
      },
    };
  }
  const responses = { '200': success(outputs[procedure.path]), ...errorResponses };
  if (procedure.type === 'query') return { ...common, parameters: inputParameter(procedure), responses };
  const body = requestBody(procedure);
  return { ...common, ...(body ? { requestBody: body } : {}), responses };
}

/** The OpenAPI 3.1 document of the router's HTTP surface, from the procedure catalogue and the output schemas. */
export function buildOpenApiDocument(procedures: ProcedureEntry[], outputs: OutputSchemas): JsonSchema {
  const paths = Object.fromEntries(
    procedures.map((procedure) => [
      `/trpc/${procedure.path}`,
      { [procedure.type === 'mutation' ? 'post' : 'get']: operation(procedure, outputs) },
    ]),
  );
  const tags = [...new Set(procedures.map((procedure) => procedure.path.split('.')[0] ?? procedure.path))];
  return {
    openapi: '3.1.0',
    info: { title: 'Arya API', version: '1.0.0', description: intro },
    servers: [{ url: '/' }],
    tags: tags.map((name) => ({ name })),
    security: [{}, { bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of auth.login.' },
      },
      schemas: { Error: errorSchema },
      responses: {
        Error: {
          description: 'A failure: the HTTP status is that of `error.data.code`.',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}
