import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '@arya/api';
import { createTestApp, mutate, registerUser, strongPassword, type TestApp } from './helpers';

interface Catalogue {
  procedures: Array<{
    path: string;
    type: string;
    input: { properties?: Record<string, unknown>; required?: string[] } | null;
  }>;
}

describe('developer panel', () => {
  let dev: TestApp;
  let productionDefault: TestApp;
  let productionEnabled: TestApp;
  beforeAll(async () => {
    dev = await createTestApp();
    productionDefault = await createTestApp({ env: { NODE_ENV: 'production' }, shareWith: dev });
    productionEnabled = await createTestApp({ env: { NODE_ENV: 'production', PANEL_ENABLED: 'true' }, shareWith: dev });
  });
  afterAll(async () => {
    await productionEnabled.close();
    await productionDefault.close();
    await dev.close();
  });

  it('serves the page and its script in development', async () => {
    const page = await dev.app.inject('/panel');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('/panel/panel.js');
    const script = await dev.app.inject('/panel/panel.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });

  it('lists every procedure with its input JSON Schema', async () => {
    const response = await dev.app.inject('/panel/schema.json');
    expect(response.statusCode).toBe(200);
    const { procedures } = response.json() as Catalogue;
    const paths = procedures.map((procedure) => procedure.path);
    expect(paths).toEqual(expect.arrayContaining(['auth.login', 'auth.register', 'user.me', 'admin.users.list']));
    const login = procedures.find((procedure) => procedure.path === 'auth.login')!;
    expect(login.type).toBe('mutation');
    expect(Object.keys(login.input?.properties ?? {})).toEqual(expect.arrayContaining(['account', 'password']));
    expect(login.input?.required).toEqual(expect.arrayContaining(['account', 'password']));
  });

  it('is off in production by default', async () => {
    expect((await productionDefault.app.inject('/panel')).statusCode).toBe(404);
    expect((await productionDefault.app.inject('/panel/schema.json')).statusCode).toBe(404);
  });

  it('with PANEL_ENABLED=true in production, shows procedures to admins only', async () => {
    const app = productionEnabled.app;
    expect((await app.inject('/panel/schema.json')).statusCode).toBe(401);

    const userToken = await registerUser(app, 'panel-user');
    const asUser = await app.inject({ url: '/panel/schema.json', headers: { authorization: `Bearer ${userToken}` } });
    expect(asUser.statusCode).toBe(403);

    await createFirstAdmin(productionEnabled.deps, { account: 'panel-admin', password: strongPassword });
    const login = await mutate(app, 'auth.login', { account: 'panel-admin', password: strongPassword });
    const adminToken = String(login.body.result?.data.accessToken);
    const asAdmin = await app.inject({ url: '/panel/schema.json', headers: { authorization: `Bearer ${adminToken}` } });
    expect(asAdmin.statusCode).toBe(200);
    expect((asAdmin.json() as Catalogue).procedures.some((procedure) => procedure.path === 'auth.login')).toBe(true);
  });
});
