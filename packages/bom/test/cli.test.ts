import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { generateBomWorkbook } from '../src/fixtures/index';
import { OP_STATUSES } from '../src/index';
import { readBook } from './helpers';

// each spawn starts tsx (about a second, more on a busy machine)
vi.setConfig({ testTimeout: 120_000 });

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '../src/cli.ts');
const repoRoot = resolve(here, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bom-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generated = generateBomWorkbook({ rows: 60, opsCount: 15, seed: 4 });
writeFileSync(join(work, 'bom.xlsx'), generated.bom);
writeFileSync(join(work, 'ops.xlsx'), generated.opsWorkbook);
writeFileSync(join(work, 'notes.txt'), 'not a workbook');

/** Runs the CLI the way `pnpm -s bom` does: from the repo root, with INIT_CWD set to where the user is. */
function bom(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, INIT_CWD: work },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bom apply', () => {
  it('writes the workbook and prints a one-line summary (exit 0), paths relative to the caller', async () => {
    const r = bom('apply', 'bom.xlsx', '--out', 'new.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(
      /^wrote new\.xlsx: \d+ ops \(applied \d+, partial \d+, unchanged \d+, not_found \d+, ambiguous \d+, invalid \d+\); \d+ rows changed/,
    );
    const wb = await readBook(new Uint8Array(readFileSync(join(work, 'new.xlsx'))));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '新BOM表', '变更日志']);
  });

  it('prints a JSON summary with --json and takes ops from --ops', () => {
    const r = bom('apply', 'bom.xlsx', '--ops', 'ops.xlsx', '--out', 'new2.xlsx', '--json');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(summary.counts as object)).toEqual([...OP_STATUSES]);
    expect(summary).toMatchObject({
      out: 'new2.xlsx',
      bomSheet: '原表',
      opsSheet: 'Sheet1',
      rowsChanged: expect.any(Number),
      warningsTotal: expect.any(Number),
    });
    expect(Array.isArray(summary.warnings)).toBe(true);
  });

  it('exits 1 with one line on stderr for unusable input and writes nothing', () => {
    for (const input of ['notes.txt', 'missing.xlsx']) {
      const r = bom('apply', input, '--out', 'bad.xlsx');
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(bom('apply', 'bom.xlsx', '--ops', 'notes.txt', '--out', 'bad.xlsx').stderr).toContain('not_xlsx');
    expect(existsSync(join(work, 'bad.xlsx'))).toBe(false);
  });

  it('exits 2 for usage errors', () => {
    expect(bom().code).toBe(2);
    expect(bom('frobnicate').code).toBe(2);
    expect(bom('apply', 'bom.xlsx').code).toBe(2);
    expect(bom('apply', '--out', 'x.xlsx').code).toBe(2);
    expect(bom('apply', 'bom.xlsx', '--out', 'x.xlsx', '--bogus').code).toBe(2);
    expect(bom('template').stderr).toContain('usage');
  });
});

describe('bom template and inspect', () => {
  it('writes a template', async () => {
    expect(bom('template', '--out', 't.xlsx').code).toBe(0);
    const wb = await readBook(new Uint8Array(readFileSync(join(work, 't.xlsx'))));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '说明']);
  });

  it('prints sheet, header row, column roles, row count and warnings', () => {
    const text = bom('inspect', 'bom.xlsx');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('sheet: 原表');
    expect(text.stdout).toContain('header row: 1');
    expect(text.stdout).toContain('designators=P (位号)');
    expect(text.stdout).toContain('data rows: 60');
    const json = JSON.parse(bom('inspect', 'bom.xlsx', '--json').stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      sheet: '原表',
      headerRow: 1,
      dataRowCount: 60,
      roles: { materialCode: { column: 'E', header: '对象标识' } },
    });
    expect(json).not.toHaveProperty('preview');
    expect(bom('inspect', 'notes.txt').code).toBe(1);
  });

  it('runs as `pnpm -s bom` from the repo root with paths relative to the caller', () => {
    const r = spawnSync('pnpm', ['--dir', repoRoot, '-s', 'bom', 'inspect', 'bom.xlsx', '--json'], {
      cwd: work,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sheet: '原表' });
  });
});
