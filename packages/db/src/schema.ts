import type { AuditLogTable } from './tables/audit-log';
import type { BomFilesTable, BomMaterialUsesTable, BomRunsTable } from './tables/bom';
import type { SessionsTable } from './tables/sessions';
import type { SmsMessagesTable } from './tables/sms';
import type { UsersTable } from './tables/users';

/** The single source of table types. Each domain keeps its tables in `tables/<domain>.ts` and adds them here. */
export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  sms_messages: SmsMessagesTable;
  bom_files: BomFilesTable;
  bom_runs: BomRunsTable;
  bom_material_uses: BomMaterialUsesTable;
}
