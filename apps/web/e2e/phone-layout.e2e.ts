import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Narrow-Harbour-73';
const SAMPLE = join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-bom.xlsx');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Every card title on the page is shown whole and the card's buttons sit inside its header, not over its edge. */
async function expectCardHeadsFit(page: Page): Promise<void> {
  const heads = await page.locator('.ant-card-head').evaluateAll((elements) =>
    elements.map((head) => {
      const title = head.querySelector<HTMLElement>('.ant-card-head-title');
      const extra = head.querySelector<HTMLElement>('.ant-card-extra');
      const box = head.getBoundingClientRect();
      const extraBox = extra?.getBoundingClientRect();
      return {
        title: title?.textContent ?? '',
        titleCut: title ? title.scrollWidth > title.clientWidth || title.clientWidth === 0 : false,
        extraOutside: extraBox ? extraBox.top < box.top || extraBox.bottom > box.bottom : false,
      };
    }),
  );
  expect(heads.length).toBeGreaterThan(0);
  for (const head of heads)
    expect(head, `card "${head.title}"`).toMatchObject({ titleCut: false, extraOutside: false });
}

describe('phone layout (390 px)', () => {
  it('card titles stay whole beside their buttons (runs list, run result), and so do material codes (zh)', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await registerByPhone(page, uniqueAccount('narrow'), PASSWORD);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '切换到英文' }).waitFor();
    // in-app navigation: a reload would bring back the English the test profile starts with
    await page.locator('.ant-layout-sider-zero-width-trigger').click();
    await page.getByRole('menuitem', { name: '运行记录' }).click();
    await page.locator('.ant-card-head-title').filter({ hasText: 'BOM 运行记录' }).waitFor();
    await expectCardHeadsFit(page);
    await screenshot(page, 'phone-runs-card-head-zh');

    await page.getByRole('button', { name: '新建变更' }).click();
    await page.locator('input[type=file]').setInputFiles(SAMPLE);
    await page.getByText('已上传 sample-bom.xlsx').waitFor();
    await page.getByRole('button', { name: /下一步/ }).click();
    // every operations source is shown whole (在线编辑 was cut at the right edge)
    const sources = await page.locator('.ant-segmented-item').evaluateAll((items) =>
      items.map((item) => {
        const box = item.getBoundingClientRect();
        return { text: item.textContent, inside: box.left >= 0 && box.right <= window.innerWidth };
      }),
    );
    expect(sources.map((source) => source.text)).toEqual(['工作簿中的操作指示表', '上传操作指示表', '在线编辑']);
    for (const source of sources) expect(source, `source "${source.text}"`).toMatchObject({ inside: true });
    await screenshot(page, 'phone-ops-source-zh');
    await page.getByRole('button', { name: '开始运行' }).click();
    await page.getByRole('button', { name: '下载新 BOM' }).waitFor({ timeout: 60_000 });
    await page.locator('.ant-card-head-title').filter({ hasText: '运行结果' }).waitFor();
    await expectCardHeadsFit(page);
    await screenshot(page, 'phone-run-result-card-head-zh');

    // a material code is one word: never broken over two lines ("8000000" / "3")
    const codeLines = await page
      .getByTestId('diff-rows')
      .locator('[role=row] > [role=cell]:nth-child(2)')
      .evaluateAll((cells) =>
        cells.map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          return { code: cell.textContent, lines: new Set([...range.getClientRects()].map((rect) => rect.top)).size };
        }),
      );
    expect(codeLines.length).toBeGreaterThan(0);
    for (const cell of codeLines) expect(cell, `code ${cell.code}`).toMatchObject({ lines: 1 });
    await context.close();
  });

  it('the menu opener is a button the keyboard reaches and opens, named in both languages', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await registerByPhone(page, uniqueAccount('menu-key'), PASSWORD);
    const opener = page.getByRole('button', { name: 'Main menu' });
    await expect(opener.getAttribute('aria-expanded')).resolves.toBe('false');
    // Tab from the top of the page until the opener has the focus
    await page.locator('body').focus();
    let reached = false;
    for (let presses = 0; presses < 30 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await opener.evaluate((element) => element === document.activeElement);
    }
    expect(reached, 'the menu opener is in the Tab order').toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Run history' }).waitFor();
    await expect(opener.getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshot(page, 'phone-menu-open-en');
    await page.keyboard.press('Enter');
    await expect(opener.getAttribute('aria-expanded')).resolves.toBe('false');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const openerZh = page.getByRole('button', { name: '主菜单' });
    await openerZh.focus();
    await page.keyboard.press('Space');
    await page.getByRole('menuitem', { name: '运行记录' }).waitFor();
    await screenshot(page, 'phone-menu-open-zh');
    await context.close();
  });
});
