import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { launchBrowser, newDevice, screenshot, uniqueAccount } from './browser';
import { registerByPhone } from './flows';

const PASSWORD = 'Ample-Orchard-42';
const work = mkdtempSync(join(tmpdir(), 'arya-e2e-progress-'));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What the run's progress bar showed at one animation frame. */
interface ProgressSample {
  valueNow: number;
  label: string;
  /** Width of the fill as a percentage of the bar's width. */
  fillPercent: number;
}

declare global {
  interface Window {
    progressSamples?: ProgressSample[];
  }
}

describe('run progress', () => {
  it('only moves forwards, and the fill matches the number beside it at every frame', async () => {
    const fixture = generateBomWorkbook({ rows: 8000, opsCount: 4000, seed: 11 });
    const bomPath = join(work, 'progress.xlsx');
    writeFileSync(bomPath, fixture.bom);

    const { context, page } = await newDevice(browser);
    // Samples the run's bar (not the upload's) every frame from the first page on; the app navigates in-page.
    await context.addInitScript(() => {
      window.progressSamples = [];
      const sample = () => {
        const bar = document.querySelector('[role="progressbar"][aria-label="运行进度"]');
        const rail = bar?.querySelector('.ant-progress-rail');
        const fill = bar?.querySelector('.ant-progress-track');
        if (bar && rail && fill) {
          window.progressSamples?.push({
            valueNow: Number(bar.getAttribute('aria-valuenow')),
            label: bar.querySelector('.ant-progress-indicator')?.textContent ?? '',
            fillPercent: (fill.getBoundingClientRect().width / rail.getBoundingClientRect().width) * 100,
          });
        }
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await registerByPhone(page, uniqueAccount('progress'), PASSWORD);
    // In Chinese from here on (the default language): switched in the page, so no reload brings English back.
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('menuitem', { name: '新建变更' }).click();
    await page.locator('input[type=file]').setInputFiles(bomPath);
    await page.getByText('已上传 progress.xlsx').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('button', { name: '开始运行' }).click();
    await page.getByRole('progressbar', { name: '运行进度' }).waitFor();
    await screenshot(page, 'bom-progress-zh');
    await page.getByRole('button', { name: '下载新 BOM' }).waitFor({ timeout: 90_000 });

    const samples = await page.evaluate(() => window.progressSamples ?? []);
    expect(samples.length).toBeGreaterThan(0);
    const values = samples.map((sample) => sample.valueNow);
    // the bar was watched while it moved, not only at its end
    expect(new Set(values).size).toBeGreaterThanOrEqual(3);
    expect(values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0))).toBe(true);
    for (const sample of samples) {
      expect(sample.label).toBe(`${sample.valueNow}%`);
      expect(Math.abs(sample.fillPercent - sample.valueNow)).toBeLessThan(1);
    }
    await context.close();
  });
});
