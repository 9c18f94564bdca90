import type { ApiDeps } from '../../deps';
import { countLiveUsers } from '../../users/repo';
import { countRunsCreatedSince } from '../bom/runs-repo';

/** The admin's dashboard figures: live accounts (disabled ones included), and BOM runs created since `since`. */
export async function dashboardStats(deps: Pick<ApiDeps, 'db'>, since: Date) {
  const [users, runsSince] = await Promise.all([countLiveUsers(deps.db), countRunsCreatedSince(deps.db, since)]);
  return { users, runsSince };
}
