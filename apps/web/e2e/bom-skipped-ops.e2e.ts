import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, changeLogNote } from '@arya/bom';
import { launchBrowser, newDevice, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const samplePath = join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-bom.xlsx');

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('operations the run will skip, at step 2 of a new run', () => {
  it('names the sample’s invalid modify ops and its unknown material before Run, in both languages', async () => {
    // What the run will log as not run: the engine's own answer for the sample workbook.
    const notRun = applyOperations(new Uint8Array(readFileSync(samplePath)), { kind: 'sheet' }).log.filter(
      (entry) => entry.status === 'invalid' || entry.status === 'not_found' || entry.status === 'ambiguous',
    );
    expect(notRun.map((entry) => entry.op)).toEqual(['del', 'modify', 'modify']);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('skipped'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(samplePath);
    await page.getByText('Uploaded sample-bom.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // one box, counted by status, instead of "No validation warnings"
    const box = page.getByRole('alert').filter({ hasText: '3 operations will be skipped' });
    await box.waitFor();
    const kinds = box.getByRole('list', { name: 'Why they are skipped' }).getByRole('listitem');
    expect(await kinds.allTextContents()).toEqual(['Invalid: 2', 'Not found: 1']);
    expect(await page.getByText('No validation warnings').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(1);

    // every one on request: row, material code, op, designators and the reason the change log will give
    await box.getByRole('button', { name: 'Show all 3' }).click();
    const lines = box.getByRole('list', { name: '3 operations will be skipped' }).getByRole('listitem');
    await lines.nth(2).waitFor();
    expect(await lines.allTextContents()).toEqual(
      notRun.map(
        (entry) =>
          `Row ${entry.seq}: ${String(entry.materialCode)} ${entry.op} ${entry.designators} — ` +
          changeLogNote(entry.notes, 'en'),
      ),
    );
    expect(await lines.nth(1).textContent()).toBe(
      'Row 4: 80000026 modify R1 — Invalid operation "modify" (use add or del)',
    );
    await screenshot(page, 'bom-skipped-ops-step2-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const zhBox = page.getByRole('alert').filter({ hasText: '运行时将跳过的操作（3）' });
    await zhBox.getByText('第 4 行：80000026 modify R1 — 操作类型无效「modify」（应为 add 或 del）').waitFor();
    await zhBox.getByText('无效: 2').waitFor();
    await screenshot(page, 'bom-skipped-ops-step2-zh');
    await context.close();
  });
});
