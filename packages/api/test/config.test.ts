import { describe, expect, it } from 'vitest';
import { apiConfigSchema, generateSigningKey } from '../src';

async function validEnv(): Promise<Record<string, string>> {
  return { JWT_PRIVATE_KEY: JSON.stringify(await generateSigningKey()) };
}

function problems(env: Record<string, string>): string[] {
  const result = apiConfigSchema.safeParse(env);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('apiConfigSchema', () => {
  it('fills defaults', async () => {
    const config = apiConfigSchema.parse(await validEnv());
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      JWT_ISSUER: 'arya',
      JWT_AUDIENCE: 'arya',
      BCRYPT_COST: 12,
    });
    expect(config.JWT_PRIVATE_KEY.crv).toBe('Ed25519');
  });

  it('names the variable for a missing or malformed signing key', async () => {
    expect(problems({})).toEqual([expect.stringMatching(/^JWT_PRIVATE_KEY: /)]);
    expect(problems({ JWT_PRIVATE_KEY: '{not json' })).toEqual(['JWT_PRIVATE_KEY: is not valid JSON']);
    const { d: _privatePart, ...publicOnly } = await generateSigningKey();
    expect(problems({ JWT_PRIVATE_KEY: JSON.stringify(publicOnly) })).toEqual([
      expect.stringMatching(/^JWT_PRIVATE_KEY\.d: /),
    ]);
  });

  it('keeps BCRYPT_COST at 10 or more', async () => {
    expect(problems({ ...(await validEnv()), BCRYPT_COST: '9' })).toEqual(['BCRYPT_COST: must be at least 10']);
    expect(apiConfigSchema.parse({ ...(await validEnv()), BCRYPT_COST: '10' }).BCRYPT_COST).toBe(10);
  });

  it('accepts extra public keys for rotation only with a kid', async () => {
    const old = await generateSigningKey();
    const ok = {
      ...(await validEnv()),
      JWT_PUBLIC_KEYS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: old.x, kid: old.kid }] }),
    };
    expect(apiConfigSchema.parse(ok).JWT_PUBLIC_KEYS?.keys).toHaveLength(1);
    const noKid = {
      ...(await validEnv()),
      JWT_PUBLIC_KEYS: JSON.stringify({ keys: [{ kty: 'OKP', crv: 'Ed25519', x: old.x }] }),
    };
    expect(problems(noKid)).toEqual([expect.stringMatching(/^JWT_PUBLIC_KEYS\.keys\.0\.kid: /)]);
  });
});
