import type { Migration } from 'kysely/migration';
import * as m0001Accounts from './2026_11_28_0001_accounts';
import * as m0100Sms from './2026_11_28_0100_sms';
import * as m0200Bom from './2026_11_28_0200_bom';
import * as m0300RefreshSuccessor from './2026_11_30_0300_refresh_successor';
import * as m0310AccessNotify from './2026_11_30_0310_access_notify';
import * as m0400BomMaterialUses from './2026_11_30_0400_bom_material_uses';
import * as m0500AccountSkeleton from './2026_11_30_0500_account_skeleton';
import * as m0600DisplayNameCleanup from './2026_11_30_0600_display_name_cleanup';

/**
 * Every migration, by its file name. Listed statically (not read from disk) so bundled builds of the server carry them;
 * add one line per new dated file.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_28_0001_accounts': m0001Accounts,
  '2026_11_28_0100_sms': m0100Sms,
  '2026_11_28_0200_bom': m0200Bom,
  '2026_11_30_0300_refresh_successor': m0300RefreshSuccessor,
  '2026_11_30_0310_access_notify': m0310AccessNotify,
  '2026_11_30_0400_bom_material_uses': m0400BomMaterialUses,
  '2026_11_30_0500_account_skeleton': m0500AccountSkeleton,
  '2026_11_30_0600_display_name_cleanup': m0600DisplayNameCleanup,
};
