import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Tinypool } from 'tinypool';
import { PASSWORD_MAX_BYTES } from '@arya/validators/password';
import { tooManyRequests } from '../errors';
import { addressBucket } from '../lib/address-bucket';
import { createFairQueue, FairQueueFullError } from '../lib/fair-queue';

/**
 * `client` is the caller's network address (an IPv6 /64 counts as one, lib/address-bucket.ts): hashes are handed to the
 * threads taking turns between addresses, one address may have only so many waiting (more answer TOO_MANY_REQUESTS at
 * once), and one address never holds every thread, so a flood from one address cannot hold up another's sign-in. Work
 * without a caller (CLIs, start-up) shares one line.
 */
export interface PasswordHasher {
  hash: (password: string, client?: string | null) => Promise<string>;
  /** False for a wrong password, and for a null hash (verified against a dummy hash so timing does not reveal it). */
  verify: (password: string, hash: string | null, client?: string | null) => Promise<boolean>;
  /**
   * Throws the TOO_MANY_REQUESTS a hash from `client` would get now, so a request that will need one can be refused
   * before it spends database and Redis round trips (the cost of each refusal is what a flood multiplies).
   */
  assertRoomFor: (client?: string | null) => void;
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
// A line per client as the rate limits count them: an IPv6 /64 is one subscriber, so fresh addresses from it would
// otherwise each get their own line, threads and waiting places.
const lineOf = (client: string | null | undefined) => (client == null ? NO_CLIENT : `ip:${addressBucket(client)}`);
const refusal = () => tooManyRequests('auth.tooManyPasswordChecks', 1);

/** The worker file, for hosts that bundle this package and must ship it beside the bundle. */
export const passwordWorkerUrl = new URL('./password-worker.mjs', import.meta.url);

export function createPasswordHasher(options: PasswordHasherOptions): PasswordHasher {
  const threads = options.threads ?? availableParallelism();
  // One thread more than one address may use: while one address (an attack, or an office behind one NAT) keeps
  // `threads` busy, another address's check starts at once instead of waiting out a whole hash, which on a loaded
  // machine takes seconds. The spare thread runs only then, at the threads' low priority, so it costs the event loop
  // nothing; one address alone still gets every core.
  const slots = threads + 1;
  const pool = new Tinypool({
    filename: passwordWorkerUrl.href,
    minThreads: 1,
    maxThreads: slots,
    idleTimeout: 60_000,
  });
  // As many running as the pool has threads, so the pool never keeps a first-come line of its own.
  const queue = createFairQueue({
    concurrency: slots,
    maxRunningPerKey: threads,
    maxWaitingPerKey: options.maxWaitingPerClient ?? 32,
  });
  const runFairly = async (client: string | null | undefined, task: object, name: 'hash' | 'verify') => {
    try {
      return (await queue.run(lineOf(client), () => pool.run(task, { name }))) as unknown;
    } catch (error) {
      if (error instanceof FairQueueFullError) throw refusal();
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
    assertRoomFor: (client) => {
      if (!queue.hasRoom(lineOf(client))) throw refusal();
    },
    close: async () => {
      await pool.destroy();
    },
  };
}
