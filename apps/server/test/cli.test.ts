import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@arya/testing';
import { testConfig } from './helpers';

const serverDir = join(import.meta.dirname, '..');

/** Runs a CLI with `stdin` piped in (as `printf … | pnpm admin:create` does). */
function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end(stdin);
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

  const password = 'Quartz-Lantern-42-Orbit';
  const roleOf = async (account: string) =>
    (await database.db.selectFrom('users').select(['role']).where('account', '=', account).executeTakeFirst())?.role;

  it('creates an admin from piped input (account, then password), never echoing the password', async () => {
    const created = await runCli('src/cli/admin-create.ts', [], env, `piped-admin\n${password}\n`);
    expect(created.output).toContain('Created admin "piped-admin"');
    expect(created.code).toBe(0);
    expect(created.output).not.toContain(password);
    expect(created.output).not.toMatch(/SMS/i);
    expect(await roleOf('piped-admin')).toBe('admin');
  });

  it('takes the password from ADMIN_PASSWORD, and promotes an existing account without asking for one', async () => {
    const created = await runCli('src/cli/admin-create.ts', ['--account', 'env-admin'], {
      ...env,
      ADMIN_PASSWORD: password,
    });
    expect(created.code).toBe(0);
    expect(created.output).toContain('Using the password in ADMIN_PASSWORD.');
    expect(created.output).not.toContain(password);
    await database.db.updateTable('users').set({ role: 'user' }).where('account', '=', 'env-admin').execute();

    const promoted = await runCli('src/cli/admin-create.ts', ['--account', 'env-admin'], env);
    expect(promoted.output).toContain('"env-admin" already existed and is now an admin');
    expect(promoted.code).toBe(0);
    expect(await roleOf('env-admin')).toBe('admin');
  });

  it('refuses --password (it would stay in shell history) with exit 2, creating nothing', async () => {
    const refused = await runCli('src/cli/admin-create.ts', ['--account', 'flag-admin', '--password', password], env);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/--password is not accepted/);
    expect(refused.output).not.toContain(password);
    expect(await roleOf('flag-admin')).toBeUndefined();
  });

  it('says what is missing when piped input ends early, with exit 1', async () => {
    const noPassword = await runCli('src/cli/admin-create.ts', ['--account', 'half-admin'], env, '');
    expect(noPassword.code).toBe(1);
    expect(noPassword.output).toMatch(/Not created: no password given/);
    expect(await roleOf('half-admin')).toBeUndefined();
  });

  it('refuses a common password with a readable reason and exit code 1', async () => {
    const refused = await runCli('src/cli/admin-create.ts', ['--account', 'weak-admin'], env, 'password123\n');
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/Not created: /);
    expect(await roleOf('weak-admin')).toBeUndefined();
  });
});
