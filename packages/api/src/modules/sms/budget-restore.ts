import type { ApiDeps } from '../../deps';
import { smsKeys } from './keys';
import { budgetWindows } from './send-limits';

/**
 * Rebuilds a budget counter Redis does not have (a window's first send, or Redis lost its keys: FLUSHALL, a failover
 * to an empty replica, an eviction) from the durable record of accepted sends, so losing Redis never hands out a
 * fresh budget. SET NX: when several requests rebuild at once, the first count stands and the others keep it.
 * Sends accepted but not yet recorded when the keys were lost are not counted (at most the sends in flight).
 */
export async function restoreLostBudgetCounters(deps: Pick<ApiDeps, 'db' | 'redis'>, now: Date): Promise<void> {
  const windows = budgetWindows(now);
  await Promise.all(
    [windows.hour, windows.day].map(async (window) => {
      const key = smsKeys.budget(window.id);
      if ((await deps.redis.exists(key)) === 1) return;
      const row = await deps.db
        .selectFrom('sms_messages')
        .select((eb) => eb.fn.countAll<string>().as('sent'))
        .where('accepted', '=', true)
        .where('created_at', '>=', window.start)
        .where('created_at', '<=', now)
        .executeTakeFirstOrThrow();
      await deps.redis.set(key, Number(row.sent), 'PX', window.leftMs, 'NX');
    }),
  );
}
