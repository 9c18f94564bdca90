import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maintenancePlugin } from '../src/plugins/maintenance';
import { createTestApp, registerUser, type TestApp } from './helpers';

describe('maintenance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('prunes refresh-token rows expired for over a day, on start and then periodically', async () => {
    await registerUser(t.app, 'prune-first');
    const sessions = () => t.deps.db.selectFrom('sessions').select(['id']).execute();
    const ageAll = () =>
      t.deps.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) }).execute();
    await ageAll();
    expect(await sessions()).toHaveLength(1);

    const host = Fastify();
    await host.register(maintenancePlugin, { deps: t.deps, intervalMs: 100 });
    await host.ready();
    try {
      await expect.poll(sessions, { timeout: 15_000 }).toHaveLength(0);

      await registerUser(t.app, 'prune-second');
      await registerUser(t.app, 'prune-kept');
      await t.deps.db
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 3 * 24 * 3600 * 1000) })
        .where('user_id', 'in', t.deps.db.selectFrom('users').select('id').where('account', '=', 'prune-second'))
        .execute();
      await expect.poll(sessions, { timeout: 15_000 }).toHaveLength(1);
    } finally {
      await host.close();
    }
  });
});
