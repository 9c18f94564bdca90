import { execFileSync } from 'node:child_process';
import type { RJSFSchema, RJSFValidationError } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import type { ProcedureEntry } from '../src/panel/catalogue';
import { groupByRouter } from '../src/panel/catalogue';
import { clientCode } from '../src/panel/client-code';
import { curlCommand, httpCallFor, shellQuote } from '../src/panel/http';
import { exampleInput, typeText, withOptionTitles } from '../src/panel/schema-text';
import { zodValidator } from '../src/panel/zod-validator';

const uuid = { type: 'string', format: 'uuid', pattern: '^[0-9a-f-]{36}$' } as const;
const procedure = (overrides: Partial<ProcedureEntry>): ProcedureEntry => ({
  path: 'bom.runs.get',
  type: 'query',
  description: 'One run.',
  input: { type: 'object', properties: { runId: uuid }, required: ['runId'] },
  inputEncoding: 'json',
  inputRequired: true,
  ...overrides,
});

describe('panel: the HTTP call and its curl', () => {
  it('puts a query input into the URL and a mutation input into a JSON body', () => {
    const query = httpCallFor(procedure({}), { runId: 'x' }, 'token');
    expect(query).toMatchObject({ method: 'GET', url: '/trpc/bom.runs.get?input=%7B%22runId%22%3A%22x%22%7D' });
    expect(query.headers).toEqual({ authorization: 'Bearer token' });
    const mutation = httpCallFor(procedure({ type: 'mutation', path: 'bom.runs.create' }), { a: 1 }, null);
    expect(mutation).toMatchObject({ method: 'POST', body: { kind: 'json', text: '{"a":1}' } });
    expect(mutation.headers).toEqual({ 'content-type': 'application/json' });
    // tRPC reads every mutation as JSON: the content type goes along even without an input.
    const bare = httpCallFor(procedure({ type: 'mutation', input: null }), undefined, null);
    expect(bare).toMatchObject({ body: { kind: 'none' }, headers: { 'content-type': 'application/json' } });
  });

  it('quotes every value so the shell passes it through unchanged', () => {
    const nasty = `it's $(rm -rf /) \`x\` "q" \\ ;|&`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(nasty)}`], { encoding: 'utf8' })).toBe(nasty);
    const call = httpCallFor(procedure({ type: 'mutation' }), { note: nasty }, null);
    const curl = curlCommand(call, 'http://arya:3000');
    // Print curl's arguments instead of sending: the JSON body arrives exactly as the panel sends it.
    const echoed = execFileSync('sh', ['-c', `curl() { printf '%s\\n' "$@"; }; ${curl}`], { encoding: 'utf8' });
    expect(echoed.split('\n')).toContain(JSON.stringify({ note: nasty }));
  });

  it('sends files of a multipart input with -F and every other field as a plain string', () => {
    const upload = procedure({ type: 'mutation', path: 'bom.files.upload', inputEncoding: 'multipart' });
    const file = new File(['x'], 'bom.xlsx', { type: 'application/x-test' });
    const call = httpCallFor(upload, { file: 'bom.xlsx', kind: '@etc/passwd' }, null, new Map([['file', file]]));
    const curl = curlCommand(call, 'http://arya:3000');
    expect(curl).toContain("-F 'file=@bom.xlsx;type=application/x-test'");
    // A value starting with @ is a file to `-F`; --form-string sends it as text.
    expect(curl).toContain("--form-string 'kind=@etc/passwd'");
  });

  it('writes @arya/client code for the signed-in account, with no sign-in line for auth procedures', () => {
    const context = { origin: 'http://arya:3000', files: new Map(), account: 'alice' };
    const code = clientCode(procedure({}), { runId: 'x' }, context);
    expect(code).toContain(`createAryaClient({ url: "http://arya:3000/trpc" })`);
    expect(code).toContain('await arya.login({ account: "alice", password: process.env.ARYA_PASSWORD ?? \'\' });');
    expect(code).toContain('await arya.trpc.bom.runs.get.query({\n  "runId": "x"\n})');
    const login = clientCode(procedure({ path: 'auth.login', type: 'mutation' }), {}, context);
    expect(login).not.toContain('arya.login(');
  });
});

describe('panel: schemas shown as types and examples', () => {
  it('renders an output schema as a TypeScript-like type, following local $refs', () => {
    const schema = {
      type: 'object',
      properties: {
        id: { type: 'string' },
        role: { enum: ['admin', 'user'] },
        note: { type: ['null', 'string'], description: 'Free text.' },
        items: { type: 'array', items: { $ref: '#/definitions/Item' } },
      },
      required: ['id', 'role', 'items'],
      definitions: { Item: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } },
    };
    expect(typeText(schema)).toBe(
      [
        '{',
        '  id: string;',
        '  role: "admin" | "user";',
        '  /** Free text. */',
        '  note?: null | string;',
        '  items: {',
        '    n: number;',
        '  }[];',
        '}',
      ].join('\n'),
    );
  });

  it('builds an example from defaults and required fields, and titles anyOf options by type', () => {
    const schema = {
      type: 'object',
      properties: {
        runId: uuid,
        code: { type: 'string', pattern: '^\\d{6}$' },
        kind: { type: 'string', enum: ['bom', 'ops'], default: 'bom' },
        name: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
      required: ['runId', 'code'],
    };
    expect(exampleInput(schema)).toEqual({
      runId: '00000000-0000-0000-0000-000000000000',
      code: '111111',
      kind: 'bom',
    });
    const titled = withOptionTitles(schema) as { properties: { name: { anyOf: Array<{ title: string }> } } };
    expect(titled.properties.name.anyOf.map((option) => option.title)).toEqual(['string', 'null']);
  });

  it('groups procedures by router and searches paths and descriptions', () => {
    const all = [
      procedure({ path: 'user.me', description: 'The signed-in user.' }),
      procedure({ path: 'bom.runs.get', description: 'One run.' }),
      procedure({ path: 'bom.files.get', description: 'One upload.' }),
    ];
    expect(groupByRouter(all, '').map(([router, members]) => [router, members.length])).toEqual([
      ['user', 1],
      ['bom', 2],
    ]);
    expect(groupByRouter(all, 'UPLOAD').flatMap(([, members]) => members.map((entry) => entry.path))).toEqual([
      'bom.files.get',
    ]);
  });
});

/** The messages the form shows under one field (rjsf builds its error schema from this list). */
const messagesAt = (errors: RJSFValidationError[], property: string) =>
  errors.filter((error) => error.property === property).map((error) => error.message);

describe('panel: the form validator (zod rebuilt from the JSON Schema)', () => {
  const schema: RJSFSchema = {
    type: 'object',
    properties: { runId: uuid, limit: { type: 'integer', minimum: 1, maximum: 100 } },
    required: ['runId'],
  };

  it('reports each broken rule under its field, without echoing the uuid pattern', () => {
    const { errors } = zodValidator.validateFormData({ runId: 'nope', limit: 0 }, schema);
    expect(messagesAt(errors, '.runId')).toEqual(['Invalid UUID']);
    expect(messagesAt(errors, '.limit')).toEqual([expect.stringMatching(/>=\s*1/)]);
    expect(messagesAt(zodValidator.validateFormData({}, schema).errors, '.runId')).toEqual(['Required']);
  });

  it('accepts valid data, and tells which anyOf option a value matches', () => {
    const valid = { runId: '00000000-0000-0000-0000-000000000000', limit: 5 };
    expect(zodValidator.validateFormData(valid, schema).errors).toEqual([]);
    expect(zodValidator.isValid({ type: 'null' }, null, schema)).toBe(true);
    expect(zodValidator.isValid({ type: 'string' }, null, schema)).toBe(false);
  });
});
