import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { generateSigningKey } from '@arya/api';
import { aliyunEnvFor, startSmsEmulator } from '@arya/sms-emulator';
import { createTestDatabase } from '@arya/testing';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
/**
 * The real server's entry, run through tsx (no server build step to wait for or to fall out of date);
 * E2E_SERVER_ENTRY=apps/server/dist/main.js runs the esbuild bundle instead.
 */
const serverMain = process.env.E2E_SERVER_ENTRY ?? join(repoRoot, 'apps', 'server', 'src', 'main.ts');
const webIndex = join(repoRoot, 'apps', 'web', 'dist', 'index.html');

export const ADMIN = { account: 'e2e-admin', password: 'Adm1n-e2e-Pa55word' };

/**
 * A Redis database of its own, emptied at start: the server's keys are not prefixed, and per-IP limits (every browser
 * request comes from 127.0.0.1) must not carry over from an earlier run.
 */
const E2E_REDIS_DB = Number(process.env.E2E_REDIS_DB ?? 13);

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    smsEmulatorUrl: string;
    redisUrl: string;
    admin: { account: string; password: string };
    /** The environment the suite's server runs with, for a test that starts a second one (other settings). */
    serverEnv: Record<string, string>;
    serverMain: string;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

async function waitUntilReady(url: string, server: ReturnType<typeof spawn>, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not ready within 60 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  if (!existsSync(webIndex))
    throw new Error(`${webIndex} is missing: run \`pnpm --filter @arya/web build\` (turbo does this first).`);
  if (!existsSync(serverMain)) throw new Error(`${serverMain} is missing`);

  const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const redis = new Redis(redisUrl.toString());
  // Selected here, not in the URL: ioredis only reports a failed SELECT (a number past the server's `databases`) as an
  // event and goes on in database 0, so FLUSHDB would empty someone else's database.
  try {
    await redis.select(E2E_REDIS_DB).catch((error: unknown) => {
      throw new Error(`E2E_REDIS_DB=${E2E_REDIS_DB} is not a database of ${redisUrl.host}: ${String(error)}`);
    });
    await redis.flushdb();
  } finally {
    redis.disconnect();
  }
  redisUrl.pathname = `/${E2E_REDIS_DB}`;

  const database = await createTestDatabase();
  const emulator = await startSmsEmulator({ flowControl: false });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'arya-e2e-'));

  let output = '';
  const command = /\.[mc]?ts$/.test(serverMain) ? ['--import', 'tsx', serverMain] : [serverMain];
  const serverEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl.toString(),
    DATA_DIR: dataDir,
    JWT_PRIVATE_KEY: JSON.stringify(await generateSigningKey()),
    BCRYPT_COST: '10',
    // Every browser test registers from 127.0.0.1.
    REGISTRATIONS_PER_IP_PER_HOUR: '100000',
    LOG_LEVEL: process.env.E2E_SERVER_LOG === '1' ? 'info' : 'warn',
    PANEL_ENABLED: 'false',
    // Each browser profile sends its own X-Forwarded-For (see newDevice), as separate devices have separate
    // addresses; per-address limits (20 codes an hour) then apply per device, not to the whole suite.
    TRUST_PROXY: 'true',
    ADMIN_ACCOUNT: ADMIN.account,
    ADMIN_PASSWORD: ADMIN.password,
    ...aliyunEnvFor(emulator),
    SMS_CODE_SECRET: 'e2e-sms-code-secret-0123456789abcdef',
  };
  const server = spawn(process.execPath, command, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv });
  // E2E_SERVER_LOG=1 shows the server's own log while the suite runs.
  const echo = process.env.E2E_SERVER_LOG === '1';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (echo) process.stderr.write(chunk);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, server, () => output);
  } catch (error) {
    server.kill('SIGKILL');
    await emulator.close();
    await database.drop();
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('smsEmulatorUrl', emulator.url);
  project.provide('redisUrl', redisUrl.toString());
  project.provide('admin', ADMIN);
  project.provide('serverEnv', serverEnv);
  project.provide('serverMain', serverMain);

  return async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
    await emulator.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
