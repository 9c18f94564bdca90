import { hashSync } from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { createPasswordHasher, type PasswordHasher } from '../../src/security/passwords';

const password = 'Quartz-Lantern-42-Orbit';

describe('password hasher under one address’s flood', () => {
  let hasher: PasswordHasher;
  beforeAll(async () => {
    // Cost 12 (~0.3 s a hash here): long enough that waiting for one is unmistakable.
    hasher = createPasswordHasher({ cost: 12, threads: 1, maxWaitingPerClient: 1 });
    await hasher.verify(password, null); // the dummy hash is made; its thread is free again
  });
  afterAll(async () => {
    await hasher.close();
  });

  it('checks another address’s password at once while one address holds every thread', async () => {
    const cheapHash = hashSync(password, 4);
    const done: string[] = [];
    const flood = [1, 2].map((i) =>
      hasher.hash(password, '192.0.2.1').then(() => {
        done.push(`flood-${i}`);
      }),
    );
    const other = hasher.verify(password, cheapHash, '192.0.2.2').then((matches) => {
      done.push('other');
      return matches;
    });
    await expect(other).resolves.toBe(true);
    // Without a thread the flooding address cannot take, the check would have waited for the first flood hash.
    expect(done).toEqual(['other']);
    await Promise.all(flood);
  });

  it('refuses a hash from an address whose line is full before any work is done, and not another’s', async () => {
    const running = hasher.hash(password, '192.0.2.3');
    const waiting = hasher.hash(password, '192.0.2.3');
    let refusal: unknown;
    try {
      hasher.assertRoomFor('192.0.2.3');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: 'TOO_MANY_REQUESTS', messageKey: 'auth.tooManyPasswordChecks' });
    expect(() => hasher.assertRoomFor('192.0.2.4')).not.toThrow();
    await expect(hasher.hash(password, '192.0.2.3')).rejects.toMatchObject({
      messageKey: 'auth.tooManyPasswordChecks',
    });
    await Promise.all([running, waiting]);
    expect(() => hasher.assertRoomFor('192.0.2.3')).not.toThrow();
  });
});
