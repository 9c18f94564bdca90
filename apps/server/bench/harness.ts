import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
/**
 * What both server benchmarks share: the services from the environment, an admin connection, and the server process.
 */
import { generateSigningKey } from '@arya/api';
import { bundleServer } from '../bundle';
import { productionSmsEnv } from '../test/production-sms-env';

function requiredServices(): { baseDatabaseUrl: string; redisUrl: string } {
  const baseDatabaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!baseDatabaseUrl || !redisUrl) {
    console.error('DATABASE_URL and REDIS_URL must be set (run through `pnpm bench`, which starts them when unset).');
    process.exit(1);
  }
  return { baseDatabaseUrl, redisUrl };
}

export const { baseDatabaseUrl, redisUrl } = requiredServices();

export async function withAdminClient<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: baseDatabaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const benchDist = join(import.meta.dirname, '..', 'dist-bench');
let bundled: Promise<void> | undefined;

/** `bench/server.ts` bundled exactly as `pnpm build` bundles the server (bundle.ts), once per benchmark process. */
function bundleBenchServer(): Promise<void> {
  bundled ??= bundleServer({
    outdir: benchDist,
    entryPoints: { 'bench-server': join(import.meta.dirname, 'server.ts') },
  });
  return bundled;
}

/**
 * Starts the bundled `bench/server.ts` (the built server plus bench-only routes) in production mode and resolves with
 * its URL once it prints READY. BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") goes to its node.
 */
export async function startBenchServer(options: {
  databaseUrl: string;
  redisUrl: string;
  bcryptCost: string;
  /** Extra environment (e.g. BENCH_TRPC_ADAPTER=stock, BENCH_SERVER_PORT). */
  env?: Record<string, string>;
}): Promise<{ url: string; child: ChildProcess }> {
  await bundleBenchServer();
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--enable-source-maps', join(benchDist, 'bench-server.js')], {
    env: {
      ...process.env,
      // Production refuses to start without an SMS set-up; the benchmarks send no SMS.
      ...productionSmsEnv,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      JWT_PRIVATE_KEY: JSON.stringify(await generateSigningKey()),
      BCRYPT_COST: options.bcryptCost,
      // The benchmark registers its accounts from 127.0.0.1.
      REGISTRATIONS_PER_IP_PER_HOUR: '100000',
      // Production defaults to closed registration; the benchmark signs its users up.
      REGISTRATION_MODE: 'open',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}: ${output}`)));
  });
  return { url, child };
}
