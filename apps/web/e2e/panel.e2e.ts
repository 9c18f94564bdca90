import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, PHONE, screenshot } from './browser';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-panel-'));
/** A package that depends on @arya/client (and tsx), where a copied client script resolves its imports. */
const serverPackage = join(import.meta.dirname, '..', '..', 'server');

let browser: Browser;
let server: ChildProcess | undefined;
/** A server of its own: production with `PANEL_ENABLED=true`, where the panel answers admins only. */
let baseUrl: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  const built = join(import.meta.dirname, '..', 'dist-panel', 'panel.html');
  if (!existsSync(built))
    throw new Error(`${built} is missing: run \`pnpm --filter @arya/web build\` (it builds the panel too).`);
  browser = await launchBrowser();
  baseUrl = `http://127.0.0.1:${await freePort()}`;
  const main = inject('serverMain');
  const command = /\.[mc]?ts$/.test(main) ? ['--import', 'tsx', main] : [main];
  server = spawn(process.execPath, command, {
    stdio: 'ignore',
    env: { ...inject('serverEnv'), PORT: new URL(baseUrl).port, NODE_ENV: 'production', PANEL_ENABLED: 'true' },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the panel's server exited with ${server.exitCode}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the panel's server did not start within 60 s");
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'exit');
  }
});

/** The panel, signed in as the suite's admin from its own sign-in form. */
async function openSignedIn(viewport?: {
  width: number;
  height: number;
}): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await newDevice(browser, { viewport });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  await page.goto(`${baseUrl}/panel`);
  // Admins only in production: before signing in, the catalogue is refused and the panel says so.
  await page.getByText('The catalogue was refused (HTTP 401)').waitFor();
  const { account, password } = inject('admin');
  await page.getByLabel('Account').fill(account);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('panel-signed-in').filter({ hasText: account }).waitFor();
  await page.getByRole('navigation', { name: 'Procedures' }).getByRole('menuitem').first().waitFor();
  return { context, page };
}

async function pick(page: Page, path: string): Promise<void> {
  await page.getByLabel('Search procedures').fill(path);
  const [router = path] = path.split('.');
  await page
    .getByRole('navigation', { name: 'Procedures' })
    .getByRole('menuitem', { name: new RegExp(`^${path.slice(router.length + 1).replaceAll('.', '\\.')}\\b`) })
    .click();
  await page.getByRole('heading', { name: path }).waitFor();
}

/** The JSON of the last answer, once its status shows. */
async function answer(page: Page, status: number): Promise<{ result?: { data: Record<string, unknown> } }> {
  await page
    .getByTestId('response-status')
    .filter({ hasText: `HTTP ${status}` })
    .waitFor();
  const time = await page.getByTestId('response-time').textContent();
  expect(time).toMatch(/^\d+ ms$/);
  return JSON.parse((await page.getByLabel('Response body').textContent()) ?? '') as {
    result?: { data: Record<string, unknown> };
  };
}

async function copied(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  await page.getByText('Copied').first().waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

describe('developer panel', () => {
  it('signs in, searches, shows inline validation errors, calls a query and copies it as a working curl', async () => {
    const { context, page } = await openSignedIn();

    // Search narrows the list to the matching procedures, grouped under their router.
    await page.getByLabel('Search procedures').fill('users.');
    const listed = page.getByRole('navigation', { name: 'Procedures' }).getByRole('menuitem');
    await expect.poll(() => listed.count()).toBeLessThan(10);
    expect(await listed.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^users\.list/)]));

    // The generated form checks the zod rules inline before anything is sent.
    await pick(page, 'admin.users.get');
    await page.getByLabel('userId').fill('not-a-uuid');
    await page.getByRole('button', { name: 'Call' }).click();
    const fieldError = page.locator('.ant-form-item-explain-error').first();
    await fieldError.waitFor();
    expect(await fieldError.textContent()).toMatch(/uuid|pattern|invalid/i);
    expect(await page.getByTestId('response-status').count()).toBe(0);
    await screenshot(page, 'panel-validation-error');

    // A query through its generated form: an enum is a select, a default is filled in.
    await pick(page, 'admin.users.list');
    await page.getByLabel('query').fill(inject('admin').account);
    await page.getByRole('combobox', { name: 'status' }).click();
    await page.locator('.ant-select-item-option[title="active"]').click();
    await page.getByRole('button', { name: 'Call' }).click();
    const listAnswer = await answer(page, 200);
    expect(JSON.stringify(listAnswer.result?.data)).toContain(inject('admin').account);
    await page.getByRole('tab', { name: 'Output type' }).click();
    expect(await page.getByRole('tabpanel', { name: 'Output type' }).textContent()).toContain('nextCursor');
    await screenshot(page, 'panel-query');

    // The copied curl is the same call: run it, and the server gives the same answer.
    const curl = await copied(page, 'Copy as curl');
    expect(curl).toMatch(/^curl -sS '/);
    const { stdout } = await run('sh', ['-c', curl], { cwd: work });
    const viaCurl = JSON.parse(stdout) as typeof listAnswer;
    expect(viaCurl.result?.data).toEqual(listAnswer.result?.data);

    // The copied @arya/client code runs as it is (from a package that depends on @arya/client) and prints the same.
    const code = await copied(page, 'Copy as @arya/client code');
    expect(code).toContain('await arya.trpc.admin.users.list.query({');
    expect(code).toContain('"status": "active"');
    const script = join(serverPackage, `.panel-client-${Date.now()}.mts`);
    writeFileSync(script, code.replace('console.log(result);', 'console.log(JSON.stringify(result));'));
    try {
      const printed = await run(process.execPath, ['--import', 'tsx', script], {
        cwd: serverPackage,
        env: { ...process.env, ARYA_PASSWORD: inject('admin').password },
      });
      expect(JSON.parse(printed.stdout)).toEqual(listAnswer.result?.data);
    } finally {
      rmSync(script, { force: true });
    }

    // A rule the JSON Schema cannot carry (the account is checked after normalising): the server's zod message shows
    // under its field after the call.
    await pick(page, 'admin.users.create');
    await page.getByLabel('account').fill('ab');
    await page.getByRole('button', { name: 'Call' }).click();
    await answer(page, 400);
    await page
      .locator('#root_account__error')
      .filter({ hasText: /Use at least 3 characters/ })
      .waitFor();
    await screenshot(page, 'panel-server-field-error');

    // A refused call shows its status too; signing out drops the token from later calls.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('The catalogue was refused (HTTP 401)').waitFor();
    await context.close();
  });

  it('uploads a workbook from a file input, starts a run and streams its progress subscription', async () => {
    const fixture = generateBomWorkbook({ rows: 3000, opsCount: 1500, seed: 23 });
    const workbook = join(work, 'panel-bom.xlsx');
    writeFileSync(workbook, fixture.bom);
    const { context, page } = await openSignedIn();

    await pick(page, 'bom.files.upload');
    await page.locator('input[type="file"]').setInputFiles(workbook);
    await page.getByRole('button', { name: 'Call' }).click();
    const uploaded = await answer(page, 200);
    const fileId = String(uploaded.result?.data.fileId);
    expect(uploaded.result?.data.name).toBe('panel-bom.xlsx');
    await screenshot(page, 'panel-upload');

    // The upload's curl names the file beside it: the same bytes again are the same stored file.
    const curl = await copied(page, 'Copy as curl');
    expect(curl).toContain(
      "-F 'file=@panel-bom.xlsx;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'",
    );
    const { stdout } = await run('sh', ['-c', curl], { cwd: work });
    expect((JSON.parse(stdout) as typeof uploaded).result?.data.fileId).toBe(fileId);

    // Nested input: `ops` is an array of objects; each item gets its own generated fields.
    await pick(page, 'bom.runs.create');
    await page.getByTitle('Add Item', { exact: true }).click();
    await page.getByLabel('designators').waitFor();
    await page.getByLabel('op', { exact: true }).waitFor();
    await screenshot(page, 'panel-nested-form');
    // An empty `ops` list is not "no ops": open the procedure afresh for a run of the workbook's own operations.
    await pick(page, 'bom.runs.get');
    await pick(page, 'bom.runs.create');
    expect(await page.getByLabel('designators').count()).toBe(0);
    await page.getByLabel('bomFileId').fill(fileId);
    await page.getByRole('button', { name: 'Call' }).click();
    const created = await answer(page, 200);
    const runId = String(created.result?.data.runId);

    await pick(page, 'bom.runs.progress');
    await page.getByLabel('runId').fill(runId);
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const events = page.getByRole('list', { name: 'Events' }).getByRole('listitem');
    await events.filter({ hasText: '"done"' }).first().waitFor({ timeout: 90_000 });
    expect(await events.count()).toBeGreaterThan(1);
    // The server ends the stream after the final event.
    await page.getByTestId('stream-status').filter({ hasText: 'closed' }).waitFor();
    await screenshot(page, 'panel-subscription');
    await context.close();
  });
  it('is usable on a phone (390 px): nothing sideways, the list and a picked procedure full width', async () => {
    const { context, page } = await openSignedIn(PHONE);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const width = async (label: string) => (await page.getByLabel(label).first().boundingBox())?.width ?? 0;
    expect(await sideways()).toBeLessThanOrEqual(0);
    // the procedure list takes the screen's width instead of squeezing the page beside it
    const list = page.getByRole('navigation', { name: 'Procedures' });
    expect((await list.boundingBox())?.width ?? 0).toBeGreaterThan(PHONE.width - 40);
    await screenshot(page, 'panel-phone-list');

    await pick(page, 'admin.users.list');
    await page.getByLabel('query').waitFor();
    // the form and the answer get the screen's width, and every button is on it
    expect(await width('query')).toBeGreaterThan(PHONE.width - 120);
    await page.getByRole('button', { name: 'Call' }).click();
    await answer(page, 200);
    expect(await width('Response body')).toBeGreaterThan(PHONE.width - 120);
    for (const name of ['Call', 'Copy as curl', 'Copy as @arya/client code', 'Sign out']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      expect({ name, onScreen: box !== null && box.x >= 0 && box.x + box.width <= PHONE.width }).toEqual({
        name,
        onScreen: true,
      });
    }
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(page, 'panel-phone-procedure');

    // and back to the list for the next one
    await page.getByRole('button', { name: 'All procedures' }).click();
    await list.getByRole('menuitem').first().waitFor();

    // signed out: the sign-in form and the refusal fit the width too
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('The catalogue was refused (HTTP 401)').waitFor();
    expect(await width('Account')).toBeGreaterThan(100);
    expect(await sideways()).toBeLessThanOrEqual(0);
    await screenshot(page, 'panel-phone-signed-out');
    await context.close();
  });
});
