import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, newDevice, screenshot } from './browser';
import { fillPhoneAndCode, passwordBox } from './flows';

const PASSWORD = 'Ample-Orchard-42';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('sign-up guards in the browser', () => {
  it('names a look-alike account name beside the account field, and the same code then signs up', async () => {
    const { context, page } = await newDevice(browser);
    await page.goto('/sign-up');
    const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    await fillPhoneAndCode(page, phone);
    // "rn" looks like "m": the suite's admin account holds the look-alike.
    const lookAlike = inject('admin').account.replace('m', 'rn');
    await page.getByLabel('Account (optional)').fill(lookAlike);
    await passwordBox(page, 'Password (optional)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    const help = page.locator('#sign-up_account_help');
    await help.getByText('looks almost the same as an existing one').waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'looks almost the same' }).count()).toBe(0);
    await screenshot(page, 'sign-up-look-alike-account');

    await page.getByLabel('Account (optional)').fill(`${lookAlike}-own`);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByTestId('home').waitFor();
    await context.close();
  });
});
