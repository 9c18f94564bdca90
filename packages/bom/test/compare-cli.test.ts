import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { EXPECTED_REVISION_COMPARISON, generateBomWorkbook, revisionWorkbooks } from '../src/fixtures/index';
import { applyOperations, COMPARE_DETAIL_HEADERS, type BomComparison } from '../src/index';
import { plain, readBook, rowValues, sheet } from './helpers';

// a spawn starts pnpm and tsx (seconds on a busy machine)
vi.setConfig({ testTimeout: 120_000 });

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const work = mkdtempSync(join(tmpdir(), 'bom-compare-cli-'));
beforeAll(() => vi.stubEnv('INIT_CWD', work));
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(work, { recursive: true, force: true });
});

const revisions = revisionWorkbooks();
writeFileSync(join(work, 'old.xlsx'), revisions.old);
writeFileSync(join(work, 'new.xlsx'), revisions.new);
writeFileSync(join(work, 'notes.txt'), 'not a workbook');

/** The CLI's entry function in this process (no start-up cost): its exit code and output. */
function bom(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    return { code: main(args), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('bom compare', () => {
  it('prints the contract JSON through `pnpm --silent bom` and writes the diff workbook (exit 0)', () => {
    const r = spawnSync(
      'pnpm',
      ['--dir', repoRoot, '--silent', 'bom', 'compare', 'old.xlsx', 'new.xlsx', '--out', 'diff.xlsx', '--json'],
      { cwd: work, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as BomComparison;
    expect(json).toEqual(EXPECTED_REVISION_COMPARISON);
    // a changed row whose description changed says what it was, whatever else changed; no other row has the key
    expect(json.rows.filter((row) => 'oldDescription' in row)).toEqual([
      expect.objectContaining({ materialCode: '100', description: '电阻 0402', oldDescription: '电阻', newQty: 3 }),
      expect.objectContaining({ materialCode: '400', description: 'IC v2', oldDescription: 'IC', newQty: 1 }),
    ]);
    expect(existsSync(join(work, 'diff.xlsx'))).toBe(true);
  });

  it('writes 对比摘要 and 对比明细: counts, files, sheets, Chinese status words, colour per status, moves in 说明', async () => {
    expect(bom('compare', 'old.xlsx', 'new.xlsx', '--out', 'diff2.xlsx').code).toBe(0);
    const wb = await readBook(new Uint8Array(readFileSync(join(work, 'diff2.xlsx'))));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['对比摘要', '对比明细']);
    const summary = sheet(wb, '对比摘要');
    const pairs = Object.fromEntries(
      Array.from({ length: 11 }, (_, i) => [plain(summary.getCell(i + 2, 1)), plain(summary.getCell(i + 2, 2))]),
    );
    expect(pairs).toEqual({
      原文件: 'old.xlsx',
      新文件: 'new.xlsx',
      原工作表: '原表',
      新工作表: '原表',
      新增: 3,
      删除: 1,
      变更: 2,
      未变: 1,
      新增位号: 4,
      删除位号: 3,
      移动位号: 2,
    });
    expect(rowValues(summary, 15, 3)).toEqual(['C2', '200', '500']);

    const detail = sheet(wb, '对比明细');
    expect(rowValues(detail, 1, 11)).toEqual([...COMPARE_DETAIL_HEADERS]);
    expect(COMPARE_DETAIL_HEADERS).toEqual([
      '状态',
      '级别',
      '物料编码',
      '物料描述',
      '原用量',
      '新用量',
      '原BOM行',
      '新BOM行',
      '新增位号',
      '删除位号',
      '说明',
    ]);
    expect(rowValues(detail, 2, 10)).toEqual(['变更', 1, '100', '电阻 0402', 2, 3, 2, 2, 'R3', null]);
    expect(rowValues(detail, 3, 10)).toEqual(['删除', 1, '200', '电容', 3, null, 3, null, null, 'C1,C2,C3']);
    expect(rowValues(detail, 4, 10)).toEqual(['新增', 2, '500', '新电容', null, 2, null, 4, 'C2,C3', null]);
    expect(rowValues(detail, 6, 11)).toEqual(['变更', 2, '400', 'IC v2', 1, 1, 5, 6, null, null, '描述原为「IC」']);
    expect(detail.rowCount).toBe(EXPECTED_REVISION_COMPARISON.rows.length + 1);
    expect(plain(detail.getCell(2, 11))).toBe('用量 2 → 3；描述原为「电阻」');
    expect(plain(detail.getCell(3, 11))).toContain('位号 C2,C3 移至 500');
    expect(plain(detail.getCell(4, 11))).toContain('位号 C2,C3 移自 200');
    const fill = (row: number, col: number) => {
      const f = detail.getCell(row, col).fill;
      return f?.type === 'pattern' ? f.fgColor?.argb : undefined;
    };
    const colours = [2, 3, 4].map((row) => fill(row, 1));
    expect(new Set(colours).size).toBe(3);
    for (const row of [2, 3, 4]) for (const col of [3, 11]) expect(fill(row, col)).toBe(fill(row, 1));
    expect(colours).toEqual(['FFFFEB9C', 'FFFFC7CE', 'FFC6EFCE']);
  });

  it('exits 0 with no differences and prints a one-line summary', () => {
    const r = bom('compare', 'old.xlsx', 'old.xlsx', '--out', 'same.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote same\.xlsx: 原表 → 原表; added 0, removed 0, changed 0, unchanged 4;/);
  });

  it('compares an Arya result on 新BOM表, and --sheet picks another sheet in both', () => {
    const generated = generateBomWorkbook({ rows: 80, opsCount: 20, seed: 3 });
    writeFileSync(join(work, 'input.xlsx'), generated.bom);
    writeFileSync(join(work, 'result.xlsx'), applyOperations(generated.bom, { kind: 'sheet' }).workbook);
    const changed = JSON.parse(bom('compare', 'input.xlsx', 'result.xlsx', '--out', 'd.xlsx', '--json').stdout);
    expect(changed.summary.changed).toBeGreaterThan(0);
    const same = bom('compare', 'input.xlsx', 'result.xlsx', '--out', 'd.xlsx', '--json', '--sheet', '原表');
    expect(JSON.parse(same.stdout).rows).toEqual([]);
  });

  it('exits 2 on bad input with a message naming the file, and writes nothing', () => {
    for (const [args, message] of [
      [['notes.txt', 'new.xlsx'], /^bom: notes\.txt: .*\[not_xlsx\]$/],
      [['old.xlsx', 'missing.xlsx'], /^bom: cannot read missing\.xlsx/],
      [['old.xlsx', 'new.xlsx', '--sheet', 'Nope'], /^bom: old\.xlsx: The workbook has no sheet "Nope".*\[no_sheet\]$/],
    ] as const) {
      const r = bom('compare', ...args, '--out', 'bad.xlsx');
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(work, 'bad.xlsx'))).toBe(false);
  });

  it('exits 2 for usage errors with the usage line, and shows its help', () => {
    for (const args of [['old.xlsx'], ['old.xlsx', 'new.xlsx'], ['a', 'b', 'c', '--out', 'x.xlsx'], ['--bogus']]) {
      const r = bom('compare', ...args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain('usage: bom compare OLD.xlsx NEW.xlsx --out DIFF.xlsx [--json] [--sheet NAME]');
    }
    const help = bom('compare', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: bom compare/);
    expect(bom('--help').stdout).toMatch(/^ {2}compare /m);
  });
});
