import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, CHANGE_LOG_SHEET_NAME, NEW_BOM_SHEET_NAME } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { DESKTOP, launchBrowser, newDevice, PHONE, screenshot, SCREENSHOTS, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

/** The window as seen (a full-page picture of a page 280,000 px tall would not finish). */
async function viewportScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/**
 * Types a material code into an op row and closes its suggestions, as a person does before going on. Left open, the
 * list covers what is under the field (the row choices of a code on several rows); on a loaded machine it can open
 * after a click was aimed there, take the click and pick the code again, which drops the row just chosen.
 */
async function chooseMaterialCode(page: Page, row: number, code: string | number): Promise<void> {
  const field = page.getByRole('combobox', { name: `Row ${row} Material code` });
  await field.fill(String(code));
  await field.press('Escape');
}

/** Waits until the locator matches exactly `count` elements. */
async function expectCount(locator: ReturnType<Page['locator']>, count: number): Promise<void> {
  await locator.nth(count - 1).waitFor();
  expect(await locator.count()).toBe(count);
}
import { differingCells, readCells } from './workbooks';

const PASSWORD = 'Ample-Orchard-42';
const CJK = /[\u4e00-\u9fff]+/;
/** Chinese an English page may show: the workbook's sheet names, and column headers in parentheses. */
const WORKBOOK_NAMES = /原表|操作指示表|新BOM表|变更日志|校验警告|\((?:[AB]面位号|位号)\)|, BOM行\)/g;
/** The first Chinese words in the element beyond those names, or null. */
async function chineseOn(part: ReturnType<Page['locator']>): Promise<string | null> {
  return ((await part.textContent()) ?? '').replaceAll(WORKBOOK_NAMES, '').match(CJK)?.[0] ?? null;
}
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-bom-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('BOM runs in the browser', () => {
  it('uploads a workbook, checks it, runs its operations sheet, downloads exactly the engine’s result', async () => {
    const fixture = generateBomWorkbook({ rows: 300, opsCount: 25, seed: 7 });
    const bomPath = join(work, 'e2e-bom.xlsx');
    writeFileSync(bomPath, fixture.bom);
    const expected = applyOperations(fixture.bom, { kind: 'sheet' });
    expect(expected.diff.length).toBeGreaterThan(0);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('bom'), PASSWORD);
    await page.getByRole('menuitem', { name: 'New run' }).click();
    await page.waitForURL('**/bom/new');
    await screenshot(page, 'bom-new');

    // 1. upload: what was detected and the warnings show before anything runs
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded e2e-bom.xlsx').waitFor();
    await page.getByText('原表').first().waitFor();
    await page.getByText('300', { exact: true }).first().waitFor();
    await page.getByText(/Validation warnings \(\d+\)|No validation warnings/).waitFor();
    await screenshot(page, 'bom-inspect');

    // 2. operations: the workbook's own 操作指示表 is offered first
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('操作指示表', { exact: true }).first().waitFor();
    await screenshot(page, 'bom-ops-sheet');

    // 3. run: progress, then the result
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForURL(/\/bom\/runs\/[0-9a-f-]{36}$/);
    await page.getByText('Progress').or(page.getByText('Result')).first().waitFor();
    await screenshot(page, 'bom-progress');
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    await page.getByText(`Changed rows (${expected.diff.length})`).waitFor();
    const firstChange = expected.diff[0];
    if (!firstChange) throw new Error('no diff');
    const firstRow = page
      .getByRole('row')
      .filter({ hasText: String(firstChange.materialCode) })
      .first();
    await firstRow.waitFor();
    for (const removed of firstChange.removed)
      expect(await firstRow.locator('del', { hasText: removed }).count()).toBe(1);
    for (const added of firstChange.added) expect(await firstRow.locator('ins', { hasText: added }).count()).toBe(1);
    await screenshot(page, 'bom-result');

    // the run's warnings: counted by kind at first, every one of them on request
    const warningCount = expected.summary.warningsTotal;
    expect(warningCount).toBeGreaterThan(5);
    const warningsBox = page.getByRole('alert').filter({ hasText: `Validation warnings (${warningCount})` });
    const warnings = warningsBox
      .getByRole('list', { name: `Validation warnings (${warningCount})` })
      .getByRole('listitem');
    expect(await warnings.count()).toBe(0);
    await warningsBox.getByRole('button', { name: `Show all ${warningCount}` }).click();
    await warnings.first().waitFor();
    expect(await warnings.first().getAttribute('aria-setsize')).toBe(String(warningCount));

    // the engine's notes and warnings are English on an English page: Chinese only as a workbook's sheet name or as a
    // column header in parentheses after its English name ("the top-side designators (A面位号)")
    const changeLog = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('columnheader', { name: /^(Note|说明)$/ }) });
    await changeLog.getByRole('cell').first().waitFor();
    expect([await chineseOn(changeLog), await chineseOn(warningsBox)]).toEqual([null, null]);
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('columnheader', { name: '说明' }).waitFor();
    expect(await chineseOn(changeLog)).not.toBeNull(); // the check can fail
    await screenshot(page, 'bom-result-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByRole('columnheader', { name: 'Note' }).waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the new BOM' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e-bom-新BOM.xlsx');
    const savedPath = join(work, 'downloaded.xlsx');
    await download.saveAs(savedPath);

    const actualCells = await readCells(readFileSync(savedPath));
    const expectedCells = await readCells(expected.workbook);
    expect(actualCells.has(NEW_BOM_SHEET_NAME)).toBe(true);
    expect(actualCells.has(CHANGE_LOG_SHEET_NAME)).toBe(true);
    expect(differingCells(actualCells, expectedCells)).toEqual([]);

    // the change log can be filtered by status, and the run is in the history
    await page.getByRole('link', { name: /Run history/ }).click();
    await page.getByRole('link', { name: 'e2e-bom.xlsx' }).first().waitFor();
    await screenshot(page, 'bom-history');
    await context.close();
  });

  it('keeps a diff of more than 5,000 changed rows light: only the rows in view are in the page', async () => {
    const fixture = generateBomWorkbook({ rows: 12_500, opsCount: 12_500, seed: 7 });
    const bomPath = join(work, 'large.xlsx');
    writeFileSync(bomPath, fixture.bom);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('large'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded large.xlsx').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 90_000 });

    const heading = await page.getByText(/^Changed rows \(\d+\)$/).textContent();
    const changed = Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
    expect(changed).toBeGreaterThan(5000);
    const diff = page.getByRole('table', { name: `Changed rows (${changed})` });
    const rendered = await diff.getByRole('row').count();
    expect(rendered).toBeLessThan(60);

    // scrolling to the end brings the last changed row in, still with only a window of rows in the page
    // the page itself scrolls (no inner box), and the header row stays at the top of the window on the way
    await diff.evaluate((element) => {
      const box = element.getBoundingClientRect();
      window.scrollTo({ top: box.top + window.scrollY + box.height / 2 });
    });
    await page.waitForFunction(() => document.querySelectorAll('[role="table"] [role="row"]').length > 2);
    const headerTop = await diff
      .getByRole('row')
      .first()
      .evaluate((row) => row.getBoundingClientRect().top);
    expect(Math.abs(headerTop)).toBeLessThan(2);
    expect(await diff.getByRole('row').first().textContent()).toContain('Material code');
    await viewportScreenshot(page, 'bom-large-diff-sticky');
    await diff.evaluate((element) => {
      const box = element.getBoundingClientRect();
      window.scrollTo({ top: box.bottom + window.scrollY - window.innerHeight });
    });
    await diff.locator(`[aria-rowindex="${changed + 1}"]`).waitFor();
    expect(await diff.getByRole('row').count()).toBeLessThan(60);
    await viewportScreenshot(page, 'bom-large-diff');

    // the change log's long notes wrap: no cell hides part of its text, none is cut at the card's edge
    const changeLog = page.locator('.ant-table').filter({ hasText: 'Note' });
    await changeLog.locator('.ant-table-tbody tr.ant-table-row td').first().waitFor();
    const cut = await changeLog
      .locator('.ant-table-tbody tr.ant-table-row td')
      .evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).length);
    expect(cut).toBe(0);
    await changeLog.scrollIntoViewIfNeeded();
    await viewportScreenshot(page, 'bom-large-change-log');
    await context.close();
  });

  it('edits operations online: ranges expand as typed, bad rows are named before anything runs', async () => {
    // Past the 100-row preview, so the editor's knowledge of the rows comes from bom.files.materialRows.
    const fixture = generateBomWorkbook({ rows: 150, opsCount: 5, seed: 3, opsSheet: false });
    const bomPath = join(work, 'online.xlsx');
    writeFileSync(bomPath, fixture.bom);

    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await registerByPhone(page, uniqueAccount('online'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded online.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    const target = fixture.rows.find((row) => row.designators !== '');
    if (!target) throw new Error('fixture has no designators');
    await chooseMaterialCode(page, 1, target.materialCode);
    await page.getByRole('textbox', { name: 'Row 1 Designators' }).fill('R1-R3, R2');
    await page.getByTestId('op-preview-0').filter({ hasText: '3 designators: R1, R2, R3' }).waitFor();
    await page.getByText('Written twice: R2').waitFor();

    // a row beyond the preview: its designators are known, so an add of one it has is flagged
    const rowsWithCode = (code: string | number) =>
      fixture.rows.filter((row) => String(row.materialCode) === String(code));
    const late = fixture.rows.find(
      (row) => row.rowNumber > 101 && row.designators !== '' && rowsWithCode(row.materialCode).length === 1,
    );
    if (!late) throw new Error('fixture has no unique material past row 101');
    const lateDesignator = late.designators.split(/[,\s]+/).find(Boolean)!;
    await chooseMaterialCode(page, 1, late.materialCode);
    await page.getByRole('combobox', { name: 'Row 1 Operation' }).click();
    await page.getByTitle('add', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Row 1 Designators' }).fill(lateDesignator);
    await page.getByText(`Already on that BOM row: ${lateDesignator}`).waitFor();
    await page.getByRole('combobox', { name: 'Row 1 Operation' }).click();
    await page.getByTitle('del', { exact: true }).click();

    await page.getByRole('textbox', { name: 'Row 1 Designators' }).fill('R5-R1');
    await page.getByText('1 row needs fixing').waitFor();
    await page.getByText('The range R5-R1 is not valid: it runs backwards').waitFor();
    expect(await page.getByRole('button', { name: 'Run' }).isDisabled()).toBe(true);
    // a row nobody has typed in yet is not an error: it is left out, like a blank row in a sheet
    await page.getByRole('button', { name: 'Add row' }).click();
    await page.getByRole('textbox', { name: 'Row 2 Designators' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Row 2 Designators' }).getAttribute('aria-invalid')).toBe('false');
    await page.getByText('1 row needs fixing').waitFor();
    await screenshot(page, 'bom-online-editor-phone');

    // a material on two rows: the editor offers them, and the pinned op changes that row only
    const twice = fixture.rows.find((row) => rowsWithCode(row.materialCode).length === 2 && row.designators !== '');
    if (!twice) throw new Error('fixture has no material on two rows');
    await chooseMaterialCode(page, 2, twice.materialCode);
    await page.getByText('This material is on 2 rows; pick one (or it will not run):').waitFor();
    await page.getByRole('button', { name: `row ${twice.rowNumber}`, exact: true }).click();
    await expect
      .poll(() => page.getByRole('spinbutton', { name: 'Row 2 BOM row' }).inputValue(), { timeout: 30_000 })
      .toBe(String(twice.rowNumber));
    const firstDesignator = twice.designators.split(/[,\s]+/).find(Boolean)!;
    await page.getByRole('textbox', { name: 'Row 2 Designators' }).fill(firstDesignator);
    await page.getByRole('button', { name: 'Remove row 1' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    const changed = page
      .getByRole('table', { name: 'Changed rows (1)' })
      .getByRole('row')
      .filter({ hasText: String(twice.materialCode) });
    await changed.first().waitFor();
    expect(await changed.first().textContent()).toContain(String(twice.rowNumber));
    expect(await changed.first().locator('del', { hasText: firstDesignator }).count()).toBe(1);
    await page.setViewportSize(DESKTOP);
    await context.close();
  });

  it('runs again from a finished run, with its ambiguous op pinned to one of its rows', async () => {
    const fixture = generateBomWorkbook({ rows: 300, opsCount: 25, seed: 7 });
    const bomPath = join(work, 'rerun.xlsx');
    writeFileSync(bomPath, fixture.bom);
    const first = applyOperations(fixture.bom, { kind: 'sheet' });
    expect(first.summary.counts.ambiguous).toBe(1);

    const { context, page } = await newDevice(browser);
    await registerByPhone(page, uniqueAccount('rerun'), PASSWORD);
    await page.goto('/bom/new');
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded rerun.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByText('Ambiguous: 1').waitFor({ timeout: 60_000 });
    const firstRunUrl = page.url();

    await page.getByRole('button', { name: 'Edit the operations and run again' }).click();
    const carried = first.log.filter((entry) => entry.op === 'add' || entry.op === 'del').length;
    await page
      .getByText(`The ${carried} operations of the run on "rerun.xlsx" are filled in`, { exact: false })
      .waitFor();
    // only the ambiguous op is unpinned on several rows, so the only row choices are its own
    await page.getByText(/This material is on \d+ rows; pick one/).waitFor();
    await page
      .getByRole('button', { name: /^row \d+$/ })
      .first()
      .click();
    await screenshot(page, 'bom-rerun-editor');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.waitForURL((url) => url.href !== firstRunUrl && /\/bom\/runs\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    expect(await page.getByText(/^Ambiguous: /).count()).toBe(0);

    // the upload is listed with the two runs that used it; deleting it keeps the runs
    await page.getByRole('menuitem', { name: 'Uploads' }).click();
    const upload = page.getByRole('row').filter({ hasText: 'rerun.xlsx' });
    await upload.waitFor();
    expect(await upload.getByRole('cell').allTextContents()).toContain('2');
    const [original] = await Promise.all([
      page.waitForEvent('download'),
      upload.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(original.suggestedFilename()).toBe('rerun.xlsx');
    await upload.getByRole('button', { name: 'Delete rerun.xlsx' }).click();
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByText('File deleted.').waitFor();
    await upload.waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: 'Run history' }).click();
    await expectCount(page.getByRole('link', { name: 'rerun.xlsx' }), 2);
    // the history shows how each run's operations ended: the first one had the ambiguous op
    await expectCount(page.getByRole('row').filter({ hasText: 'Ambiguous: 1' }), 1);
    await context.close();
  });
});
