import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newDevice, screenshot, uniqueAccount } from './browser';
import { registerByPhone, signInWithPassword } from './flows';

const PASSWORD = 'Ample-Orchard-42';

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
});
