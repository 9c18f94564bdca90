import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from './free-port';
import type { LocalService } from './postgres';

export class RedisBinaryMissingError extends Error {
  constructor() {
    super(
      'redis-server is not installed. Install it (Debian/Ubuntu: `apt-get install redis-server`) or set REDIS_URL.',
    );
    this.name = 'RedisBinaryMissingError';
  }
}

export function hasRedisServerBinary(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

/**
 * Spawns a throwaway `redis-server` on a free loopback port: no persistence, killed when stopped or
 * when this process exits.
 */
export async function startRedisServer(log: (line: string) => void = () => {}): Promise<LocalService> {
  if (!hasRedisServerBinary()) throw new RedisBinaryMissingError();
  const port = await findFreePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    // Own process group: a terminal Ctrl-C reaches the server, which drains before stopping this.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let attempt = 0; !(await answersPing(port)); attempt++) {
    if (child.exitCode !== null || attempt > 100) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}: ${stderr.trim()}`);
    }
    await sleep(50);
  }
  log(`redis-server on port ${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
