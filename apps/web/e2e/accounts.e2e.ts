import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { expectSignedOutWithNotice, expectText, signInWithPassword, signUpWithPassword } from './flows';

const PASSWORD = 'Ample-Orchard-42';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('accounts in the browser', () => {
  it('opens in Simplified Chinese, sends a signed-out visitor to sign in, and switches to English', async () => {
    const { context, page } = await newDevice(browser, { locale: null });
    await page.goto('/profile');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: '登录 Arya' }).waitFor();
    expect(await page.getByLabel('账号或手机号').isVisible()).toBe(true);
    await screenshot(page, 'sign-in-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('heading', { name: 'Sign in to Arya' }).waitFor();
    await screenshot(page, 'sign-in-en');
    await context.close();
  });

  it('signs up with an account and password, shows the profile, and signs out', async () => {
    const { context, page } = await newDevice(browser);
    const account = uniqueAccount('signup');
    await page.goto('/sign-up');
    // the length rule shows before submit
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByText('At least 8 bytes (now 5)').waitFor();
    await screenshot(page, 'sign-up');
    await signUpWithPassword(page, account, PASSWORD);
    await page.getByRole('heading', { name: 'Profile' }).or(page.getByText('Profile').first()).first().waitFor();
    await page.getByText('This device').waitFor();
    await screenshot(page, 'profile');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/sign-in');
    // signed out for real: a reload does not sign back in
    await page.goto('/profile');
    await page.waitForURL('**/sign-in');
    await context.close();
  });

  it('signs in by password, showing the server’s message for a wrong password', async () => {
    const setup = await newDevice(browser);
    const account = uniqueAccount('pw');
    await signUpWithPassword(setup.page, account, PASSWORD);
    await setup.context.close();

    const { context, page } = await newDevice(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Account or phone').fill(account);
    await page.getByLabel('Password', { exact: true }).fill('Wrong-Password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'The account or password is incorrect.' }).waitFor();
    await screenshot(page, 'sign-in-error');

    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expectText(page.getByTestId('current-user'), account);
    // a reload keeps the session through the HttpOnly refresh cookie (the access token itself is never stored)
    await page.reload();
    await expectText(page.getByTestId('current-user'), account);
    expect(await page.evaluate(() => JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage }))).not.toContain('eyJ');
    await context.close();
  });

  it('changing the password signs out the other session', async () => {
    const account = uniqueAccount('chpw');
    const first = await newDevice(browser);
    await signUpWithPassword(first.page, account, PASSWORD);
    const second = await newDevice(browser);
    await signInWithPassword(second.page, account, PASSWORD);

    await first.page.reload();
    await first.page.getByLabel('Current password').fill(PASSWORD);
    await first.page.getByLabel('New password', { exact: true }).fill('Brand-New-Harbour-77');
    await first.page.getByLabel('Confirm new password').fill('Brand-New-Harbour-77');
    await screenshot(first.page, 'profile-change-password');
    await first.page.getByRole('button', { name: 'Change password' }).click();
    await first.page.getByText('Password changed; 1 other sessions were signed out.').waitFor();

    // the other device's next call is refused, its refresh too, and it lands on sign-in with a notice
    await second.page.getByLabel('Name').fill('Still here?');
    await second.page.getByRole('button', { name: 'Save' }).click();
    await expectSignedOutWithNotice(second.page);
    await screenshot(second.page, 'signed-out-notice');

    // the first device stays signed in
    await first.page.reload();
    await expectText(first.page.getByTestId('current-user'), account);
    await first.context.close();
    await second.context.close();
  });

  it('an admin disables a user, who is signed out at once and cannot sign in again', async () => {
    const admin = inject('admin');
    const account = uniqueAccount('victim');
    const user = await newDevice(browser);
    await signUpWithPassword(user.page, account, PASSWORD);

    const adminDevice = await newDevice(browser);
    await signInWithPassword(adminDevice.page, admin.account, admin.password);
    await adminDevice.page.getByRole('menuitem', { name: 'Users' }).click();
    await adminDevice.page.waitForURL('**/admin/users');
    await adminDevice.page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(account);
    await adminDevice.page.keyboard.press('Enter');
    const row = adminDevice.page.getByRole('row').filter({ hasText: account });
    await row.waitFor();
    await adminDevice.page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
    await screenshot(adminDevice.page, 'admin-users');
    await row.getByRole('button', { name: 'Disable' }).click();
    await adminDevice.page.getByRole('button', { name: 'OK', exact: true }).click();
    await row.getByText('Disabled').waitFor();

    await user.page.getByLabel('Name').fill('Disabled person');
    await user.page.getByRole('button', { name: 'Save' }).click();
    await expectSignedOutWithNotice(user.page);
    await user.page.getByLabel('Account or phone').fill(account);
    await user.page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await user.page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await user.page.getByRole('alert').filter({ hasText: 'This account has been disabled' }).waitFor();

    // the audit log of that user records the disable
    await row.getByRole('link', { name: account }).click();
    await adminDevice.page.getByText('admin.user_disabled').waitFor();
    await screenshot(adminDevice.page, 'admin-user-detail');
    await user.context.close();
    await adminDevice.context.close();
  });

  it('refuses a non-admin the admin screens and hides them from the menu', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await signUpWithPassword(page, uniqueAccount('plain'), PASSWORD);
    await page.getByText('This device').waitFor();
    await screenshot(page, 'profile-phone');
    await page.goto('/admin/users');
    await page.getByText('This page needs administrator rights.').waitFor();
    await screenshot(page, 'admin-refused');
    await page.setViewportSize(DESKTOP);
    expect(await page.getByRole('menuitem', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });
});
