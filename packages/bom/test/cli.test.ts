import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { generateBomWorkbook } from '../src/fixtures/index';
import { OP_STATUSES } from '../src/index';
import { logRows, readBook } from './helpers';

// the first spawn may build the bundle; a busy machine makes every spawn slow
vi.setConfig({ testTimeout: 120_000 });

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '../bin/bom.cjs');
const repoRoot = resolve(here, '../../..');
const work = mkdtempSync(join(tmpdir(), 'bom-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const generated = generateBomWorkbook({ rows: 60, opsCount: 15, seed: 4 });
writeFileSync(join(work, 'bom.xlsx'), generated.bom);
writeFileSync(join(work, 'ops.xlsx'), generated.opsWorkbook);
writeFileSync(join(work, 'notes.txt'), 'not a workbook');

/**
 * Runs the CLI the way `pnpm -s bom` does: the bundled bin, from the repo root, with INIT_CWD set to where the user is.
 */
function bom(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
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
      new RegExp(
        String.raw`^wrote new\.xlsx: \d+ ops \(applied \d+, partial \d+, unchanged \d+, not_found \d+, ` +
          String.raw`ambiguous \d+, invalid \d+\); \d+ rows changed`,
      ),
    );
    const wb = await readBook(new Uint8Array(readFileSync(join(work, 'new.xlsx'))));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '新BOM表', '变更日志', '校验警告']);
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
    // one through a real process (the exit code), the rest in this process (quick on a busy machine)
    expect(bom('frobnicate').code).toBe(2);
    expect(inProcess().code).toBe(2);
    expect(inProcess('apply', 'bom.xlsx').code).toBe(2);
    expect(inProcess('apply', '--out', 'x.xlsx').code).toBe(2);
    expect(inProcess('apply', 'bom.xlsx', '--out', 'x.xlsx', '--bogus').code).toBe(2);
    expect(inProcess('template').stderr).toContain('usage');
  });
});

/** Runs the CLI's entry function in this process (no start-up cost); returns its exit code and output. */
function inProcess(...args: string[]) {
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

describe('bom --help (issue 12.15)', () => {
  it('prints the commands and exits 0 for --help, -h and help, on stdout', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = inProcess(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^usage: bom <command>/);
      for (const command of ['apply', 'template', 'inspect'])
        expect(r.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
      expect(r.stdout).toContain('pnpm --silent bom');
    }
  });

  it.each([
    [
      'apply',
      /^usage: bom apply BOM\.xlsx \[--ops OPS\.xlsx\] --out NEW\.xlsx/,
      ['--ops', '--out', '--lang', '--json'],
    ],
    ['template', /^usage: bom template --out T\.xlsx/, ['--out']],
    ['inspect', /^usage: bom inspect BOM\.xlsx/, ['--lang', '--json']],
  ])('prints %s’s own help and exits 0 for --help, -h, help and `bom help <command>`', (command, usage, options) => {
    for (const args of [
      [command, '--help'],
      [command, '-h'],
      [command, 'help'],
      ['help', command],
    ]) {
      const r = inProcess(...args);
      expect({ args, code: r.code }).toEqual({ args, code: 0 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(usage);
      for (const option of options) expect(r.stdout).toContain(option);
      expect(r.stdout).toContain('-h, --help');
    }
    // help wins over other arguments, even incomplete or unknown ones
    expect(inProcess(command, 'whatever.xlsx', '--bogus', '--help').code).toBe(0);
  });

  it('keeps usage errors at exit 2, with the command’s usage line on stderr', () => {
    const r = inProcess('apply', 'bom.xlsx');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--out NEW.xlsx is required');
    expect(r.stderr).toContain('usage: bom apply');
    expect(inProcess('help', 'frobnicate').code).toBe(2);
    expect(inProcess('frobnicate').stderr).toContain('usage: bom <command>');
  });

  it('answers --help and -h through `pnpm --silent bom` with nothing but the help, exit 0', () => {
    for (const args of [['--help'], ['inspect', '-h']]) {
      const r = spawnSync('pnpm', ['--dir', repoRoot, '--silent', 'bom', ...args], { cwd: work, encoding: 'utf8' });
      expect({ args, status: r.status }).toEqual({ args, status: 0 });
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^usage: bom /);
    }
  });
});

describe('the bom bin (issue 16)', () => {
  const bundle = resolve(here, '../dist/cli.mjs');
  const helpBundle = resolve(here, '../dist/help.cjs');
  const epoch = new Date(0);

  it('runs the bundle, rebuilding it when it is older than the source', () => {
    expect(bom('template', '--out', 'bin.xlsx').code).toBe(0);
    utimesSync(bundle, epoch, epoch);
    const r = bom('template', '--out', 'bin.xlsx');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote bin.xlsx');
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(epoch.getTime());
  });

  it('answers help from the help bundle alone, rebuilding it when it is older than help.ts', () => {
    expect(bom('--help').code).toBe(0);
    utimesSync(helpBundle, epoch, epoch);
    const r = bom('apply', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: bom apply /);
    expect(statSync(helpBundle).mtimeMs).toBeGreaterThan(epoch.getTime());
  });

  it('does not load the engine for help: a copy of the bin whose engine bundle throws still answers it', () => {
    expect(bom('--help').code).toBe(0);
    const copy = mkdtempSync(join(tmpdir(), 'bom-bin-'));
    try {
      for (const dir of ['bin', 'dist', 'src/cli']) mkdirSync(join(copy, dir), { recursive: true });
      copyFileSync(bin, join(copy, 'bin/bom.cjs'));
      copyFileSync(resolve(here, '../src/cli/help.ts'), join(copy, 'src/cli/help.ts'));
      utimesSync(join(copy, 'src/cli/help.ts'), epoch, epoch);
      copyFileSync(helpBundle, join(copy, 'dist/help.cjs'));
      writeFileSync(join(copy, 'dist/cli.mjs'), 'throw new Error("the engine bundle was loaded");');
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [join(copy, 'bin/bom.cjs'), ...args], { encoding: 'utf8' });
      for (const args of [['--help'], ['help', 'apply'], ['compare', '-h']]) {
        const r = run(...args);
        expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
        expect(r.stdout).toMatch(/^usage: bom /);
      }
      // the proof that the stub is what a command would load
      const engineRun = run('template', '--out', join(copy, 't.xlsx'));
      expect(engineRun.status).not.toBe(0);
      expect(engineRun.stderr).toContain('the engine bundle was loaded');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps the bundles free of TypeScript loaders and of zod, and the help bundle free of the engine', () => {
    expect(bom('--help').code).toBe(0);
    const code = readFileSync(bundle, 'utf8');
    expect(code).not.toMatch(/from "tsx|from "zod/);
    expect(code).not.toContain('ZodError');
    const help = readFileSync(helpBundle, 'utf8');
    expect(help).not.toMatch(/require\(|import\(|applyOperations/);
    expect(help.length).toBeLessThan(20_000);
  });
});

/** The 状态 words of a written workbook's 变更日志. */
async function statuses(name: string) {
  return new Set(logRows(await readBook(new Uint8Array(readFileSync(join(work, name))))).map((row) => row['状态']));
}

/** English text without the Chinese column names it may quote. */
const prose = (text: string) => text.replaceAll(/[AB]面位号|位号/g, '');

describe('bom apply --lang (issue 12.10)', () => {
  it('writes status words in Chinese by default and in English with --lang en', async () => {
    expect(bom('apply', 'bom.xlsx', '--out', 'zh.xlsx').code).toBe(0);
    expect(bom('apply', 'bom.xlsx', '--out', 'en.xlsx', '--lang', 'en').code).toBe(0);
    const zh = await statuses('zh.xlsx');
    const en = await statuses('en.xlsx');
    expect(
      [...zh].every((word) => ['已应用', '部分应用', '无变化', '未找到', '匹配多行', '无效'].includes(String(word))),
    ).toBe(true);
    expect(
      [...en].every((word) =>
        ['Applied', 'Partly applied', 'Unchanged', 'Not found', 'Ambiguous', 'Invalid'].includes(String(word)),
      ),
    ).toBe(true);
    expect(en.size).toBe(zh.size);
  });

  it('words the JSON summary’s warnings in the language asked for, and refuses an unknown one', () => {
    const json = bom('apply', 'bom.xlsx', '--out', 'en2.xlsx', '--lang', 'en', '--json');
    const summary = JSON.parse(json.stdout) as { warnings: { code: string; message: string }[] };
    expect(summary.warnings.length).toBeGreaterThan(0);
    expect(summary.warnings.filter((w) => /[\u4e00-\u9fff]/.test(prose(w.message)))).toEqual([]);
    const inspect = JSON.parse(bom('inspect', 'bom.xlsx', '--json').stdout) as { warnings: { message: string }[] };
    expect(inspect.warnings[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const refused = bom('apply', 'bom.xlsx', '--out', 'fr.xlsx', '--lang', 'fr');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--lang');
    expect(existsSync(join(work, 'fr.xlsx'))).toBe(false);
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

  it('lists the operations a run would skip, with code, op, designators and reason (sample workbook)', () => {
    copyFileSync(join(repoRoot, 'examples', 'sample-bom.xlsx'), join(work, 'sample.xlsx'));
    const text = bom('inspect', 'sample.xlsx', '--lang', 'en');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('skipped operations: 3\n');
    expect(text.stdout).toContain(
      '  row 4 [Invalid] 80000026 modify R1: Invalid operation "modify" (use add or del)\n',
    );
    expect(text.stdout).toContain('  row 3 [Not found] 99000001 del R1: No material 99000001 on the BOM\n');
    const json = JSON.parse(bom('inspect', 'sample.xlsx', '--json').stdout) as {
      ops: { skippedOpsTotal: number; skippedOps: { opRow: number; op: string; message: string }[] };
    };
    expect(json.ops.skippedOpsTotal).toBe(3);
    expect(json.ops.skippedOps.map((op) => [op.opRow, op.op])).toEqual([
      [3, 'del'],
      [4, 'modify'],
      [7, 'modify'],
    ]);
    expect(json.ops.skippedOps[1]!.message).toBe('操作类型无效「modify」（应为 add 或 del）');
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
