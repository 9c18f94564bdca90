import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, changeLogNote } from '@arya/bom';
import { buildOpsWorkbook, generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A BOM without a 操作指示表 and a separate operations workbook: one op that runs, one invalid, one unknown material.
const generated = generateBomWorkbook({ rows: 30, opsCount: 0, opsSheet: false, seed: 7 });
const [first, second] = generated.rows.filter((row) => /^[A-Z]+\d+/.test(row.designators));
if (!first || !second) throw new Error('the generated BOM has too few rows with designators');
const opsBytes = buildOpsWorkbook([
  {
    level: first.level,
    materialCode: first.materialCode,
    op: 'del',
    designators: /^[A-Z]+\d+/.exec(first.designators)![0],
  },
  { level: second.level, materialCode: second.materialCode, op: 'modify', designators: 'R1' },
  { level: 1, materialCode: 99_999_999, op: 'del', designators: 'R1' },
]);
// What the run will log as not run: the engine's own answer for these two workbooks.
const notRun = applyOperations(generated.bom, { kind: 'workbook', bytes: opsBytes }).log.filter(
  (entry) => entry.status === 'invalid' || entry.status === 'not_found' || entry.status === 'ambiguous',
);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Signs up, uploads the BOM, goes to step 2 and uploads the operations workbook there. */
async function toStep2WithOpsFile(page: Page, prefix: string, labels: { next: string; upload: string }) {
  await registerByPhone(page, uniqueAccount(prefix), PASSWORD);
  await page.goto('/bom/new');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'bom.xlsx', mimeType: XLSX, buffer: Buffer.from(generated.bom) });
  await page.getByRole('button', { name: labels.next }).click();
  await page.getByText(labels.upload).click();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'ops.xlsx', mimeType: XLSX, buffer: Buffer.from(opsBytes) });
}

describe('a separate operations workbook, dry-run against the BOM at step 2 of a new run', () => {
  it('names the invalid op and the unknown material before Run, in both languages', async () => {
    expect(notRun.map((entry) => [entry.seq, entry.status])).toEqual([
      [3, 'invalid'],
      [4, 'not_found'],
    ]);
    const { context, page } = await newDevice(browser);
    await toStep2WithOpsFile(page, 'opsdry', { next: 'Next', upload: 'Upload an operations sheet' });

    const box = page.getByRole('alert').filter({ hasText: '2 operations will be skipped' });
    await box.waitFor();
    const kinds = box.getByRole('list', { name: 'Why they are skipped' }).getByRole('listitem');
    expect(await kinds.allTextContents()).toEqual(['Invalid: 1', 'Not found: 1']);
    await box.getByText('correct them in the operations workbook').waitFor();
    expect(await page.getByText('No validation warnings').count()).toBe(0);
    // the sheet read is the ops workbook's first sheet, with its own columns
    await page.getByText('Sheet1').first().waitFor();

    await box.getByRole('button', { name: 'Show all 2' }).click();
    const lines = box.getByRole('list', { name: '2 operations will be skipped' }).getByRole('listitem');
    await lines.nth(1).waitFor();
    expect(await lines.allTextContents()).toEqual(
      notRun.map(
        (entry) =>
          `Row ${entry.seq}: ${String(entry.materialCode)} ${entry.op} ${entry.designators} — ` +
          changeLogNote(entry.notes, 'en'),
      ),
    );
    expect(await lines.first().textContent()).toBe(
      `Row 3: ${String(second.materialCode)} modify R1 — Invalid operation "modify" (use add or del)`,
    );
    await screenshot(page, 'bom-ops-dry-run-step2-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const zhBox = page.getByRole('alert').filter({ hasText: '运行时将跳过的操作（2）' });
    await zhBox
      .getByText(`第 3 行：${String(second.materialCode)} modify R1 — 操作类型无效「modify」（应为 add 或 del）`)
      .waitFor();
    await zhBox.getByText('请在操作文件中改正').waitFor();
    await screenshot(page, 'bom-ops-dry-run-step2-zh');
    await context.close();
  });

  it('fits a phone, in English and Chinese', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await toStep2WithOpsFile(page, 'opsdryphone', { next: 'Next', upload: 'Upload an operations sheet' });
    const box = page.getByRole('alert').filter({ hasText: '2 operations will be skipped' });
    await box.getByRole('button', { name: 'Show all 2' }).click();
    await box.getByText(/^Row 3: /).waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-ops-dry-run-step2-phone-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: '运行时将跳过的操作（2）' })
      .getByText(/^第 3 行：/)
      .waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-ops-dry-run-step2-phone-zh');
    await context.close();
  });
});
