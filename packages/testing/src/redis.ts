import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  /** Client whose every key is prefixed with `keyPrefix`. */
  redis: Redis;
  keyPrefix: string;
  /** Another client with the same prefix (a second "server instance" sharing this Redis). */
  duplicate: () => Redis;
  /** Deletes every key under the prefix and closes all clients made here. */
  cleanup: () => Promise<void>;
}

export function baseRedisUrl(): string {
  const url = process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'];
  if (!url) throw new Error('REDIS_URL (or TEST_REDIS_URL) must point at a Redis server for integration tests');
  return url;
}

export function createTestRedis(): TestRedis {
  const url = baseRedisUrl();
  const keyPrefix = `test:${randomBytes(6).toString('hex')}:`;
  const clients: Redis[] = [];
  const open = () => {
    const client = new Redis(url, { keyPrefix, lazyConnect: false, maxRetriesPerRequest: 2 });
    clients.push(client);
    return client;
  };
  const redis = open();
  return {
    redis,
    keyPrefix,
    duplicate: open,
    cleanup: async () => {
      // keyPrefix is not applied to SCAN patterns nor stripped from results, so sweep with an unprefixed client.
      const sweeper = new Redis(url, { maxRetriesPerRequest: 2 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await sweeper.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await sweeper.del(...keys);
        } while (cursor !== '0');
      } finally {
        sweeper.disconnect();
        for (const client of clients) client.disconnect();
      }
    },
  };
}
