import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type TestApi } from '../helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi({ REGISTRATIONS_PER_IP_PER_HOUR: '3' });
});
afterAll(async () => {
  await t.close();
});

const accountsNamed = async (prefix: string) =>
  (await t.deps.db.selectFrom('users').select('account').where('account', 'like', `${prefix}%`).execute()).map(
    (row) => row.account,
  );

describe('registrations per address', () => {
  it('allows the configured number an hour per address, taken accounts included, then says the wait', async () => {
    const ip = '192.0.2.50';
    await createAgent(t.deps, { ip }).register('reg-a');
    await createAgent(t.deps, { ip }).register('reg-b');
    // An answer of "taken" is an attempt too, or one address could list which accounts exist.
    await expectAppError(createAgent(t.deps, { ip }).register('reg-a'), 'CONFLICT', 'auth.accountTaken');
    t.clock.advance(10 * 60 * 1000);
    const blocked = await expectAppError(
      createAgent(t.deps, { ip }).register('reg-c'),
      'TOO_MANY_REQUESTS',
      'auth.tooManyRegistrations',
    );
    expect(blocked.retryAfterSeconds).toBe(50 * 60);
    expect(await accountsNamed('reg-')).toEqual(['reg-a', 'reg-b']);

    // another address is unaffected; the first one may register again once the hour has passed
    await createAgent(t.deps, { ip: '192.0.2.51' }).register('reg-d');
    t.clock.advance(50 * 60 * 1000 + 1);
    await createAgent(t.deps, { ip }).register('reg-c');
    expect((await accountsNamed('reg-')).toSorted()).toEqual(['reg-a', 'reg-b', 'reg-c', 'reg-d']);
  });

  it('does not count a password refused by the rules (nothing was hashed)', async () => {
    const ip = '192.0.2.60';
    for (let i = 0; i < 5; i++) {
      await expectAppError(
        createAgent(t.deps, { ip }).register(`weak-${i}`, 'password'),
        'BAD_REQUEST',
        'password.tooCommon',
      );
    }
    await createAgent(t.deps, { ip }).register('strong-one');
    expect(await accountsNamed('strong-')).toEqual(['strong-one']);
  });
});
