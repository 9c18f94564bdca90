import { join } from 'node:path';
import { z } from 'zod';
import { apiConfigSchema, smsConfigProblems } from '@arya/api';
import { findRepoRoot } from './paths';

const repoRoot = findRepoRoot();
const MiB = 1024 * 1024;

const byteCount = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Comma-separated list of origins (`https://app.example.com`); each must be a bare origin. */
const originList = z
  .string()
  .transform((raw) =>
    raw
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.url({ protocol: /^https?$/ }).refine((value) => new URL(value).origin === value, {
        message: 'must be a bare origin such as https://app.example.com (no path, no trailing slash)',
      }),
    ),
  );

/** Variables read by the host itself; the API's own variables come from `apiConfigSchema`. */
export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  CORS_ORIGINS: originList.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PANEL_ENABLED: z.stringbool().optional(),
  /**
   * Reverse proxies in front of the server: true is one (the usual case), a number is that many chained. The client
   * address is the one the outermost trusted proxy appended to X-Forwarded-For, never an entry the client wrote
   * itself (Fastify's `trustProxy: true` would take the left-most, client-chosen, entry).
   */
  TRUST_PROXY: z.union([z.stringbool(), z.coerce.number().int().min(1).max(10)]).default(false),
  DATA_DIR: z.string().min(1).default(join(repoRoot, '.data')),
  WEB_DIST_DIR: z
    .string()
    .min(1)
    .default(join(repoRoot, 'apps', 'web', 'dist')),
  /** The built developer panel (`vite build -c vite.panel.config.ts` in apps/web), served at `/panel`. */
  PANEL_DIST_DIR: z
    .string()
    .min(1)
    .default(join(repoRoot, 'apps', 'web', 'dist-panel')),
  BODY_LIMIT_BYTES: byteCount(1 * MiB),
  /** Most calls in one batched /trpc request; the web UI and @arya/client send at most 10. */
  TRPC_MAX_BATCH: z.coerce.number().int().min(1).max(1000).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

/** Without these a production process would silently fall back to dev-only behaviour, so it refuses to start. */
const requiredInProduction = ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY'] as const;

const devOrigins = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** The API's variables plus the host's; where both name one (NODE_ENV, the URLs) the host's stricter rule wins. */
export const configSchema = apiConfigSchema.extend(serverEnvSchema.shape).transform((env) => {
  const production = env.NODE_ENV === 'production';
  return {
    ...env,
    HOST: env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    CORS_ORIGINS: env.CORS_ORIGINS ?? (production ? [] : devOrigins),
    PANEL_ENABLED: env.PANEL_ENABLED ?? !production,
  };
});

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem names the variable it is about. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const withoutBlanks = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  // Checked on the raw environment so these are reported even when other variables are invalid too.
  const missing: string[] =
    withoutBlanks.NODE_ENV === 'production' ? requiredInProduction.filter((name) => !withoutBlanks[name]) : [];
  const result = configSchema.safeParse(withoutBlanks);
  const sms = result.success ? smsConfigProblems(result.data) : [];
  if (result.success && missing.length === 0 && sms.length === 0) return result.data;
  const problems = [
    ...missing.map((name) => `${name}: is required when NODE_ENV=production`),
    ...sms,
    ...(result.error?.issues ?? [])
      .filter((issue) => !missing.includes(String(issue.path[0])))
      .map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`),
  ];
  throw new ConfigError(problems);
}
