export type { DB } from './schema';
export type { UserRole, UsersTable } from './tables/users';
export type { SessionsTable } from './tables/sessions';
export type { AuditDetails, AuditLogTable } from './tables/audit-log';
export type { SmsMessagesTable } from './tables/sms';
export type {
  BomFileKind,
  BomFilesTable,
  BomMaterialUsesTable,
  BomOpsSource,
  BomRunFailure,
  BomRunStatus,
  BomRunsTable,
} from './tables/bom';
export { createDb, type CreateDbOptions, type Executor } from './client';
export { migrateDown, migrateToEmpty, migrateToLatest, migrateUp, type MigrationReport } from './migrate';
export { migrations } from './migrations';
export {
  listenForNotifications,
  type ListenOptions,
  type NotificationHandlers,
  type NotificationListener,
} from './notifications';
export { onTableWrites } from './table-writes';
