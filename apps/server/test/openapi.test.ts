import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, describeProcedures } from '@arya/api';
import { createTestApp, firstAdminToken, mutate, registerUser, strongPassword, type TestApp } from './helpers';

interface Operation {
  operationId: string;
  description: string;
  parameters?: Array<{ name: string; in: string; required: boolean }>;
  requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<'get' | 'post', Operation | undefined>>;
  components: { schemas: { Error: Record<string, unknown> } };
}

describe('/openapi.json and /reference', () => {
  let dev: TestApp;
  let production: TestApp;
  let document: OpenApiDocument;
  beforeAll(async () => {
    dev = await createTestApp();
    production = await createTestApp({ env: { NODE_ENV: 'production', PANEL_ENABLED: 'true' }, shareWith: dev });
    const response = await dev.app.inject('/openapi.json');
    if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}: ${response.body}`);
    document = response.json();
  });
  afterAll(async () => {
    await production.close();
    await dev.close();
  });

  it('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
    expect(document.openapi).toBe('3.1.0');
    // validate() dereferences in place; keep the served copy intact for the other tests.
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    // …and the validator does refuse a broken one (a parameter in no valid place).
    const broken = structuredClone(document);
    const [parameter] = broken.paths['/trpc/admin.users.list']?.get?.parameters ?? [];
    if (parameter) parameter.in = 'body';
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it('has every procedure with its method, description and input', () => {
    for (const procedure of describeProcedures(appRouter)) {
      const method = procedure.type === 'mutation' ? 'post' : 'get';
      const operation = document.paths[`/trpc/${procedure.path}`]?.[method];
      expect(operation?.operationId).toBe(procedure.path);
      expect(operation?.description).toBe(procedure.description);
    }
    const me = document.paths['/trpc/user.me']?.get;
    expect(me?.parameters ?? []).toEqual([]);
    const list = document.paths['/trpc/admin.users.list']?.get;
    expect(list?.parameters).toEqual([expect.objectContaining({ name: 'input', in: 'query', required: true })]);
    const login = document.paths['/trpc/auth.login']?.post;
    expect(login?.requestBody?.required).toBe(true);
    expect(login?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: expect.arrayContaining(['account', 'password']),
    });
    expect(document.paths['/trpc/auth.logout']?.post?.requestBody?.required).toBe(false);
    const upload = document.paths['/trpc/bom.files.upload']?.post;
    expect(upload?.requestBody?.content['multipart/form-data']?.schema).toMatchObject({
      properties: { file: { format: 'binary' }, kind: { enum: ['bom', 'ops'] } },
    });
    const progress = document.paths['/trpc/bom.runs.progress']?.get;
    expect(Object.keys(progress?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('describes what the server really answers: results and errors match their schemas', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(document.components.schemas.Error, '#/components/schemas/Error');
    const resultSchema = (path: string, method: 'get' | 'post') => {
      const schema = document.paths[`/trpc/${path}`]?.[method]?.responses['200']?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`no result schema for ${path}`);
      return schema;
    };
    const check = (schema: Record<string, unknown>, body: unknown) => {
      const valid = ajv.validate(schema, body);
      return valid ? '' : ajv.errorsText();
    };

    const login = await mutate(dev.app, 'auth.register', {
      account: 'openapi-user',
      password: strongPassword,
      tokenDelivery: 'body',
    });
    expect(check(resultSchema('auth.register', 'post'), login.body)).toBe('');
    const token = String(login.body.result?.data.accessToken);
    const auth = { authorization: `Bearer ${token}` };

    for (const path of ['user.me', 'user.sessions', 'bom.template']) {
      const response = await dev.app.inject({ url: `/trpc/${path}`, headers: auth });
      expect({ path, status: response.statusCode }).toEqual({ path, status: 200 });
      expect({ path, problems: check(resultSchema(path, 'get'), response.json()) }).toEqual({ path, problems: '' });
    }
    const files = await dev.app.inject({
      url: `/trpc/bom.files.list?input=${encodeURIComponent(JSON.stringify({ limit: 5 }))}`,
      headers: auth,
    });
    expect(check(resultSchema('bom.files.list', 'get'), files.json())).toBe('');

    const errorSchema = { $ref: '#/components/schemas/Error' };
    const invalid = await mutate(dev.app, 'auth.login', { account: '', password: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(check(errorSchema, invalid.body)).toBe('');
    const anonymous = await dev.app.inject('/trpc/user.me');
    expect(anonymous.statusCode).toBe(401);
    expect(check(errorSchema, anonymous.json())).toBe('');
  });

  it('serves the reference page and Scalar from this server (no CDN)', async () => {
    const page = await dev.app.inject('/reference');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('src="/reference/scalar.js"');
    expect(page.body).not.toMatch(/https?:\/\//);
    const scalar = await dev.app.inject('/reference/scalar.js');
    expect(scalar.statusCode).toBe(200);
    expect(scalar.headers['content-type']).toContain('javascript');
    expect(scalar.body.length).toBeGreaterThan(100_000);
  });

  it('in production answers admins only, and stops at once for a revoked admin session', async () => {
    const app = production.app;
    expect((await app.inject('/openapi.json')).statusCode).toBe(401);
    const forged = await app.inject({ url: '/openapi.json', headers: { authorization: 'Bearer not.a.token' } });
    expect(forged.statusCode).toBe(401);
    const userToken = await registerUser(app, 'openapi-plain-user');
    const asUser = await app.inject({ url: '/openapi.json', headers: { authorization: `Bearer ${userToken}` } });
    expect(asUser.statusCode).toBe(403);
    expect(asUser.body).not.toContain('/trpc/');

    const admin = { authorization: `Bearer ${await firstAdminToken(production, 'openapi-admin')}` };
    expect((await app.inject({ url: '/openapi.json', headers: admin })).statusCode).toBe(200);
    expect((await mutate(app, 'auth.logout', {}, admin)).statusCode).toBe(200);
    expect((await app.inject({ url: '/openapi.json', headers: admin })).statusCode).toBe(401);
  });

  it('is off in production unless PANEL_ENABLED', async () => {
    const off = await createTestApp({ env: { NODE_ENV: 'production' }, shareWith: dev });
    try {
      expect((await off.app.inject('/openapi.json')).statusCode).toBe(404);
      expect((await off.app.inject('/reference')).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
