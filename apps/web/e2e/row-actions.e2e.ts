import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { revisionWorkbooks } from '@arya/bom/fixtures';
import { createAryaClient } from '@arya/client';
import { DESKTOP, launchBrowser, newDevice, PHONE, screenshot, uniqueAccount, uniquePhone } from './browser';
import { registerByPhone, signInWithPassword } from './flows';

const SAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-bom.xlsx');

let browser: Browser;
let userId: string;

function bomForm(name: string, bytes: Uint8Array = readFileSync(SAMPLE)): FormData {
  const form = new FormData();
  form.set('kind', 'bom');
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  form.set('file', new File([new Uint8Array(bytes)], name, { type }));
  return form;
}

beforeAll(async () => {
  browser = await launchBrowser();
  // the admin's own upload and run (long names, as people name files), and a user with a long display name
  const admin = inject('admin');
  const api = createAryaClient({ url: new URL('/trpc', inject('baseUrl')).toString() });
  await api.login({ account: admin.account, password: admin.password });
  const upload = await api.trpc.bom.files.upload.mutate(bomForm('主板BOM-2026-第三版-客户确认稿-final.xlsx'));
  const { runId } = await api.trpc.bom.runs.create.mutate({ bomFileId: upload.fileId });
  // two revisions that use material 100, for the where-used list
  const revisions = revisionWorkbooks();
  await api.trpc.bom.files.upload.mutate(bomForm('物料反查-旧版本-rev-a.xlsx', revisions.old));
  await api.trpc.bom.files.upload.mutate(bomForm('物料反查-新版本-rev-b.xlsx', revisions.new));
  // a running run's delete button is disabled: wait for this one to end
  const deadline = Date.now() + 60_000;
  while ((await api.trpc.bom.runs.get.query({ runId })).status !== 'done' && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 250));
  const created = await api.trpc.admin.users.create.mutate({
    account: uniqueAccount('row-actions'),
    username: 'A rather long display name',
    phone: uniquePhone(),
  });
  userId = created.user.id;
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every control in the first row's last (actions) cell is on screen as the page opens, without scrolling the table,
 * and is what a tap at its centre reaches (not clipped by the table's scroll box, not under another column).
 */
async function expectFirstRowActionsReachable(page: Page, screen: string): Promise<void> {
  const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
  await row.waitFor();
  const controls = await row
    .locator('td')
    .last()
    .locator('button, a, .ant-select')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return {
          text: element.textContent,
          onScreen: box.width > 0 && box.left >= 0 && box.right <= window.innerWidth,
          reached: hit !== null && element.contains(hit),
        };
      }),
    );
  expect(controls.length, `${screen}: actions in the first row`).toBeGreaterThan(0);
  for (const control of controls)
    expect(control, `${screen}: "${control.text}"`).toMatchObject({ onScreen: true, reached: true });
}

/**
 * Each element is on screen (inside the viewport's width) and is what a tap at its centre reaches, once the page is
 * scrolled down to it (only the page: scrolling the table sideways would hide what this checks).
 */
async function expectOnScreenAndReached(locator: Locator, what: string): Promise<void> {
  const boxes = await locator.evaluateAll((elements) =>
    elements.map((element) => {
      window.scrollBy(0, element.getBoundingClientRect().top - 100);
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        text: element.textContent,
        onScreen: box.width > 0 && box.left >= 0 && box.right <= window.innerWidth,
        reached: hit !== null && element.contains(hit),
      };
    }),
  );
  expect(boxes.length, `${what}: found`).toBeGreaterThan(0);
  for (const box of boxes) expect(box, `${what}: "${box.text}"`).toMatchObject({ onScreen: true, reached: true });
}

describe("every row's actions are on screen", () => {
  for (const [width, viewport] of [
    ['390', PHONE],
    ['1280', DESKTOP],
  ] as const) {
    it(`runs (with the Owner column), uploads, users and where-used lists at ${width} px`, async () => {
      const { context, page } = await newDevice(browser, { viewport });
      const admin = inject('admin');
      await signInWithPassword(page, admin.account, admin.password);
      for (const [screen, path] of [
        ['runs', '/bom/runs'],
        ['uploads', '/bom/files'],
        ['users', '/admin/users'],
        ['where-used', '/bom/where-used?code=100'],
      ] as const) {
        await page.goto(path);
        await expectFirstRowActionsReachable(page, screen);
        await screenshot(page, `row-actions-${screen}-${width}`);
      }
      // a tap opens the first run's delete confirmation
      await page.goto('/bom/runs');
      await page.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('tooltip').getByText('Delete this run and its result?').waitFor();

      // the user detail page's actions
      await page.goto(`/admin/users/${userId}`);
      await page.getByRole('button', { name: 'Revoke sessions' }).waitFor();
      // on screen, and apart: Disable and Revoke sessions share a line with a gap between them
      const boxes = await Promise.all(
        ['Disable', 'Revoke sessions', 'Set-password link'].map(async (name) => ({
          name,
          box: await page.getByRole('button', { name }).boundingBox(),
        })),
      );
      for (const { name, box } of boxes)
        expect({ name, onScreen: box !== null && box.x >= 0 && box.x + box.width <= viewport.width }).toEqual({
          name,
          onScreen: true,
        });
      const [disable, revoke] = boxes.map(({ box }) => box!);
      expect(revoke!.x - (disable!.x + disable!.width)).toBeGreaterThanOrEqual(4);
      await context.close();
    });
  }

  for (const [width, viewport] of [
    ['390', PHONE],
    ['1280', DESKTOP],
  ] as const) {
    it(`the profile's sessions: another session's sign-out is on screen and signs it out at ${width} px`, async () => {
      const { context, page } = await newDevice(browser, { viewport });
      const account = uniqueAccount('sessions');
      const password = 'Sessions-Harbour-41';
      await registerByPhone(page, account, password);
      // a second device: the API client signs in as this user
      const other = createAryaClient({ url: new URL('/trpc', inject('baseUrl')).toString() });
      await other.login({ account, password });
      await page.reload();
      const signOut = page.getByRole('button', { name: 'Sign out this one' });
      await signOut.waitFor();
      await expectOnScreenAndReached(signOut, 'sessions');
      // when each was last used, not under the actions (beside the device, or on a phone under it)
      const lastUsed = page.locator('.ant-table-tbody').getByText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}/);
      await expectOnScreenAndReached(lastUsed, 'last used');
      await screenshot(page, `row-actions-sessions-${width}`);
      await signOut.click();
      await page.getByText('That session was signed out.').waitFor();
      await signOut.waitFor({ state: 'detached' });
      await context.close();
    });
  }

  it('where-used at 390 px shows where in the BOM and the upload time, uncovered', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    const admin = inject('admin');
    await signInWithPassword(page, admin.account, admin.password);
    await page.goto('/bom/where-used?code=100');
    const answers = page
      .locator('.ant-table-tbody tr.ant-table-row')
      .first()
      .getByText(/^Row \d+$/);
    await answers.first().waitFor();
    await expectOnScreenAndReached(answers, 'where in the BOM');
    // the upload time whole, its date and time (not cut to "2026年")
    const time = page
      .locator('.ant-table-tbody tr.ant-table-row')
      .first()
      .getByText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    await expectOnScreenAndReached(time, 'upload time');
    await screenshot(page, 'row-actions-where-used-answer-390');
    await context.close();
  });
});
