import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config';
import { productionSmsEnv } from './production-sms-env';

const serverDir = join(import.meta.dirname, '..');
const validKey = JSON.stringify({
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  it('applies development defaults', () => {
    const config = parseConfig({ JWT_PRIVATE_KEY: validKey });
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      HOST: '127.0.0.1',
      PANEL_ENABLED: true,
      CORS_ORIGINS: ['http://localhost:5173', 'http://127.0.0.1:5173'],
      BODY_LIMIT_BYTES: 1024 * 1024,
    });
    expect(config.DATA_DIR).toMatch(/\.data$/);
  });

  it('names each bad variable', () => {
    const problems = problemsOf({
      JWT_PRIVATE_KEY: validKey,
      PORT: 'eighty',
      CORS_ORIGINS: 'https://a.example/path',
      PANEL_ENABLED: 'maybe',
    });
    expect(problems.some((problem) => problem.startsWith('PORT:'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('CORS_ORIGINS'))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('PANEL_ENABLED:'))).toBe(true);
    expect(problems).toHaveLength(3);
  });

  it('refuses production without DATABASE_URL, REDIS_URL and a signing key', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY']) {
      expect(problems.some((problem) => problem.startsWith(`${name}:`))).toBe(true);
    }
  });

  it('accepts a complete production environment with production defaults', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.internal:5432/arya',
      REDIS_URL: 'redis://cache.internal:6379',
      JWT_PRIVATE_KEY: validKey,
      ...productionSmsEnv,
    });
    expect(config).toMatchObject({ HOST: '0.0.0.0', PANEL_ENABLED: false, CORS_ORIGINS: [] });
  });

  it('refuses production without a real SMS provider and code secret, naming each variable', () => {
    const base = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app@db.internal:5432/arya',
      REDIS_URL: 'redis://cache.internal:6379',
      JWT_PRIVATE_KEY: validKey,
    };
    expect(problemsOf(base)).toEqual([
      'SMS_CODE_SECRET: is required when NODE_ENV=production (at least 32 characters)',
      'SMS_PROVIDER: must be "aliyun" when NODE_ENV=production',
    ]);
    expect(problemsOf({ ...base, ...productionSmsEnv, SMS_PROVIDER: 'console' })).toEqual([
      'SMS_PROVIDER: "console" is refused when NODE_ENV=production (it writes verification codes to the log)',
    ]);
    expect(problemsOf({ ...base, ...productionSmsEnv, ALIYUN_SMS_SIGN_NAME: '' })).toEqual([
      'ALIYUN_SMS_SIGN_NAME: is required when SMS_PROVIDER=aliyun',
    ]);
  });
});

function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Generous: a cold tsx start compiles the whole API, which takes long on a loaded 2-core machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('server process with a bad config', { timeout: 120_000 }, () => {
  it('exits 1 naming the bad variable', async () => {
    const { code, stderr } = await runServer({ NODE_ENV: 'test', PORT: 'not-a-port', JWT_PRIVATE_KEY: validKey });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toMatch(/PORT: /);
  });

  it('refuses to start in production without its services and keys', async () => {
    const { code, stderr } = await runServer({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL: is required when NODE_ENV=production/);
    expect(stderr).toMatch(/REDIS_URL: is required when NODE_ENV=production/);
    expect(stderr).toMatch(/JWT_PRIVATE_KEY: /);
  });
});
