import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE_NAME, SESSION_HINT_COOKIE_NAME } from '@arya/api';
import { launchBrowser, newDevice, PHONE, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every console error of the page, the 4xx answers e2e/page-problems.ts lets pass included ("Failed to load resource:
 * … 401"), and every `auth.refresh` request it sent.
 */
function recordConsoleAndRefreshes(page: Page): { errors: string[]; refreshes: string[] } {
  const errors: string[] = [];
  const refreshes: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('request', (request) => {
    if (request.url().includes('auth.refresh')) refreshes.push(request.url());
  });
  return { errors, refreshes };
}

describe('a signed-out visitor', () => {
  it('opens the app, sign-up and a signed-in page with no console error and no refresh asked for', async () => {
    const { context, page } = await newDevice(browser, { locale: null });
    const seen = recordConsoleAndRefreshes(page);
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: '登录 Arya' }).waitFor();
    await page.goto('/profile');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: '登录 Arya' }).waitFor();
    await page.goto('/sign-up');
    await page.getByLabel('手机号').waitFor();
    await page.waitForLoadState('networkidle');
    expect(seen.errors).toEqual([]);
    expect(seen.refreshes).toEqual([]);
    await context.close();
  });

  it('after signing out, a reload and a later visit log no error and ask for no refresh either', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await registerByPhone(page, uniqueAccount('quiet'), 'Quiet-Harbour-31');
    // the page sees the server's hint that a session is there, never the refresh token itself (HttpOnly)
    const cookies = await page.evaluate(() => document.cookie);
    expect(cookies).toContain(`${SESSION_HINT_COOKIE_NAME}=1`);
    expect(cookies).not.toContain(REFRESH_COOKIE_NAME);
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/sign-in');
    const seen = recordConsoleAndRefreshes(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Arya' }).waitFor();
    await page.goto('/profile');
    await page.waitForURL('**/sign-in');
    await page.waitForLoadState('networkidle');
    expect(seen.errors).toEqual([]);
    expect(seen.refreshes).toEqual([]);
    await context.close();
  });
});
