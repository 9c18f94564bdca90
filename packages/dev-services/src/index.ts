export { findFreePort } from './free-port';
export { startEmbeddedPostgres, type EmbeddedPostgresOptions, type LocalService } from './postgres';
export { hasRedisServerBinary, RedisBinaryMissingError, startRedisServer } from './redis';
