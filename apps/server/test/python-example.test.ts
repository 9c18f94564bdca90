import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectWorkbook } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { listeningApp, type ListeningApp } from './bom/harness';
import { registerUser, strongPassword } from './helpers';

const script = join(import.meta.dirname, '../../../examples/python/arya_bom.py');

function findPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

const python = findPython();
if (!python) console.warn('python-example.test.ts: skipped, no python3 on this machine (/usr/bin/python3 or PATH)');

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(python!, [script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!python)('examples/python/arya_bom.py against the real server', { timeout: 120_000 }, () => {
  let server: ListeningApp;
  let dir: string;
  beforeAll(async () => {
    server = await listeningApp();
    await registerUser(server.app, 'python-user');
    dir = mkdtempSync(join(tmpdir(), 'arya-python-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs in, uploads the BOM, runs its 操作指示表, waits and saves the result', async () => {
    const generated = generateBomWorkbook({ rows: 60, opsCount: 8, seed: 14 });
    const bom = join(dir, '主板BOM.xlsx');
    const out = join(dir, 'result.xlsx');
    writeFileSync(bom, generated.bom);

    const { code, stdout, stderr } = await run(
      ['--url', server.baseUrl, '--account', 'python-user', '--bom', bom, '--out', out],
      { ARYA_PASSWORD: strongPassword },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('uploaded 主板BOM.xlsx');
    expect(stdout).toMatch(/saved .*result\.xlsx/);
    const result = readFileSync(out);
    expect(inspectWorkbook(result).sheets).toEqual(expect.arrayContaining(['原表', '操作指示表']));
    const runs = await server.deps.db.selectFrom('bom_runs').select(['status']).execute();
    expect(runs).toEqual([{ status: 'done' }]);
  });

  it('says what went wrong, in one line, with a non-zero exit', async () => {
    const bom = join(dir, 'any.xlsx');
    writeFileSync(bom, 'not a workbook');
    const wrongPassword = await run(['--url', server.baseUrl, '--account', 'python-user', '--bom', bom], {
      ARYA_PASSWORD: 'wrong-password-1',
    });
    expect(wrongPassword.code).toBe(1);
    expect(wrongPassword.stderr).toMatch(/^error: .+\(401\)\n$/);

    const notXlsx = await run(['--url', server.baseUrl, '--account', 'python-user', '--bom', bom], {
      ARYA_PASSWORD: strongPassword,
    });
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.stderr).toMatch(/^error: .+\(400\)\n$/);
    expect(existsSync(join(dir, 'any-新BOM.xlsx'))).toBe(false);
  });
});
