import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-material-rows-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the online editor knows every BOM row, page after page', () => {
  it('flags an add of a designator a row past the first 5000-row page already has', async () => {
    const fixture = generateBomWorkbook({ rows: 6000, opsCount: 1, seed: 11, opsSheet: false });
    const bomPath = join(work, 'paged.xlsx');
    writeFileSync(bomPath, fixture.bom);
    const codeCount = (code: string | number) =>
      fixture.rows.filter((row) => String(row.materialCode) === String(code)).length;
    const late = fixture.rows.findLast((row) => row.designators !== '' && codeCount(row.materialCode) === 1);
    if (!late || late.rowNumber <= 5001) throw new Error('fixture has no unique material past the first page');
    const designator = late.designators.split(/[,\s]+/).find(Boolean)!;

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('paged'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded paged.xlsx').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    const code = page.getByRole('combobox', { name: 'Row 1 Material code' });
    await code.fill(String(late.materialCode));
    await code.press('Escape');
    await page.getByRole('combobox', { name: 'Row 1 Operation' }).click();
    await page.getByTitle('add', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Row 1 Designators' }).fill(designator);
    await page.getByText(`Already on that BOM row: ${designator}`).waitFor({ timeout: 30_000 });
    await context.close();
  });
});
