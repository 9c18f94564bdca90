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

  it('counts an IPv6 /64 as one address, so rotating addresses inside it does not take every thread', async () => {
    const cheapHash = hashSync(password, 4);
    const done: string[] = [];
    // One subscriber's /64: each request from a fresh address in it, as a flooding host would send them.
    const refused: unknown[] = [];
    const flood = [1, 2, 3, 4].map((i) =>
      hasher.hash(password, `2001:db8:0:7::${i}`).then(
        () => done.push(`flood-${i}`),
        (error: unknown) => refused.push(error),
      ),
    );
    const other = hasher.verify(password, cheapHash, '192.0.2.5').then((matches) => {
      done.push('other');
      return matches;
    });
    await expect(other).resolves.toBe(true);
    expect(done).toEqual(['other']);
    // Beyond the one running and the one waiting, the /64's line is full, whichever address in it asks.
    expect(() => hasher.assertRoomFor('2001:db8:0:7::ff')).toThrow(AppError);
    await Promise.all(flood);
    expect(refused).toEqual([
      expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }),
      expect.objectContaining({ code: 'TOO_MANY_REQUESTS' }),
    ]);
  });
});
