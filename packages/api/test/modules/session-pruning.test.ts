import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredSessionTokens } from '../../src';
import { createAgent, createTestApi, type TestApi } from '../helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('pruneExpiredSessionTokens', () => {
  it('deletes token rows expired for over a day and keeps usable ones', async () => {
    const old = createAgent(t.deps);
    const { user } = await old.register('pruned');
    await old.api.auth.refresh(); // one rotated row + one live row, both from "now"
    t.clock.advance(32 * 24 * 3600 * 1000);
    const fresh = createAgent(t.deps);
    await fresh.login('pruned');
    const countRows = async () =>
      (await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).length;
    expect(await countRows()).toBe(3);
    expect(await pruneExpiredSessionTokens(t.deps)).toBe(2);
    expect(await countRows()).toBe(1);
    await fresh.api.auth.refresh();
  });
});
