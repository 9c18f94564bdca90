import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import {
  forgetSmsSendsTo,
  latestSmsCode,
  launchBrowser,
  newDevice,
  screenshot,
  uniqueAccount,
  uniquePhone,
} from './browser';
import { fillPhoneAndCode, registerByPhone, signInWithPassword, waitForHome } from './flows';

const PASSWORD = 'Copper-Meadow-58';
/** Event keys as the API stores them: none may reach the screen. */
const RAW_EVENT_KEY =
  /\b(?:auth|user|admin|bom)\.[a-z]+_[a-z_]+\b|\b(?:auth|user|admin|bom)\.(?:login|logout|register)\b/;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Signs up with a phone only (no account, no password) and lands on the home screen. */
async function signUpWithPhoneOnly(page: Page, phone: string): Promise<void> {
  await page.goto('/sign-up');
  await fillPhoneAndCode(page, phone);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await waitForHome(page);
}

async function openUserAsAdmin(page: Page, search: string): Promise<void> {
  await page.getByRole('menuitem', { name: 'Users' }).click();
  await page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(search);
  await page.keyboard.press('Enter');
  await page.getByRole('row').filter({ hasText: search }).getByRole('link').first().click();
  await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
}

describe('accounts without a password, and accounts made by an admin', () => {
  it('a phone-only account sets a password by SMS and an account name in 个人资料, then signs in with them', async () => {
    const { context, page } = await newDevice(browser);
    const phone = uniquePhone();
    await signUpWithPhoneOnly(page, phone);
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    const card = page.locator('.ant-card').filter({ hasText: 'Set a password' });
    // the number masked, as everywhere on the profile
    const masked = `+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`;
    await card.getByText(`Your account has no password yet. Get a code sent to ${masked}`).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe(masked);
    // no dead end: no form here asks for a current password this account does not have
    expect(await page.getByLabel('Current password').count()).toBe(0);
    await page.getByText('Changing the phone asks for your current password: set a password above first.').waitFor();
    await screenshot(page, 'profile-no-password-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('你的账号还没有密码').waitFor();
    await screenshot(page, 'profile-no-password-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();

    await forgetSmsSendsTo(phone);
    await card.getByRole('button', { name: 'Send code' }).click();
    await card.getByText(/Code sent\./).waitFor();
    await card.getByRole('textbox', { name: 'Verification code' }).fill(await latestSmsCode(phone));
    await card.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await card.getByLabel('Confirm new password').fill(PASSWORD);
    await card.getByRole('button', { name: 'Set a password' }).click();
    await page.getByText('Password set.').waitFor();
    // now the usual forms are there
    await page.locator('#change-password').waitFor();

    const account = uniqueAccount('later');
    await page.getByRole('textbox', { name: 'Choose an account name' }).fill(account);
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByText('Account name saved.').waitFor();
    await screenshot(page, 'profile-password-and-account-set');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    // signed out on the server first: opening sign-in while the logout is in flight signs the refresh cookie back in
    await page.waitForURL('**/sign-in');
    await signInWithPassword(page, account, PASSWORD);
    await context.close();
  });

  it('an admin creates an account; its owner sets a password with the one-time link and is signed in', async () => {
    const admin = inject('admin');
    const adminDevice = await newDevice(browser);
    await signInWithPassword(adminDevice.page, admin.account, admin.password);
    await adminDevice.page.getByRole('menuitem', { name: 'Users' }).click();
    await adminDevice.page.getByRole('button', { name: 'New user' }).click();
    const dialog = adminDevice.page.getByRole('dialog');
    const account = uniqueAccount('hire');
    // nothing to sign in with: the server says what is missing
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('Give an account name or a phone number (or both)').waitFor();
    await dialog.getByLabel('Account (optional)').fill(account);
    await dialog.getByLabel('Name').fill('New Hire');
    await screenshot(adminDevice.page, 'admin-create-user-en');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const link = (await dialog.getByTestId('setup-link').textContent()) ?? '';
    expect(link).toMatch(/\/set-password#token=[\w-]{40,}$/);
    await screenshot(adminDevice.page, 'admin-setup-link-en');
    await dialog.getByRole('button', { name: 'Done' }).click();

    // the detail card is titled with the person's name; no sessions yet, said plainly
    await openUserAsAdmin(adminDevice.page, account);
    await adminDevice.page
      .locator('.ant-card-head-title')
      .filter({ hasText: `New Hire（${account}）` })
      .waitFor();
    await adminDevice.page.getByText('This user is not signed in anywhere').waitFor();

    const owner = await newDevice(browser);
    await owner.page.goto(link);
    await owner.page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await owner.page.getByLabel('Confirm new password').fill(PASSWORD);
    await screenshot(owner.page, 'set-password-link-en');
    await owner.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await waitForHome(owner.page);
    // used once: the same link no longer works
    const again = await newDevice(browser);
    await again.page.goto(link);
    await again.page.getByLabel('New password', { exact: true }).fill(PASSWORD);
    await again.page.getByLabel('Confirm new password').fill(PASSWORD);
    await again.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await again.page.getByRole('alert').filter({ hasText: 'was already used or has expired' }).waitFor();
    await again.context.close();

    // the audit log reads as events, in both languages, with no raw keys
    await adminDevice.page.reload();
    const audit = adminDevice.page.locator('.ant-card').last(); // the audit log card, in either language
    await audit.getByRole('cell', { name: 'Set the password with a link' }).waitFor();
    await audit.getByRole('cell', { name: 'Account created' }).waitFor();
    expect(await audit.textContent()).not.toMatch(RAW_EVENT_KEY);
    await screenshot(adminDevice.page, 'admin-user-audit-en');
    await adminDevice.page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await audit.getByRole('cell', { name: '通过链接设置密码' }).waitFor();
    await audit.getByRole('cell', { name: '创建账号' }).waitFor();
    expect(await audit.textContent()).not.toMatch(RAW_EVENT_KEY);
    await screenshot(adminDevice.page, 'admin-user-audit-zh');
    await owner.context.close();
    await adminDevice.context.close();
  });

  it('a role change asks first, as 停用 does, and cancelling changes nothing', async () => {
    const admin = inject('admin');
    const user = await newDevice(browser);
    const account = uniqueAccount('promote');
    await registerByPhone(user.page, account, PASSWORD);
    await user.context.close();

    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await openUserAsAdmin(page, account);
    const role = page.getByRole('combobox', { name: `Role of ${account}` });
    const confirm = page.getByRole('dialog').filter({ hasText: `Change the role of ${account} to Admin?` });
    // Opens the list and clicks the option as a person does. Keys typed while the list is still opening can be lost on
    // a loaded machine; a click waits until the option is shown and has stopped moving (antd's list animates in). The
    // shown option, not antd's zero-size copy for screen readers. On a loaded machine the list can close again before
    // the click lands (its popup is then already closing: pointer-events none); a person opens it again, and so does
    // this, until the confirmation shows.
    const adminOption = page
      .locator('.ant-select-dropdown .ant-select-item-option[title="Admin"]')
      .filter({ visible: true });
    const chooseAdmin = async () => {
      for (let attempt = 1; attempt <= 3; attempt++) {
        if (!(await adminOption.isVisible())) await role.click();
        const clicked = await adminOption.click({ timeout: 10_000 }).then(
          () => true,
          () => false,
        );
        if (
          clicked &&
          (await confirm.waitFor({ timeout: 20_000 }).then(
            () => true,
            () => false,
          ))
        )
          return;
      }
      throw new Error('no role change confirmation after 3 tries');
    };
    await chooseAdmin();
    await screenshot(page, 'admin-role-confirm-en');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await page.locator('.ant-select-content').filter({ hasText: 'User' }).first().waitFor();

    await chooseAdmin();
    // On a loaded machine a click can reach the dialog before it takes clicks: it then stays open with Confirm idle
    // (not loading). A person clicks again; a click while the change is in flight is ignored by the dialog.
    const changed = page.getByText('Role changed.');
    let changeShown = false;
    for (let attempt = 1; attempt <= 3 && !changeShown; attempt++) {
      await confirm
        .getByRole('button', { name: 'Confirm' })
        .click({ timeout: 10_000 })
        .catch(() => undefined);
      changeShown = await changed.waitFor({ timeout: 15_000 }).then(
        () => true,
        () => false,
      );
    }
    expect(changeShown).toBe(true);
    await page.getByRole('cell', { name: 'Role changed' }).waitFor();
    await context.close();
  });

  it('a refused code request shows one countdown, the same in the message and on the button', async () => {
    const phone = uniquePhone();
    const first = await newDevice(browser);
    await first.page.goto('/forgot-password');
    await fillPhoneAndCode(first.page, phone);
    await first.context.close();

    // a second device asks again within the minute: refused, with the wait
    const { context, page } = await newDevice(browser);
    await page.goto('/forgot-password');
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Send code' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Too many codes were requested for this phone number' });
    await alert.waitFor();
    await screenshot(page, 'sms-rate-limit-en');
    const numbers = await page.evaluate(() => {
      const form = document.querySelector('form');
      return [...(form?.textContent ?? '').matchAll(/(\d+) (?:seconds?|s)(?![a-z])/g)].map((m) => Number(m[1]));
    });
    expect(numbers.length).toBe(2); // one in the message, one on the button
    expect(new Set(numbers).size).toBe(1);
    await context.close();

    // the same in Chinese (the server words its refusal in the language the request asked for)
    const zh = await newDevice(browser, { locale: 'zh-CN' });
    await zh.page.goto('/forgot-password');
    await zh.page.getByLabel('手机号').fill(phone);
    await zh.page.getByRole('button', { name: '获取验证码' }).click();
    await zh.page.getByRole('alert').filter({ hasText: '该手机号获取验证码过于频繁' }).waitFor();
    const zhNumbers = await zh.page.evaluate(() => {
      const form = document.querySelector('form');
      return [...(form?.textContent ?? '').matchAll(/(\d+) 秒/g)].map((m) => Number(m[1]));
    });
    expect(zhNumbers.length).toBe(2);
    expect(new Set(zhNumbers).size).toBe(1);
    await screenshot(zh.page, 'sms-rate-limit-zh');
    await zh.context.close();
  });

  it('the home screen: my recent runs with their status, 新建变更, and for admins the counts', async () => {
    const work = mkdtempSync(join(tmpdir(), 'arya-e2e-home-'));
    const bomPath = join(work, 'home-bom.xlsx');
    writeFileSync(bomPath, generateBomWorkbook({ rows: 40, opsCount: 4, seed: 3 }).bom);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('home'), PASSWORD);
    await page.goto('/');
    await page.getByText('No runs yet. Start one with New run.').waitFor();
    await page.getByRole('button', { name: 'New run' }).click();
    await page.waitForURL('**/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded home-bom.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Home' }).first().click();
    const recent = page.locator('.ant-card').filter({ hasText: 'My recent runs' });
    await recent.getByRole('link', { name: 'home-bom.xlsx' }).waitFor();
    await recent.getByText('Done', { exact: true }).waitFor();
    expect(await page.getByText('Runs today').count()).toBe(0); // not an admin
    await screenshot(page, 'home-user-en');
    await context.close();

    const admin = inject('admin');
    const adminDevice = await newDevice(browser);
    await signInWithPassword(adminDevice.page, admin.account, admin.password);
    await waitForHome(adminDevice.page);
    const runsToday = adminDevice.page.locator('.ant-statistic').filter({ hasText: 'Runs today' });
    await runsToday
      .locator('.ant-statistic-content-value')
      .filter({ hasText: /^[1-9]\d*$/ })
      .waitFor();
    await adminDevice.page.locator('.ant-statistic').filter({ hasText: 'Users' }).waitFor();
    // the favicon is served and linked
    expect(await adminDevice.page.locator('link[rel=icon]').getAttribute('href')).toBe('/favicon.svg');
    const icon = await adminDevice.page.request.get('/favicon.svg');
    expect(icon.ok()).toBe(true);
    await screenshot(adminDevice.page, 'home-admin-en');
    await adminDevice.page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await adminDevice.page.getByText('今日运行').waitFor();
    await adminDevice.page.getByRole('button', { name: '新建变更' }).waitFor();
    await screenshot(adminDevice.page, 'home-admin-zh');
    await adminDevice.context.close();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('REGISTRATION_MODE=closed', () => {
  let server: ChildProcess;
  let baseUrl: string;
  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const main = inject('serverMain');
    const command = /\.[mc]?ts$/.test(main) ? ['--import', 'tsx', main] : [main];
    server = spawn(process.execPath, command, {
      stdio: 'ignore',
      env: { ...inject('serverEnv'), PORT: String(port), REGISTRATION_MODE: 'closed' },
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ready = await fetch(`${baseUrl}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the closed-registration server did not start within 60 s');
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });

  it('sign-up says registration is closed, in both languages, and sign-in offers no sign-up link', async () => {
    const { context, page } = await newDevice(browser);
    await page.goto(`${baseUrl}/sign-up`);
    await page.getByText('Sign-up is closed').waitFor();
    await page.getByText('Accounts are created by an administrator.').waitFor();
    expect(await page.getByLabel('Phone number').count()).toBe(0);
    await screenshot(page, 'sign-up-closed-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('本系统不开放注册').waitFor();
    await screenshot(page, 'sign-up-closed-zh');
    await page.getByRole('link', { name: '返回登录' }).click();
    await page.getByRole('heading', { name: '登录 Arya' }).waitFor();
    expect(await page.getByRole('link', { name: '没有账号？注册' }).count()).toBe(0);
    await context.close();
  });
});
