import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const widthOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe.each([
  { device: 'desktop', viewport: DESKTOP },
  { device: 'phone', viewport: PHONE },
])('texts of forms a new user meets ($device)', ({ device, viewport }) => {
  it('sign-up marks every optional field, the name too, in both languages', async () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const { context, page } = await newDevice(browser, { viewport, locale });
      await page.goto('/sign-up');
      const marked = locale === 'en' ? ['Account (optional)', 'Name (optional)'] : ['账号（可选）', '姓名（可选）'];
      for (const label of marked) await page.getByLabel(label, { exact: true }).waitFor();
      expect(await widthOf(page)).toBeLessThanOrEqual(viewport.width);
      await screenshot(page, `form-texts-sign-up-${device}-${locale}`);
      await context.close();
    }
  });

  it('profile forms name a missing field at the start of the sentence; Compare says what its upload does', async () => {
    const { context, page } = await newDevice(browser, { viewport });
    await registerByPhone(page, uniqueAccount(`formtexts${device}`), 'Ample-Orchard-42');
    await page.getByRole('button', { name: 'Change phone' }).click();
    await page.getByText('Current password is required').first().waitFor();
    expect(await page.getByText(/Please enter your/).count()).toBe(0);
    await screenshot(page, `form-texts-profile-${device}-en`);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '更换手机' }).click();
    await page.getByText('请填写当前密码').first().waitFor();
    await screenshot(page, `form-texts-profile-${device}-zh-CN`);

    // a new page load is in English again (newDevice sets the language at every load)
    await page.goto('/bom/compare');
    await page.getByRole('button', { name: 'Upload a BOM' }).click();
    await page.getByText('It fills the revision not yet picked').waitFor();
    expect(await page.getByText('before anything runs').count()).toBe(0);
    expect(await widthOf(page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `form-texts-compare-upload-${device}-en`);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('上传后填入尚未选择的版本').waitFor();
    expect(await page.getByText('确认后才会运行').count()).toBe(0);
    expect(await widthOf(page)).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `form-texts-compare-upload-${device}-zh-CN`);
    await context.close();
  });
});
