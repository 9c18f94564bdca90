import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToEmpty, migrations } from '@arya/db';
import { createTestDatabase, type TestDatabase } from '../src';

const run = promisify(execFile);
// The CLI belongs to @arya/db; its tests live here because @arya/db cannot depend on this package (cycle).
const packageDir = fileURLToPath(new URL('../../db/', import.meta.url));
let database: TestDatabase;
// Each call starts pnpm + tsx: seconds apiece when the two cores are shared with other test workers.
const CLI_TIMEOUT_MS = 120_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateToEmpty(database.db);
});
afterAll(async () => {
  await database.drop();
});

const migrate = (...args: string[]) =>
  run('pnpm', ['exec', 'tsx', 'src/cli/migrate.ts', ...args], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: database.url },
  });

describe('migrate CLI', () => {
  it(
    'applies pending migrations, then has nothing to do, and reverts the newest with down',
    async () => {
      expect((await migrate()).stdout).toContain('applied 2026_11_28_0001_accounts');
      expect((await migrate('latest')).stdout).toContain('nothing to do');
      expect((await migrate('down')).stdout).toContain(`reverted ${Object.keys(migrations).at(-1)}`);
    },
    CLI_TIMEOUT_MS,
  );

  it(
    'names the missing variable and the valid commands',
    async () => {
      await expect(
        run('pnpm', ['exec', 'tsx', 'src/cli/migrate.ts'], {
          cwd: packageDir,
          env: { ...process.env, DATABASE_URL: '' },
        }),
      ).rejects.toMatchObject({
        stderr: expect.stringContaining('DATABASE_URL is not set'),
      });
      await expect(migrate('sideways')).rejects.toMatchObject({
        stderr: expect.stringContaining('use one of latest, up, down'),
      });
    },
    CLI_TIMEOUT_MS,
  );
});
