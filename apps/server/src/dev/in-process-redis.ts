import type { Redis } from 'ioredis';

/**
 * Development fallback when neither REDIS_URL nor a redis-server binary is available: an in-memory
 * implementation of the ioredis client. Limits and revocations then hold for this one process only,
 * which is why it is never used in tests or production.
 */
export async function createInProcessRedis(): Promise<Redis> {
  const { default: RedisMock } = await import('ioredis-mock');
  return new RedisMock();
}
