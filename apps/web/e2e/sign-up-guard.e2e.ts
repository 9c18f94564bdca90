import { Redis } from 'ioredis';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { latestSmsCode, launchBrowser, newDevice, screenshot, uniqueAccount, uniquePhone } from './browser';
import { fillPhoneAndCode, passwordBox, waitForHome } from './flows';

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
    await fillPhoneAndCode(page, uniquePhone());
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

  it('signs up when this device needs a proof of work: solved in a worker, showing "Verifying…"', async () => {
    const { context, page } = await newDevice(browser);
    // The server asks for a proof after SMS_POW_AFTER (default 3) codes from one address within an hour.
    for (let i = 0; i < 3; i++) {
      await page.goto('/sign-up');
      await page.getByLabel('Phone number').fill(uniquePhone());
      await page.getByRole('button', { name: 'Send code' }).click();
      await page.getByText(/Code sent\. It is valid for \d+ minutes\./).waitFor();
    }
    const proofsBefore = await usedProofs();

    await page.goto('/sign-up');
    // Records every label the send button shows, however briefly.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { buttonLabels: string[] }).buttonLabels = seen;
      new MutationObserver(() => {
        for (const button of document.querySelectorAll('button')) seen.push(button.textContent ?? '');
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const phone = uniquePhone();
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByText(/Code sent\. It is valid for \d+ minutes\./).waitFor();
    const labels = await page.evaluate(() => (window as unknown as { buttonLabels: string[] }).buttonLabels);
    expect(labels).toContain('Verifying…');
    expect(await usedProofs()).toBe(proofsBefore + 1);

    await page.getByRole('textbox', { name: 'Verification code' }).fill(await latestSmsCode(phone));
    const account = uniqueAccount('pow');
    await page.getByLabel('Account (optional)').fill(account);
    await passwordBox(page, 'Password (optional)').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await waitForHome(page);
    await context.close();
  });
});

/** Proofs of work the server has accepted (each is kept as used until it expires). */
async function usedProofs(): Promise<number> {
  const redis = new Redis(inject('redisUrl'));
  try {
    return (await redis.keys('sms:proof-used:*')).length;
  } finally {
    redis.disconnect();
  }
}
