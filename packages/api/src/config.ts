import { z } from 'zod';

const ed25519PrivateJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  d: z.string().min(1, 'must be a private key (it has no "d")'),
  kid: z.string().min(1).optional(),
});

const ed25519PublicJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().min(1),
  kid: z.string().min(1, 'every extra public key needs a "kid"'),
});

/** A string env var holding JSON, parsed then validated by `schema`. */
function jsonEnv<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** The environment variables the API reads. The server parses them once at start (and may add its own). */
export const apiConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** Optional here because the dev server may start an embedded Postgres and pass the pool in instead. */
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().min(1).optional(),
  /** Ed25519 private key as a JWK (JSON), e.g. from `generateSigningKey()`. */
  JWT_PRIVATE_KEY: jsonEnv(ed25519PrivateJwk),
  /** Extra public keys still accepted on verify (key rotation), as a JWKS: `{"keys": [...]}`. */
  JWT_PUBLIC_KEYS: jsonEnv(z.object({ keys: z.array(ed25519PublicJwk) })).optional(),
  JWT_ISSUER: z.string().min(1).default('arya'),
  JWT_AUDIENCE: z.string().min(1).default('arya'),
  BCRYPT_COST: z.coerce.number().int().min(10, 'must be at least 10').max(15, 'above 15 is too slow to serve').default(12),
  /** When both are set, the server creates this admin on first start if no admin exists yet. */
  ADMIN_ACCOUNT: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export type ApiConfigInput = z.input<typeof apiConfigSchema>;
export type SigningJwk = z.infer<typeof ed25519PrivateJwk>;
export type PublicJwk = z.infer<typeof ed25519PublicJwk>;
