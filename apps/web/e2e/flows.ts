import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { latestSmsCode, uniquePhone } from './browser';

export const passwordBox = (page: Page, name = 'Password') => page.getByRole('textbox', { name, exact: true });

/** Signs in with the password tab and waits for the signed-in frame. */
export async function signInWithPassword(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Account or phone').fill(account);
  await passwordBox(page).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByTestId('current-user').waitFor();
}

/** Fills phone, asks for a code, and types the code the SMS emulator delivered (as a person reads their phone). */
export async function fillPhoneAndCode(page: Page, phone: string): Promise<void> {
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  const sent = page.getByText(/Code sent\. It is valid for \d+ minutes\./);
  const refused = page.getByRole('alert');
  await sent.or(refused).first().waitFor();
  if (!(await sent.isVisible()))
    throw new Error(`sending the code was refused: ${await refused.first().textContent()}`);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await latestSmsCode(phone));
}

/**
 * Registers by phone (plus account and password, so password sign-in works too), lands on the start screen (home),
 * then opens the profile through a reload — which also proves the session survives one.
 */
export async function registerByPhone(
  page: Page,
  account: string,
  password: string,
  phone = uniquePhone(),
): Promise<string> {
  await page.goto('/sign-up');
  await fillPhoneAndCode(page, phone);
  await page.getByLabel('Account (optional)').fill(account);
  await passwordBox(page, 'Password (optional)').fill(password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await waitForHome(page);
  await expectText(page.getByTestId('current-user'), account);
  await page.goto('/profile');
  await page.getByText('This device').waitFor();
  return phone;
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

/** The signed-in start screen (the dashboard at `/`). */
export async function waitForHome(page: Page): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByTestId('home').waitFor();
}
