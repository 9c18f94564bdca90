import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, firstAdminToken, registerUser, type TestApp } from './helpers';

interface Catalogue {
  procedures: Array<{
    path: string;
    type: string;
    input: { properties?: Record<string, unknown>; required?: string[] } | null;
  }>;
  outputs: Record<string, { properties?: Record<string, unknown> }>;
}

/** A stand-in for `apps/web/dist-panel` (the panel's own Vite build): the server only serves its files. */
function fakePanelBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'arya-panel-dist-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(
    join(root, 'panel.html'),
    '<!doctype html><script type="module" src="/panel/assets/panel-abc123.js"></script>',
  );
  writeFileSync(join(root, 'assets', 'panel-abc123.js'), 'console.log("panel");');
  return root;
}

describe('developer panel', () => {
  const built = fakePanelBuild();
  let dev: TestApp;
  let unbuilt: TestApp;
  let productionDefault: TestApp;
  let productionEnabled: TestApp;
  beforeAll(async () => {
    dev = await createTestApp({ env: { PANEL_DIST_DIR: built } });
    unbuilt = await createTestApp({ env: { PANEL_DIST_DIR: join(built, 'missing') }, shareWith: dev });
    productionDefault = await createTestApp({
      env: { NODE_ENV: 'production', PANEL_DIST_DIR: built },
      shareWith: dev,
    });
    productionEnabled = await createTestApp({
      env: { NODE_ENV: 'production', PANEL_ENABLED: 'true', PANEL_DIST_DIR: built },
      shareWith: dev,
    });
  });
  afterAll(async () => {
    await productionEnabled.close();
    await productionDefault.close();
    await unbuilt.close();
    await dev.close();
    rmSync(built, { recursive: true, force: true });
  });

  it('serves the built panel page and its hashed scripts in development', async () => {
    for (const url of ['/panel', '/panel/']) {
      const page = await dev.app.inject(url);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.body).toContain('/panel/assets/panel-abc123.js');
    }
    const script = await dev.app.inject('/panel/assets/panel-abc123.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
    expect(script.headers['cache-control']).toContain('immutable');
    expect((await dev.app.inject('/panel/assets/../panel.html')).statusCode).not.toBe(200);
    expect((await dev.app.inject('/panel/assets/missing.js')).statusCode).toBe(404);
  });

  it('says how to build the panel when it was not built', async () => {
    const page = await unbuilt.app.inject('/panel');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('pnpm --filter @arya/web build');
    // The catalogue and the reference need no build.
    expect((await unbuilt.app.inject('/panel/schema.json')).statusCode).toBe(200);
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

  it('gives the output schema of every query and mutation with the catalogue', async () => {
    const { procedures, outputs } = (await dev.app.inject('/panel/schema.json')).json() as Catalogue;
    const answering = procedures.filter((procedure) => procedure.type !== 'subscription');
    expect(Object.keys(outputs).toSorted()).toEqual(answering.map((procedure) => procedure.path).toSorted());
    expect(Object.keys(outputs['user.me']?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'account', 'role']),
    );
  });

  it('is off in production by default', async () => {
    expect((await productionDefault.app.inject('/panel')).statusCode).toBe(404);
    expect((await productionDefault.app.inject('/panel/assets/panel-abc123.js')).statusCode).toBe(404);
    expect((await productionDefault.app.inject('/panel/schema.json')).statusCode).toBe(404);
  });

  it('with PANEL_ENABLED=true in production, shows procedures to admins only', async () => {
    const app = productionEnabled.app;
    expect((await app.inject('/panel/schema.json')).statusCode).toBe(401);

    const userToken = await registerUser(app, 'panel-user');
    const asUser = await app.inject({ url: '/panel/schema.json', headers: { authorization: `Bearer ${userToken}` } });
    expect(asUser.statusCode).toBe(403);

    const adminToken = await firstAdminToken(productionEnabled, 'panel-admin');
    const asAdmin = await app.inject({ url: '/panel/schema.json', headers: { authorization: `Bearer ${adminToken}` } });
    expect(asAdmin.statusCode).toBe(200);
    expect((asAdmin.json() as Catalogue).procedures.some((procedure) => procedure.path === 'auth.login')).toBe(true);
  });
});
