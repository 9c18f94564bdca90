export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Derived from `disabled_at` / `deleted_at`; the admin list filters by it. */
export const USER_STATUSES = ['active', 'disabled', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const BOM_FILE_KINDS = ['bom', 'ops'] as const;
export type BomFileKind = (typeof BOM_FILE_KINDS)[number];

export const BOM_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type BomRunStatus = (typeof BOM_RUN_STATUSES)[number];
