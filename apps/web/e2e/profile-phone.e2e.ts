import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DESKTOP,
  latestSmsCode,
  launchBrowser,
  newDevice,
  PHONE,
  screenshot,
  uniqueAccount,
  uniquePhone,
} from './browser';
import { registerByPhone, signInWithPassword } from './flows';

const PASSWORD = 'Tidal-Compass-64';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** How the profile shows a mainland number: country code, first three and last four digits. */
const masked = (phone: string) => `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`;

const phoneCard = (page: Page, title: string) =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

const fitsTheWindow = () => document.documentElement.scrollWidth <= window.innerWidth;

/** Nothing scrolls sideways: everything fits the window's width (once the layout has followed a resize). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const fitted = await page.waitForFunction(fitsTheWindow, undefined, { timeout: 10_000 }).then(
    () => true,
    () => false,
  );
  expect(fitted, 'the page is wider than the window').toBe(true);
}

describe('the phone card of the profile', () => {
  it('with a phone bound it offers to change it, shows the current number masked, and changes it', async () => {
    const { context, page } = await newDevice(browser);
    const phone = await registerByPhone(page, uniqueAccount('chphone'), PASSWORD);

    const card = phoneCard(page, 'Change phone');
    await card.getByText(`Current phone: ${masked(phone)}`).waitFor();
    expect(await card.getByLabel('New phone number').isVisible()).toBe(true);
    expect(await card.getByRole('button', { name: 'Change phone' }).isVisible()).toBe(true);
    expect(await page.getByText(/\bbind\b/i).count()).toBe(0);
    // the number is masked wherever the profile shows it
    expect(await page.getByText(phone).count()).toBe(0);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'profile-change-phone-1280-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const zhCard = phoneCard(page, '更换手机');
    await zhCard.getByText(`当前手机号：${masked(phone)}`).waitFor();
    expect(await zhCard.getByLabel('新手机号').isVisible()).toBe(true);
    expect(await zhCard.getByRole('button', { name: '更换手机' }).isVisible()).toBe(true);
    expect(await page.getByText('绑定').count()).toBe(0);
    await screenshot(page, 'profile-change-phone-1280-zh');

    await page.setViewportSize(PHONE);
    await zhCard.getByRole('button', { name: '更换手机' }).waitFor();
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'profile-change-phone-390-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await card.getByRole('button', { name: 'Change phone' }).waitFor();
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'profile-change-phone-390-en');
    await page.setViewportSize(DESKTOP);

    const next = uniquePhone();
    await card.getByLabel('New phone number').fill(next);
    await card.getByRole('button', { name: 'Send code' }).click();
    await card.getByText(/Code sent\./).waitFor();
    await card.getByRole('textbox', { name: 'Verification code' }).fill(await latestSmsCode(next));
    await card.getByLabel('Current password').fill(PASSWORD);
    await card.getByRole('button', { name: 'Change phone' }).click();
    await page.getByText('Phone number changed.').waitFor();
    await card.getByText(`Current phone: ${masked(next)}`).waitFor();
    await page.locator('.ant-descriptions').getByText(masked(next)).waitFor();
    // a fresh form: the notice of the code sent to the number now bound is gone, and a code can be asked for again
    expect(await card.getByText(/Code sent\./).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Send code' }).isEnabled()).toBe(true);
    await screenshot(page, 'profile-phone-changed-1280-en');
    await context.close();
  });

  it('without a phone it offers to bind one, in both languages', async () => {
    const admin = inject('admin'); // made from ADMIN_ACCOUNT/ADMIN_PASSWORD: no phone
    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await page.goto('/profile');
    const card = phoneCard(page, 'Bind a phone');
    await card.getByRole('button', { name: 'Bind phone' }).waitFor();
    expect(await card.getByLabel('Phone number').isVisible()).toBe(true);
    expect(await page.getByText('Current phone').count()).toBe(0);
    await screenshot(page, 'profile-bind-phone-1280-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const zhCard = phoneCard(page, '绑定手机');
    await zhCard.getByRole('button', { name: '绑定手机' }).waitFor();
    expect(await zhCard.getByLabel('手机号').isVisible()).toBe(true);
    await screenshot(page, 'profile-bind-phone-1280-zh');
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await screenshot(page, 'profile-bind-phone-390-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await card.getByRole('button', { name: 'Bind phone' }).waitFor();
    await screenshot(page, 'profile-bind-phone-390-en');
    await context.close();
  });
});
