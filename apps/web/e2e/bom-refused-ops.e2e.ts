import ExcelJS from 'exceljs';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpsWorkbook, generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, PHONE, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MISSING_COLUMN = 'missing the required column';
const RUN_OFF = 'Run is off: this operations workbook cannot be read.';

// A BOM without a 操作指示表, an operations workbook without its 操作类型 column (the upload reads it, as a table of
// materials and designators; the run cannot, as it names no operation) and one that reads.
const generated = generateBomWorkbook({ rows: 30, opsCount: 0, opsSheet: false, seed: 11 });
const row = generated.rows.find((candidate) => /^[A-Z]+\d+/.test(candidate.designators));
if (!row) throw new Error('the generated BOM has no row with designators');
const goodOps = buildOpsWorkbook([
  { level: row.level, materialCode: row.materialCode, op: 'del', designators: /^[A-Z]+\d+/.exec(row.designators)![0] },
]);

async function opsWithoutOpColumn(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Sheet1');
  sheet.addRow(['级别', '物料编码', '备注', '位号']);
  sheet.addRow([row!.level, row!.materialCode, '', /^[A-Z]+\d+/.exec(row!.designators)![0]]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function uploadOps(page: Page, name: string, buffer: Buffer): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer });
}

/** Signs up, uploads the BOM, and at step 2 uploads the operations workbook without a 操作类型 column. */
async function toStep2WithRefusedOps(page: Page, prefix: string, beforeOps = (): void => {}): Promise<void> {
  await registerByPhone(page, uniqueAccount(prefix), PASSWORD);
  await page.goto('/bom/new');
  await uploadOps(page, 'bom.xlsx', Buffer.from(generated.bom));
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Upload an operations sheet').click();
  beforeOps();
  await uploadOps(page, 'no-op-column.xlsx', await opsWithoutOpColumn());
  await page.getByText('Uploaded no-op-column.xlsx').waitFor();
  await page.getByRole('alert').filter({ hasText: MISSING_COLUMN }).waitFor();
}

const runButton = (page: Page, name = 'Run') => page.getByRole('button', { name, exact: true });

describe('an operations workbook the run cannot read, at step 2 of a new run', () => {
  it('turns Run off with the reason beside it, and on again for another workbook or source', async () => {
    const { context, page } = await newDevice(browser);
    await toStep2WithRefusedOps(page, 'opsrefused');
    await page.getByText(RUN_OFF).waitFor();
    expect(await runButton(page).isDisabled()).toBe(true);
    await screenshot(page, 'bom-refused-ops-step2-en');

    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('无法读取这个操作文件，不能运行').waitFor();
    expect(await runButton(page, '开始运行').isDisabled()).toBe(true);
    await screenshot(page, 'bom-refused-ops-step2-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();

    // another source: the refusal belongs to the uploaded workbook only
    await page.getByText('Edit online').click();
    expect(await page.getByText(RUN_OFF).count()).toBe(0);
    await page.getByText('Upload an operations sheet').click();
    await page.getByText(RUN_OFF).waitFor();

    // a workbook that reads (skipped ops or not) lets the run start
    await uploadOps(page, 'ops.xlsx', Buffer.from(goodOps));
    await page.getByText('No validation warnings').waitFor();
    await expect.poll(() => runButton(page).isEnabled()).toBe(true);
    expect(await page.getByText(RUN_OFF).count()).toBe(0);
    await context.close();
  });

  it('fits a phone, in English and Chinese', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await toStep2WithRefusedOps(page, 'opsrefusedphone');
    await page.getByText(RUN_OFF).waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-refused-ops-step2-phone-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByText('无法读取这个操作文件，不能运行').waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-refused-ops-step2-phone-zh');
    await context.close();
  });
});

/**
 * A run that failed (its operations workbook has no 操作类型 column), started through the API as an older page or a
 * script could: the wizard no longer offers Run for that workbook.
 */
async function failedRun(page: Page, prefix: string): Promise<string> {
  let dryRun: Promise<Request> | undefined;
  await toStep2WithRefusedOps(page, prefix, () => {
    dryRun = page.waitForRequest((request) => request.url().includes('bom.files.dryRun'));
  });
  const request = await dryRun!;
  const input = JSON.parse(new URL(request.url()).searchParams.get('input') ?? '{}') as Record<
    string,
    { bomFileId: string; opsFileId: string }
  >;
  const files = input['0'];
  if (!files) throw new Error(`no dry-run input in ${request.url()}`);
  const created = await page.request.post('/trpc/bom.runs.create', {
    headers: { authorization: (await request.allHeaders()).authorization ?? '' },
    data: files,
  });
  expect(created.status()).toBe(200);
  const { result } = (await created.json()) as { result: { data: { runId: string } } };
  await page.goto(`/bom/runs/${result.data.runId}`);
  await page.getByText('The run failed').waitFor();
  return result.data.runId;
}

describe('a failed run', () => {
  it('offers the next step: edit the operations and run again, or a new run', async () => {
    const { context, page } = await newDevice(browser);
    const runId = await failedRun(page, 'runfailed');
    const failure = page.getByRole('alert').filter({ hasText: 'The run failed' });
    await failure.getByText(MISSING_COLUMN).waitFor();
    await failure.getByRole('button', { name: 'New run' }).waitFor();
    await screenshot(page, 'bom-run-failed-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '修改操作后重新运行' }).waitFor();
    await page.getByRole('button', { name: '新建变更' }).last().waitFor();
    await screenshot(page, 'bom-run-failed-zh');
    await page.getByRole('button', { name: '切换到英文' }).click();

    await failure.getByRole('button', { name: 'Edit the operations and run again' }).click();
    await page.waitForURL(`**/bom/new?from=${runId}`);
    // step 2 on the same BOM file, where another operations source can be chosen
    await page.getByText('Upload an operations sheet').waitFor();
    // the failed run logged no operation: no "The 0 operations of the run …" note
    expect(await page.getByText('of the run on').count()).toBe(0);
    await page.goto(`/bom/runs/${runId}`);
    await failure.getByRole('button', { name: 'New run' }).click();
    await page.waitForURL('**/bom/new');
    await context.close();
  });

  it('fits a phone, in English and Chinese', async () => {
    const { context, page } = await newDevice(browser, { viewport: PHONE });
    await failedRun(page, 'runfailedphone');
    await page.getByRole('button', { name: 'Edit the operations and run again' }).waitFor();
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-run-failed-phone-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '修改操作后重新运行' }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'bom-run-failed-phone-zh');
    await context.close();
  });
});
