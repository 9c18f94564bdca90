import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@arya/testing';
import { testConfig } from './helpers';

const serverDir = join(import.meta.dirname, '..');

function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

// Each case starts a CLI process under tsx: slow to start on a loaded machine.
describe('admin:create', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig(database);
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL: String(config.REDIS_URL),
      JWT_PRIVATE_KEY: JSON.stringify(config.JWT_PRIVATE_KEY),
      BCRYPT_COST: '10',
    };
  });
  afterAll(() => database.drop());

  it('creates an admin from flags, then promotes an existing account', async () => {
    const created = await runCli(
      'src/cli/admin-create.ts',
      ['--account', 'ops-admin', '--password', 'Quartz-Lantern-42-Orbit'],
      env,
    );
    expect(created.output).toContain('Created admin "ops-admin"');
    expect(created.code).toBe(0);
    const row = await database.db
      .selectFrom('users')
      .select(['role'])
      .where('account', '=', 'ops-admin')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('admin');
  });

  it('refuses a common password with a readable reason and exit code 1', async () => {
    const refused = await runCli(
      'src/cli/admin-create.ts',
      ['--account', 'weak-admin', '--password', 'password123'],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Not created: /);
    const row = await database.db
      .selectFrom('users')
      .select(['id'])
      .where('account', '=', 'weak-admin')
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
