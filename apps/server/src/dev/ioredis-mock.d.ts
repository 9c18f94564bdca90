// ioredis-mock ships no types; it implements ioredis' client API in memory.
declare module 'ioredis-mock' {
  import type { Redis, RedisOptions } from 'ioredis';
  const RedisMock: new (options?: RedisOptions) => Redis;
  export default RedisMock;
}
