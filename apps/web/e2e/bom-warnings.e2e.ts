import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, inspectWorkbook, WARNINGS_SHEET_NAME, warningText, type BomWarning } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { DESKTOP, launchBrowser, newDevice, screenshot, SCREENSHOTS, uniqueAccount } from './browser';
import { registerByPhone } from './flows';
import { readCells } from './workbooks';

const PASSWORD = 'Ample-Orchard-42';
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-warnings-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Scrolls the open warnings list to its end and waits for its last warning. */
async function scrollToLastWarning(page: Page, last: string): Promise<void> {
  await page.getByTestId('warnings-scroller').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await page.getByRole('listitem').filter({ hasText: last }).first().waitFor();
}

/** The top and bottom of an element in page coordinates (not only the viewport's). */
async function pageBox(page: Page, name: string): Promise<{ top: number; bottom: number }> {
  return page.getByRole('button', { name, exact: true }).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY };
  });
}

describe('validation warnings of a real-size workbook', () => {
  it('groups them by kind, keeps Run in reach, lists every one on request and writes all to the result', async () => {
    // Shaped like the reported case: a 2,000-op 操作指示表 and a BOM with thousands of warnings.
    const fixture = generateBomWorkbook({ rows: 12_500, opsCount: 2000, seed: 5 });
    const bomPath = join(work, 'big-ops.xlsx');
    writeFileSync(bomPath, fixture.bom);
    const inspected = inspectWorkbook(fixture.bom);
    const opsWarnings = inspected.ops?.warningsTotal ?? 0;
    expect(opsWarnings).toBeGreaterThan(100);
    expect(inspected.warningsTotal).toBeGreaterThan(1000);
    const expected = applyOperations(fixture.bom, { kind: 'sheet' }, { lang: 'en' });
    const total = expected.summary.warningsTotal;

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('warnings'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded big-ops.xlsx').waitFor({ timeout: 60_000 });

    // 1. the BOM's warnings: one box, a count per kind, no list until asked
    const bomBox = page.getByRole('alert').filter({ hasText: `Validation warnings (${inspected.warningsTotal})` });
    await bomBox.waitFor();
    await bomBox
      .getByRole('listitem')
      .filter({ hasText: `Repeated designator: ${inspected.warningCounts.duplicate_designator}` })
      .waitFor();
    expect(await bomBox.getByRole('list', { name: 'Kinds of warning' }).getByRole('listitem').count()).toBe(
      Object.keys(inspected.warningCounts).length,
    );
    expect(await page.getByTestId('warnings-scroller').count()).toBe(0);
    await screenshot(page, 'bom-warnings-step1-en');

    // 2. the operations sheet's warnings: grouped too, and Run within the first screen
    await page.getByRole('button', { name: 'Next' }).click();
    const opsBox = page.getByRole('alert').filter({ hasText: `Operations-sheet warnings (${opsWarnings})` });
    await opsBox.getByText(`Op designators not on the BOM: ${opsWarnings}`).waitFor();
    // and the ops the run will skip, in one box of their own
    const skipped = inspected.ops?.skippedOpsTotal ?? 0;
    expect(skipped).toBeGreaterThan(100);
    await page
      .getByRole('alert')
      .filter({ hasText: `${skipped} operations will be skipped` })
      .waitFor();
    expect(await page.getByRole('alert').count()).toBe(2);
    expect((await pageBox(page, 'Run')).bottom).toBeLessThan(DESKTOP.height);
    await screenshot(page, 'bom-warnings-step2-en');
    // every one of them on request
    await opsBox.getByRole('button', { name: `Show all ${opsWarnings}` }).click();
    const lastOpWarning = inspected.ops?.warnings.at(-1);
    if (!lastOpWarning) throw new Error('no ops warnings');
    await scrollToLastWarning(page, warningText(lastOpWarning, 'en'));
    await opsBox.getByRole('button', { name: 'Hide the list' }).click();

    // 3. the result: all warnings reachable, one kind at a time too, with only a window of them in the page
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 90_000 });
    const resultBox = page.getByRole('alert').filter({ hasText: `Validation warnings (${total})` });
    await resultBox.getByText(`All ${total} are also on the 校验警告 sheet of the downloaded workbook.`).waitFor();
    await resultBox.getByRole('button', { name: `Show all ${total}` }).click();
    const list = resultBox.getByRole('list', { name: `Validation warnings (${total})` });
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(total));
    const lastWarning = expected.summary.warnings.at(-1);
    if (!lastWarning) throw new Error('no warnings');
    await scrollToLastWarning(page, warningText(lastWarning, 'en'));
    expect(await list.getByRole('listitem').count()).toBeLessThan(60);

    const repeated = expected.summary.warnings.filter(
      (warning): warning is Extract<BomWarning, { code: 'duplicate_designator' }> =>
        warning.code === 'duplicate_designator',
    );
    await resultBox.getByText(`Repeated designator (${repeated.length})`).click();
    await list.getByRole('listitem').first().waitFor();
    expect(await list.getByRole('listitem').first().getAttribute('aria-setsize')).toBe(String(repeated.length));
    expect(await list.getByRole('listitem').first().textContent()).toBe(warningText(repeated[0]!, 'en'));
    await scrollToLastWarning(page, warningText(repeated.at(-1)!, 'en'));
    await screenshot(page, 'bom-warnings-result-en');
    await resultBox.screenshot({ path: join(SCREENSHOTS, 'bom-warnings-result-box-en.png') });

    // the downloaded workbook holds every one of them on its 校验警告 sheet
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the new BOM' }).click(),
    ]);
    const savedPath = join(work, 'big-ops-result.xlsx');
    await download.saveAs(savedPath);
    const sheet = (await readCells(readFileSync(savedPath))).get(WARNINGS_SHEET_NAME);
    const rowsOfSheet = new Set([...(sheet?.keys() ?? [])].map((address) => Number(/\d+$/.exec(address)?.[0])));
    expect(rowsOfSheet.size).toBe(total + 1);

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `校验警告（${total}）` })
      .getByText('位号重复 (')
      .waitFor();
    await screenshot(page, 'bom-warnings-result-zh');
    await page
      .getByRole('alert')
      .filter({ hasText: `校验警告（${total}）` })
      .screenshot({ path: join(SCREENSHOTS, 'bom-warnings-result-box-zh.png') });
    await context.close();
  });
});
