import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newDevice } from './browser';
import { takePageProblems } from './page-problems';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the e2e harness', () => {
  it('records uncaught errors, rejections, console errors and 5xx answers of every page (setup.ts fails)', async () => {
    const { context, page } = await newDevice(browser);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.evaluate(() => {
      setTimeout(() => {
        throw new Error('thrown-by-test');
      });
      void Promise.reject(new Error('rejected-by-test'));
      console.error('logged-by-test');
    });
    // a typed refusal (401 without a token) is the API's answer, not a page problem; a 5xx is
    await page.route('**/broken-on-purpose', (route) => route.fulfill({ status: 503, body: 'down' }));
    await page.evaluate(async () => {
      await fetch('/trpc/user.me');
      await fetch('/broken-on-purpose');
    });
    const second = await context.newPage();
    await second.goto('/sign-in');
    await second.evaluate(() => console.error('second-page-by-test'));
    const seen: string[] = [];
    const everything = () => {
      seen.push(...takePageProblems());
      return seen.join('\n');
    };
    await expect.poll(everything, { timeout: 10_000 }).toContain('second-page-by-test');
    await expect.poll(everything, { timeout: 10_000 }).toContain('thrown-by-test');
    const report = everything();
    expect(report).toContain('rejected-by-test');
    expect(report).toContain('logged-by-test');
    expect(report).toContain('503 from GET');
    expect(report).not.toContain('user.me');
    await context.close();
  });
});
