export { baseDatabaseUrl, createTestDatabase, type TestDatabase } from './database';
export { baseRedisUrl, createTestRedis, type TestRedis } from './redis';
export { createTestClock, type TestClock } from './clock';
