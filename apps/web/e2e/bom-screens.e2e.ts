import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyOperations } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, screenshot, uniqueAccount, uniquePhone } from './browser';
import { fillPhoneAndCode, registerByPhone, signInWithPassword, waitForHome } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-screens-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('BOM screens', () => {
  it('names the person whose runs an admin is looking at, even before they have any', async () => {
    const account = uniqueAccount('owner');
    const user = await newDevice(browser);
    await registerByPhone(user.page, account, PASSWORD);
    await user.context.close();

    const admin = inject('admin');
    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(account);
    await page.keyboard.press('Enter');
    await page.getByRole('row').filter({ hasText: account }).getByRole('link', { name: account }).click();
    await page.getByRole('link', { name: 'BOM runs of this user' }).click();
    await page.waitForURL(/\/bom\/runs\?owner=[0-9a-f-]{36}$/);
    const ownerId = new URL(page.url()).searchParams.get('owner') ?? '';

    const filter = page.locator('.ant-tag').filter({ hasText: 'Owner:' });
    await filter.filter({ hasText: `Owner: ${account}` }).waitFor();
    expect(await filter.textContent()).not.toContain(ownerId.slice(0, 8));
    await page.getByText('No runs yet').waitFor();
    await screenshot(page, 'bom-runs-owner-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page
      .locator('.ant-tag')
      .filter({ hasText: `提交人: ${account}` })
      .waitFor();
    await screenshot(page, 'bom-runs-owner-zh');

    // closing the filter shows everyone's runs again
    await page.locator('.ant-tag').filter({ hasText: '提交人' }).locator('.ant-tag-close-icon').click();
    await page.waitForURL(/\/bom\/runs$/);
    await context.close();
  });

  it('names a phone-only owner by the masked phone in the runs and uploads lists, never by an id', async () => {
    const fileName = `${uniqueAccount('phone-only')}.xlsx`;
    const bomPath = join(work, fileName);
    writeFileSync(bomPath, generateBomWorkbook({ rows: 30, opsCount: 3, seed: 8 }).bom);
    const phone = uniquePhone();
    const masked = `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`;

    // a phone-only account (no account name, no display name) uploads a BOM and runs it
    const user = await newDevice(browser);
    await user.page.goto('/sign-up');
    await fillPhoneAndCode(user.page, phone);
    await user.page.getByRole('button', { name: 'Sign up' }).click();
    await waitForHome(user.page);
    await user.page.goto('/bom/new');
    await user.page.locator('input[type=file]').setInputFiles(bomPath);
    await user.page.getByText(`Uploaded ${fileName}`).waitFor();
    await user.page.getByRole('button', { name: 'Next' }).click();
    await user.page.getByRole('button', { name: 'Run' }).click();
    await user.page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    await user.context.close();

    const admin = inject('admin');
    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(phone);
    await page.keyboard.press('Enter');
    await page.getByRole('row').filter({ hasText: phone }).getByRole('link').first().click();
    await page.getByRole('link', { name: 'BOM runs of this user' }).click();
    await page.waitForURL(/\/bom\/runs\?owner=[0-9a-f-]{36}$/);
    const ownerId = new URL(page.url()).searchParams.get('owner') ?? '';
    const run = page.getByRole('row').filter({ hasText: fileName });
    await run.getByRole('link', { name: masked }).waitFor();
    expect(await page.locator('.ant-card').first().textContent()).not.toContain(ownerId.slice(0, 8));
    await screenshot(page, 'bom-runs-phone-only-owner-en');

    await page.getByRole('menuitem', { name: 'Uploads' }).click();
    const upload = page.getByRole('row').filter({ hasText: fileName });
    await upload.getByRole('cell', { name: masked, exact: true }).waitFor();
    expect(await upload.textContent()).not.toContain(ownerId.slice(0, 8));
    await screenshot(page, 'bom-files-phone-only-owner-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('columnheader', { name: '提交人' }).waitFor();
    await upload.getByRole('cell', { name: masked, exact: true }).waitFor();
    await screenshot(page, 'bom-files-phone-only-owner-zh');
    await context.close();
  });

  it('runs again after the upload was deleted: asks for the BOM again and keeps the operations', async () => {
    const fixture = generateBomWorkbook({ rows: 120, opsCount: 8, seed: 4 });
    const bomPath = join(work, 'gone.xlsx');
    writeFileSync(bomPath, fixture.bom);
    const first = applyOperations(fixture.bom, { kind: 'sheet' });
    const carried = first.log.filter((entry) => entry.op === 'add' || entry.op === 'del').length;
    expect(carried).toBeGreaterThan(1);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('gone'), PASSWORD);
    await page.getByRole('menuitem', { name: 'New run' }).click();
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded gone.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    const runUrl = page.url();

    await page.getByRole('menuitem', { name: 'Uploads' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: 'gone.xlsx' })
      .getByRole('button', { name: 'Delete gone.xlsx' })
      .click();
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByText('File deleted.').waitFor();

    await page.goto(runUrl);
    await page.getByRole('button', { name: 'Edit the operations and run again' }).click();
    await page
      .getByText(
        `The BOM file of the run on "gone.xlsx" has been deleted. Upload the BOM again: its ${carried} operations`,
      )
      .waitFor();
    expect(await page.getByText('This file does not exist').count()).toBe(0);
    await screenshot(page, 'bom-rerun-deleted-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('运行「gone.xlsx」用的 BOM 文件已被删除。').waitFor();
    await screenshot(page, 'bom-rerun-deleted-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();

    // the same BOM again: the kept operations are in the editor, and they run
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded gone.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .getByText(`The ${carried} operations of the run on "gone.xlsx" are filled in, on the BOM uploaded again`)
      .waitFor();
    await page.getByRole('combobox', { name: `Row ${carried} Material code` }).waitFor();
    expect(await page.getByRole('combobox', { name: `Row ${carried + 1} Material code` }).count()).toBe(0);
    // an op on several rows must be pinned before it runs; pin each to its first choice
    while ((await page.getByText(/This material is on \d+ rows; pick one/).count()) > 0)
      await page
        .getByRole('button', { name: /^row \d+$/ })
        .first()
        .click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForURL((url) => url.href !== runUrl && /\/bom\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    await context.close();
  });
});
