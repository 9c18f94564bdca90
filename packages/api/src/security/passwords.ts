import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { PASSWORD_MAX_BYTES } from '@arya/validators/password';
import { tooManyRequests } from '../errors';
import { createFairQueue, FairQueueFullError } from '../lib/fair-queue';

/**
 * `client` is the caller's network address: hashes are handed to the threads taking turns between addresses, and one
 * address may have only so many waiting (more answer TOO_MANY_REQUESTS at once), so a flood from one address cannot
 * hold up another's sign-in. Work without a caller (CLIs, start-up) shares one line.
 */
export interface PasswordHasher {
  hash: (password: string, client?: string | null) => Promise<string>;
  /** False for a wrong password, and for a null hash (verified against a dummy hash so timing does not reveal it). */
  verify: (password: string, hash: string | null, client?: string | null) => Promise<boolean>;
  close: () => Promise<void>;
}

export interface PasswordHasherOptions {
  cost: number;
  /**
   * Worker threads (default: one per core). They run at a lower CPU priority than the event loop (password-task.ts), so
   * they use every idle core without holding up requests; measured on 2 cores, 2 threads give 1.9× the logins of 1 at
   * the same user.me p99.
   */
  threads?: number;
  /** Hashes one address may have waiting for a thread (default 32: an office signing in at nine behind one NAT). */
  maxWaitingPerClient?: number;
}

const NO_CLIENT = 'internal';

/** The worker file, for hosts that bundle this package and must ship it beside the bundle. */
export const passwordWorkerUrl = new URL('./password-worker.mjs', import.meta.url);

export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const threads = options.threads ?? availableParallelism();
  const pool = new Tinypool({
    filename: passwordWorkerUrl.href,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  // As many running as there are threads, so the pool never keeps a first-come line of its own.
  const queue = createFairQueue({ concurrency: threads, maxWaitingPerKey: options.maxWaitingPerClient ?? 32 });
  const runFairly = async (client: string | null | undefined, task: object, name: 'hash' | 'verify') => {
    try {
      return (await queue.run(client ?? NO_CLIENT, () => pool.run(task, { name }))) as unknown;
    } catch (error) {
      if (error instanceof FairQueueFullError) throw tooManyRequests('auth.tooManyPasswordChecks', 1);
      throw error;
    }
  };
  const hash = async (password: string, client?: string | null): Promise<string> => {
    // Rules are checked before hashing; this guard keeps a caller that skipped them from losing bytes silently.
    if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_BYTES) throw new RangeError('password longer than 72 bytes');
    const result = await runFairly(client, { password, cost: options.cost }, 'hash');
    if (typeof result !== 'string') throw new TypeError('password worker returned no hash');
    return result;
  };
  // Same cost as real hashes so an unknown account costs the same time as a wrong password. Made at start so the
  // first unknown-account login is not slower than the rest.
  const dummyHash = hash(randomBytes(16).toString('base64url'));
  dummyHash.catch(() => undefined);

  return {
    hash,
    verify: async (password, storedHash, client) => {
      // bcrypt would compare only the first 72 bytes, so a longer password never matches (and still costs a hash).
      const comparable = storedHash !== null && Buffer.byteLength(password, 'utf8') <= PASSWORD_MAX_BYTES;
      const target = comparable ? storedHash : await dummyHash;
      const matches = await runFairly(client, { password, hash: target }, 'verify');
      return comparable && matches === true;
    },
    close: async () => {
      await pool.destroy();
    },
  };
}
