import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAryaClient } from '@arya/client';
import { launchBrowser, newDevice, uniqueAccount } from './browser';
import { signInWithPassword } from './flows';

const PAGE_SIZE = 20;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Accounts in the users table, without its header row. */
async function listedAccounts(page: Page, prefix: string): Promise<string[]> {
  const links = page.locator('.ant-table-tbody').getByRole('link', { name: prefix });
  return links.allTextContents();
}

describe('paged lists (PagedTable)', () => {
  it('shows 20 users, then the rest with Load more, once each; a new search starts from the first page', async () => {
    const admin = inject('admin');
    const api = createAryaClient({ url: new URL('/trpc', inject('baseUrl')).toString() });
    await api.login({ account: admin.account, password: admin.password });
    const prefix = uniqueAccount('paged');
    const created = PAGE_SIZE + 3;
    for (let i = 0; i < created; i++) await api.trpc.admin.users.create.mutate({ account: `${prefix}.${i}` });

    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(prefix);
    await page.keyboard.press('Enter');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.waitFor();
    expect(await listedAccounts(page, prefix)).toHaveLength(PAGE_SIZE);

    await loadMore.click();
    await page.getByRole('link', { name: `${prefix}.0`, exact: true }).waitFor();
    const all = await listedAccounts(page, prefix);
    expect(all.toSorted()).toEqual(Array.from({ length: created }, (_, i) => `${prefix}.${i}`).toSorted());
    // newest first across the page boundary
    expect(all[0]).toBe(`${prefix}.${created - 1}`);
    expect(all.at(-1)).toBe(`${prefix}.0`);
    await loadMore.waitFor({ state: 'detached' });

    // another filter is another list: its first page only, and no Load more when it fits
    await page.getByRole('searchbox', { name: 'Search account, name or phone' }).fill(`${prefix}.1`);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: `${prefix}.0`, exact: true }).waitFor({ state: 'detached' });
    // the old list is gone before the new one is in: wait for the new one (its last row) before reading it
    await page.getByRole('link', { name: `${prefix}.19`, exact: true }).waitFor();
    expect((await listedAccounts(page, prefix)).toSorted()).toEqual(
      [`${prefix}.1`, ...Array.from({ length: 10 }, (_, i) => `${prefix}.1${i}`)].toSorted(),
    );
    expect(await loadMore.count()).toBe(0);
    await context.close();
  });
});
