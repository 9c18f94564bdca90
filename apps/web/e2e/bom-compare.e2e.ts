import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyOperations, COMPARE_DETAIL_SHEET_NAME, COMPARE_SUMMARY_SHEET_NAME } from '@arya/bom';
import {
  EXPECTED_REVISION_COMPARISON,
  generateBomWorkbook,
  NEW_REVISION_ROWS,
  revisionWorkbooks,
} from '@arya/bom/fixtures';
import { DESKTOP, launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { registerByPhone, signInWithPassword } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-compare-'));
const OLD_NAME = 'rev-a.xlsx';
const NEW_NAME = 'rev-b.xlsx';
const { summary } = EXPECTED_REVISION_COMPARISON;

let browser: Browser;
let account: string;

/** Uploads a workbook with the compare screen's own upload box and waits until the server has it. */
async function uploadOnCompare(page: Page, path: string, name: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles(path);
  await page.getByText(`Uploaded ${name}`).waitFor();
}

/** Picks an upload by typing its name into the searchable list and taking the first match with the keyboard. */
async function pickUpload(page: Page, side: 'Old revision' | 'New revision', name: string): Promise<void> {
  const box = page.getByRole('combobox', { name: side });
  await box.fill(name);
  await page.locator('.ant-select-item-option-active').filter({ hasText: name }).waitFor();
  await box.press('Enter');
  await page.locator('.ant-select').filter({ has: box }).filter({ hasText: name }).waitFor();
}

/** The number under a summary statistic, by its title. */
async function statistic(page: Page, title: string): Promise<string> {
  const item = page
    .getByTestId('compare-summary')
    .locator('.ant-statistic')
    .filter({ has: page.getByText(title, { exact: true }) });
  return (await item.locator('.ant-statistic-content-value').textContent()) ?? '';
}

const tableRows = (page: Page) => page.getByTestId('compare-rows').getByRole('row');

async function expectRowCount(page: Page, count: number): Promise<void> {
  await page
    .getByTestId('compare-shown')
    .filter({ hasText: `Rows shown: ${count} /` })
    .waitFor();
  expect(await tableRows(page).count()).toBe(count);
}

/**
 * The screen's own words are English: no Chinese character and no raw catalogue key outside the data it shows
 * (descriptions, sheet names and file names come from the workbooks as written).
 */
async function expectEnglishOnly(page: Page, data: readonly string[]): Promise<void> {
  let text = await page.locator('body').innerText();
  // the language switch names the other language in that language
  for (const value of [...data, '中文']) text = text.replaceAll(value, '');
  expect(text.match(/\p{Script=Han}+/gu) ?? []).toEqual([]);
  expect(text.match(/\b(?:compare|whereUsed|bom|nav|app)\.[a-z][\w.]*/g) ?? []).toEqual([]);
}

/**
 * Chinese texts of the revision fixture (descriptions), the sheet both revisions keep their BOM on, and the result
 * sheet the sheet field names as its default (sheet names are the workbook's words, in every language).
 */
const REVISION_DATA = [
  ...new Set(
    NEW_REVISION_ROWS.map((row) => row[2])
      .filter((value): value is string => typeof value === 'string')
      .concat(['电阻', '电容', '电感', '原表', '新BOM表']),
  ),
].toSorted((a, b) => b.length - a.length);

async function signedIn(): Promise<{ context: BrowserContext; page: Page }> {
  const device = await newDevice(browser);
  await signInWithPassword(device.page, account, PASSWORD);
  return device;
}

beforeAll(async () => {
  browser = await launchBrowser();
  const revisions = revisionWorkbooks();
  writeFileSync(join(work, OLD_NAME), revisions.old);
  writeFileSync(join(work, NEW_NAME), revisions.new);

  // one user who uploads the two revisions from the compare screen, which has nothing to offer before that
  account = uniqueAccount('compare');
  const { context, page } = await newDevice(browser);
  await registerByPhone(page, account, PASSWORD);
  await page.getByRole('menuitem', { name: 'Compare' }).click();
  await page.waitForURL('**/bom/compare');
  await page.getByText('No BOMs uploaded yet. Upload two revisions, then compare them.').waitFor();
  await screenshot(page, 'compare-empty-en');
  await page.getByRole('button', { name: 'Upload a BOM' }).click();
  await uploadOnCompare(page, join(work, OLD_NAME), OLD_NAME);
  await uploadOnCompare(page, join(work, NEW_NAME), NEW_NAME);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
});

describe('对比: two BOM revisions compared in the browser', () => {
  it('shows counts and the move, filters the table, keeps the comparison on reload, downloads the diff', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('menuitem', { name: 'Compare' }).click();
    await pickUpload(page, 'Old revision', OLD_NAME);
    await pickUpload(page, 'New revision', NEW_NAME);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForURL(/\/bom\/compare\?old=[0-9a-f-]{36}&new=[0-9a-f-]{36}$/);

    await page.getByText(`${OLD_NAME} → ${NEW_NAME}`).waitFor();
    expect(
      await Promise.all(
        [
          'Added',
          'Removed',
          'Changed',
          'Unchanged',
          'Designators added',
          'Designators removed',
          'Designators moved',
        ].map((title) => statistic(page, title)),
      ),
    ).toEqual(
      [
        summary.added,
        summary.removed,
        summary.changed,
        summary.unchanged,
        summary.designatorsAdded,
        summary.designatorsRemoved,
        summary.moved,
      ].map(String),
    );
    await expectRowCount(page, EXPECTED_REVISION_COMPARISON.rows.length);

    // the move: listed once, and both rows it touches say where their designators went
    const moves = page.getByRole('list', { name: 'Moved designators' }).getByRole('listitem');
    expect(await moves.allTextContents()).toEqual(['200 → 500: C2, C3']);
    const removedRow = tableRows(page).filter({ hasText: 'Removed' });
    const moved = async (row: typeof removedRow) =>
      (await row.getByTestId('moved-designator').allTextContents()).map((text) => text.trim());
    expect(await moved(removedRow)).toEqual(['moved to 500', 'moved to 500']);
    const movedIn = tableRows(page).filter({ hasText: 'C2' }).filter({ hasText: 'Added' });
    expect(await moved(movedIn)).toEqual(['moved from 200', 'moved from 200']);
    await screenshot(page, 'compare-en');

    // filters: status, moves, material code, designators, one move group
    const status = page.getByRole('radiogroup', { name: 'Filter by status' });
    await status.getByText(`Added ${summary.added}`).click();
    await expectRowCount(page, summary.added);
    await status.getByText('With moves 2').click();
    await expectRowCount(page, 2);
    await status.getByText(`All ${EXPECTED_REVISION_COMPARISON.rows.length}`).click();
    await page.getByRole('textbox', { name: 'Search material code' }).fill('60');
    await expectRowCount(page, 1);
    expect(await tableRows(page).first().textContent()).toContain('外壳');
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await page.getByRole('textbox', { name: 'Search designators (e.g. C2, R10)' }).fill('c9');
    await expectRowCount(page, 1);
    await page.getByRole('textbox', { name: 'Search designators (e.g. C2, R10)' }).fill('R99');
    await page.getByText('No rows match the filters').waitFor();
    await screenshot(page, 'compare-no-match-en');
    await page.getByRole('button', { name: 'Clear filters' }).last().click();
    await moves.first().click();
    await page.getByText('Move 200 → 500').waitFor();
    await expectRowCount(page, 2);
    await screenshot(page, 'compare-move-filter-en');

    // the URL is the comparison: a reload shows it again
    await page.reload();
    await page.getByText(`${OLD_NAME} → ${NEW_NAME}`).waitFor();
    await expectRowCount(page, EXPECTED_REVISION_COMPARISON.rows.length);
    await expectEnglishOnly(page, [...REVISION_DATA]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the diff workbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('rev-a-对比-rev-b.xlsx');
    const saved = join(work, 'diff.xlsx');
    await download.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(saved) as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual([COMPARE_SUMMARY_SHEET_NAME, COMPARE_DETAIL_SHEET_NAME]);
    expect(['对比摘要', '对比明细']).toEqual([COMPARE_SUMMARY_SHEET_NAME, COMPARE_DETAIL_SHEET_NAME]);
    expect(book.getWorksheet(COMPARE_DETAIL_SHEET_NAME)?.rowCount).toBe(EXPECTED_REVISION_COMPARISON.rows.length + 1);

    // on a phone: the table sheds columns and nothing scrolls sideways
    await page.setViewportSize(PHONE);
    await page.reload();
    await tableRows(page).filter({ hasText: 'Level 3' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'compare-phone-en');
    await page.setViewportSize(DESKTOP);

    // in Chinese
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '下载对比工作簿' }).waitFor();
    await page.getByText('移动的位号').waitFor();
    await screenshot(page, 'compare-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await context.close();
  });

  it('says which fields a changed row changed in and what the description was (en and zh)', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('menuitem', { name: 'Compare' }).click();
    await pickUpload(page, 'Old revision', OLD_NAME);
    await pickUpload(page, 'New revision', NEW_NAME);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await expectRowCount(page, EXPECTED_REVISION_COMPARISON.rows.length);
    // 400 went from "IC" to "IC v2" and nothing else; 100 gained a unit, R3 and a longer description
    const fieldsOf = (text: string) => tableRows(page).filter({ hasText: text }).getByTestId('changed-fields');
    const descriptionOf = (text: string) => tableRows(page).filter({ hasText: text }).getByTestId('description-change');
    expect(await fieldsOf('IC v2').textContent()).toBe('Description');
    expect(await fieldsOf('R3').textContent()).toBe('Quantity · Designators · Description');
    // only changed rows carry the line
    expect(await page.getByTestId('changed-fields').count()).toBe(summary.changed);
    // the description column shows old → new where the description changed, and only there
    expect(await descriptionOf('IC v2').textContent()).toBe('IC → IC v2');
    expect(await descriptionOf('IC v2').getAttribute('title')).toBe('Description: IC → IC v2');
    expect(await descriptionOf('R3').textContent()).toBe('电阻 → 电阻 0402');
    expect(await page.getByTestId('description-change').count()).toBe(2);
    expect(await tableRows(page).filter({ hasText: '外壳' }).textContent()).not.toContain('→ 外壳');
    await screenshot(page, 'compare-changed-fields-en');
    // on a phone too, and never broken inside a word ("Descriptio" / "n")
    await page.setViewportSize(PHONE);
    // the description leaves the table on a phone: 400 is the row on level 2 with quantity 1
    const descriptionOnly = fieldsOf('Level 2 · Quantity 1');
    expect(await descriptionOnly.textContent()).toBe('Description');
    const lines = await descriptionOnly.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    // the description column is left out on a phone: a changed description goes under the material code
    expect(await descriptionOf('Level 2 · Quantity 1').textContent()).toBe('Description: IC → IC v2');
    expect(await descriptionOf('R3').textContent()).toBe('Description: 电阻 → 电阻 0402');
    expect(await page.getByTestId('description-change').count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'compare-changed-description-phone-en');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '下载对比工作簿' }).waitFor();
    expect(await fieldsOf('IC v2').textContent()).toBe('描述');
    expect(await fieldsOf('R3').textContent()).toBe('用量 · 位号 · 描述');
    // three fields take lines in the narrow status column, each field on one line (never 描 / 述)
    const brokenFields = await fieldsOf('R3').evaluate((element) =>
      [...element.querySelectorAll('span')]
        .filter((span) => {
          const range = document.createRange();
          range.selectNodeContents(span);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
        })
        .map((span) => span.textContent),
    );
    expect(brokenFields).toEqual([]);
    expect(await descriptionOf('IC v2').getAttribute('title')).toBe('描述：IC → IC v2');
    await screenshot(page, 'compare-changed-fields-zh');
    await page.setViewportSize(PHONE);
    // the level and quantity line exists on a phone only: the table has changed layout once it is there
    expect(await descriptionOf('级别 2 · 用量 1').textContent()).toBe('描述：IC → IC v2');
    expect(await descriptionOf('R3').textContent()).toBe('描述：电阻 → 电阻 0402');
    // the menu folds away with an animation: the picture is of the page once it has
    await page.waitForFunction(() => document.querySelector('.ant-layout-sider')?.getBoundingClientRect().width === 0);
    await screenshot(page, 'compare-changed-description-phone-zh');
    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: '切换到英文' }).click();
    await context.close();
  });

  it('says what is wrong with a comparison and offers the way out', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('menuitem', { name: 'Compare' }).click();
    await pickUpload(page, 'Old revision', OLD_NAME);
    await pickUpload(page, 'New revision', NEW_NAME);
    await page.getByRole('combobox', { name: 'Sheet (optional)' }).fill('明细');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: `Cannot compare "${OLD_NAME}"` });
    await refusal.filter({ hasText: 'The workbook has no sheet "明细" (it has: 原表)' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    await screenshot(page, 'compare-error-en');
    await refusal.getByRole('button', { name: 'Try without the sheet' }).click();
    await page.waitForURL((url) => !url.search.includes('sheet='));
    await page.getByText(`${OLD_NAME} → ${NEW_NAME}`).waitFor();

    // an id that is no upload of this user: told so, and sent back to picking
    await page.goto('/bom/compare?old=00000000-0000-4000-8000-000000000000&new=00000000-0000-4000-8000-000000000001');
    const missing = page.getByRole('alert');
    await missing.waitFor();
    await missing.getByRole('button', { name: 'Pick other files' }).click();
    await page.waitForURL((url) => url.pathname === '/bom/compare' && url.search === '');
    await page.getByText('Pick the old and the new revision, then Compare.').waitFor();
    await context.close();
  });
});

describe('物料反查: where a material is used', () => {
  it('finds both uploads newest first, links to them, their runs, comparison; says when none uses a code', async () => {
    const { context, page } = await signedIn();
    await page.getByRole('menuitem', { name: 'Where used' }).click();
    await page.waitForURL('**/bom/where-used');
    await page.getByText('Enter a material code to find the uploaded BOMs that use it, newest first.').waitFor();
    const search = page.getByRole('searchbox', { name: 'Material code' });
    await search.fill('100');
    await search.press('Enter');
    await page.waitForURL('**/bom/where-used?code=100');
    await page.getByTestId('where-used-found').filter({ hasText: 'Uploads using "100": 2' }).waitFor();
    const results = page.getByRole('row').filter({ has: page.getByRole('link', { name: /^rev-/ }) });
    expect(await results.getByRole('link', { name: /^rev-/ }).allTextContents()).toEqual([NEW_NAME, OLD_NAME]);
    expect(await results.first().textContent()).toContain('Row 2 · Level 1 · Quantity 3 · R1, R2, R3');
    expect(await results.last().textContent()).toContain('Row 2 · Level 1 · Quantity 2 · R1, R2');
    await screenshot(page, 'where-used-en');
    await expectEnglishOnly(page, []);

    // the upload itself
    await results.first().getByRole('link', { name: NEW_NAME }).click();
    await page.waitForURL(/\/bom\/files\?file=[0-9a-f-]{36}$/);
    await page
      .locator('.ant-tag')
      .filter({ hasText: `File: ${NEW_NAME}` })
      .waitFor();
    expect(await page.getByRole('row').filter({ hasText: '.xlsx' }).count()).toBe(1);
    await page.goBack();
    // its runs (none yet)
    await results.first().getByRole('link', { name: 'Runs (0)' }).click();
    await page.waitForURL(/\/bom\/runs\?file=[0-9a-f-]{36}$/);
    await page
      .locator('.ant-tag')
      .filter({ hasText: `BOM file: ${NEW_NAME}` })
      .waitFor();
    await page.getByText('No runs yet').waitFor();
    await page.goBack();
    // the comparison with the upload before it
    await results.first().getByRole('link', { name: 'Compare with the earlier upload' }).click();
    await page.waitForURL(/\/bom\/compare\?old=[0-9a-f-]{36}&new=[0-9a-f-]{36}$/);
    await page.getByText(`${OLD_NAME} → ${NEW_NAME}`).waitFor();
    expect(await statistic(page, 'Added')).toBe(String(summary.added));

    // a code on two levels of one upload: each occurrence
    await page.goto('/bom/where-used?code=500');
    await page.getByTestId('where-used-found').filter({ hasText: 'Uploads using "500": 1' }).waitFor();
    const only = page.getByRole('row').filter({ hasText: NEW_NAME });
    expect(await only.textContent()).toContain('Row 4 · Level 2 · Quantity 2 · C2, C3');
    expect(await only.textContent()).toContain('Row 5 · Level 3 · Quantity 1 · C9');
    expect(await only.getByRole('link', { name: 'Compare it with…' }).count()).toBe(1);

    await page.goto('/bom/where-used?code=NOPE-404');
    await page.getByText('No uploaded BOM uses material "NOPE-404".').waitFor();
    await page.getByText('Only your own uploads are searched; administrators search everyone’s.').waitFor();
    await screenshot(page, 'where-used-none-en');

    await page.goto('/bom/where-used?code=100');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('使用物料「100」的上传：2').waitFor();
    await screenshot(page, 'where-used-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();
    await context.close();
  });
});

describe('an admin', () => {
  it("finds and compares anyone's uploads, named with their uploader", async () => {
    const admin = inject('admin');
    const { context, page } = await newDevice(browser);
    await signInWithPassword(page, admin.account, admin.password);
    await page.goto('/bom/where-used?code=500');
    const theirs = page.getByRole('row').filter({ hasText: NEW_NAME }).filter({ hasText: account });
    await theirs.waitFor();
    expect(await page.getByText('Only your own uploads are searched').count()).toBe(0);
    await page.getByRole('menuitem', { name: 'Compare' }).click();
    await page.getByRole('combobox', { name: 'Old revision' }).fill(OLD_NAME);
    await page.locator('.ant-select-item-option').filter({ hasText: account }).filter({ hasText: OLD_NAME }).waitFor();
    await context.close();
  });
});

describe('与原表对比: a run compared with its input', () => {
  it("opens from the run page, shows just the rows the run changed, lists the run under the file's runs", async () => {
    const fixture = generateBomWorkbook({ rows: 150, opsCount: 20, seed: 15 });
    const expected = applyOperations(fixture.bom, { kind: 'sheet' });
    const changed = expected.diff.filter((d) => d.added.length + d.removed.length > 0).length;
    expect(changed).toBeGreaterThan(2);
    const bomPath = join(work, 'run-input.xlsx');
    writeFileSync(bomPath, fixture.bom);

    const { context, page } = await signedIn();
    await page.getByRole('menuitem', { name: 'New run' }).click();
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('Uploaded run-input.xlsx').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Download the new BOM' }).waitFor({ timeout: 60_000 });
    const runUrl = new URL(page.url());

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '与原表对比' }).click();
    await page.waitForURL(/\/bom\/compare\?run=[0-9a-f-]{36}$/);
    await page.getByText('运行「run-input.xlsx」：原表 → 新BOM表').waitFor();
    await page.getByRole('button', { name: '切换到英文' }).click();
    await page.getByText('Run on "run-input.xlsx": its input → its result').waitFor();
    expect(await statistic(page, 'Changed')).toBe(String(changed));
    expect([await statistic(page, 'Added'), await statistic(page, 'Removed')]).toEqual(['0', '0']);
    await expectRowCount(page, changed);
    await screenshot(page, 'compare-run-en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the diff workbook' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('run-input-对比.xlsx');
    await page.getByRole('link', { name: 'Open the run' }).click();
    await page.waitForURL(runUrl.pathname);

    // where-used → the file's runs lists this run
    const code = String(fixture.rows.find((row) => typeof row.materialCode === 'number')?.materialCode);
    await page.goto(`/bom/where-used?code=${code}`);
    const result = page.getByRole('row').filter({ hasText: 'run-input.xlsx' });
    await result.getByRole('link', { name: 'Runs (1)' }).click();
    await page.waitForURL(/\/bom\/runs\?file=[0-9a-f-]{36}$/);
    // the runs page itself: while its lazy chunk loads, where-used (with its own run-input.xlsx link) stays on screen
    await page.locator('.ant-tag').filter({ hasText: 'BOM file: run-input.xlsx' }).waitFor();
    await page.getByRole('link', { name: 'run-input.xlsx' }).click();
    await page.waitForURL(runUrl.pathname);
    await context.close();
  });
});
