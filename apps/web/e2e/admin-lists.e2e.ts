import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAryaClient } from '@arya/client';
import { launchBrowser, newDevice, uniquePhone } from './browser';
import { signInWithPassword } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function adminApi() {
  const admin = inject('admin');
  const api = createAryaClient({ url: new URL('/trpc', inject('baseUrl')).toString() });
  await api.login({ account: admin.account, password: admin.password });
  return api;
}

describe('admin lists', () => {
  it("the runs list's owner filter names a phone-only owner by the masked phone, as the list does", async () => {
    const api = await adminApi();
    const phone = uniquePhone();
    const { user } = await api.trpc.admin.users.create.mutate({ phone });

    const { context, page } = await newDevice(browser);
    const admin = inject('admin');
    await signInWithPassword(page, admin.account, admin.password);
    await page.goto(`/bom/runs?owner=${user.id}`);
    const tag = page.locator('.ant-tag').filter({ hasText: 'Owner:' });
    // the last four digits show either way: wait for the name, not the loading text, then read it
    await tag.filter({ hasText: phone.slice(-4) }).waitFor();
    const text = (await tag.textContent()) ?? '';
    expect(text).toContain(`+86 ${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(text).not.toContain(phone);
    await context.close();
  });
});
