import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Signs in with the password tab and waits for the signed-in frame. */
export async function signInWithPassword(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Account or phone').fill(account);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Registers with account and password from the sign-up screen; ends signed in on the profile. */
export async function signUpWithPassword(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Account', { exact: true }).fill(account);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL('**/profile');
  await expectText(page.getByTestId('current-user'), account);
}

export async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
  expect(await locator.first().textContent()).toContain(text);
}

/** The page is on sign-in, told that the session ended. */
export async function expectSignedOutWithNotice(page: Page): Promise<void> {
  await page.waitForURL('**/sign-in');
  await page.getByText('Your session has ended. Please sign in again.').waitFor();
}
