import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newDevice, uniqueAccount } from './browser';
import { expectText, registerByPhone } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('display names in the browser', () => {
  it('profile: a right-to-left override is named by the field, nothing is sent; a Chinese name saves', async () => {
    const { context, page } = await newDevice(browser);
    const account = uniqueAccount('dname');
    await registerByPhone(page, account, 'Ample-Orchard-42');
    let profileCalls = 0;
    page.on('request', (request) => {
      if (request.url().includes('user.updateProfile')) profileCalls += 1;
    });
    await page.getByLabel('Name').fill('abc\u202Egpj.exe');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The name contains an invisible or control character (U+202E').waitFor();
    expect(profileCalls).toBe(0);

    await page.getByLabel('Name').fill('张伟');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.getByTestId('current-user'), '张伟');
    expect(profileCalls).toBe(1);
    await context.close();
  });

  it('the sign-up form names a zero-width space in the name as it is typed', async () => {
    const { context, page } = await newDevice(browser);
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill('ad\u200Bmin');
    await page.getByText('The name contains an invisible or control character (U+200B').waitFor();
    await context.close();
  });
});
