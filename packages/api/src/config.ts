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
  BCRYPT_COST: z.coerce
    .number()
    .int()
    .min(10, 'must be at least 10')
    .max(15, 'above 15 is too slow to serve')
    .default(12),
  /**
   * Who may create an account: `open` lets anyone sign up; `closed` leaves it to admins (`admin.users.create`).
   * Unset: closed in production (an internal tool must not take sign-ups from the Internet), open elsewhere so a fresh
   * clone can sign up at once. Read it through `registrationMode(config)`.
   */
  REGISTRATION_MODE: z.enum(['open', 'closed']).optional(),
  /**
   * Password hashes one network address may have waiting for a bcrypt thread; one more answers TOO_MANY_REQUESTS at
   * once. Threads take turns between addresses, so this bounds memory, not other addresses' wait.
   */
  PASSWORD_QUEUE_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(32),
  /** Registrations one network address may attempt per hour (a whole office behind one NAT shares it). */
  REGISTRATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(30),
  /** Largest workbook `bom.files.upload` accepts, in bytes (default 20 MiB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Worker threads running the BOM engine in each server process (default: cores − 1, at least 1). */
  BOM_WORKER_THREADS: z.coerce.number().int().min(1).max(64).optional(),
  /** Runs one user may have executing at once, over all server processes; more wait in the queue. */
  BOM_MAX_RUNNING_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * Runs one user may have waiting in the queue (not yet executing); one more is refused with TOO_MANY_REQUESTS. Five
   * covers a person starting a handful of runs in a row, while a script cannot pile up work that outlives its interest
   * (each queued run holds its files from deletion and gets a share of the engine threads).
   */
  BOM_MAX_QUEUED_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
  /**
   * Uploads one user may have in progress at once in one server process; one more is refused with TOO_MANY_REQUESTS
   * before its body is read, so the memory uploads hold stays bounded (each holds UPLOAD_MAX_BYTES at most, in a few
   * copies, while it is checked).
   */
  BOM_MAX_UPLOADS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * Comparisons (`bom.compare`, `bom.runs.compare`, comparison links opened) one user may have in progress at once in
   * one server process; one more is refused with TOO_MANY_REQUESTS. Each holds both workbooks and waits for the shared
   * worker threads, so a flood would otherwise pile up memory and starve everyone's runs.
   */
  BOM_MAX_COMPARES_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * `bom.files.materialRows` pages one user may have in progress at once in one server process; one more is refused
   * with TOO_MANY_REQUESTS, so a flood of them holds at most this many database connections (the online editor reads
   * one page at a time).
   */
  BOM_MAX_MATERIAL_ROWS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /**
   * `bom.files.dryRun` checks (an operations workbook against a BOM) one user may have in progress at once in one
   * server process; one more is refused with TOO_MANY_REQUESTS. Each holds both workbooks and waits for the shared
   * worker threads, as a comparison does.
   */
  BOM_MAX_DRY_RUNS_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
  /** How often each process looks for queued runs another process created (its own are started at once). */
  BOM_QUEUE_POLL_MS: z.coerce.number().int().min(50).default(1000),
  /** A running run's process refreshes its heartbeat this often. */
  BOM_HEARTBEAT_MS: z.coerce.number().int().min(50).default(5000),
  /** A running run whose heartbeat is older than this is taken as orphaned by a crashed process and recovered. */
  BOM_STALE_AFTER_MS: z.coerce.number().int().min(100).default(30_000),
  /** A run whose engine work takes longer is stopped (its worker thread terminated) and failed with a reason. */
  BOM_RUN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(5 * 60 * 1000),
  /** Lifetime of a download link issued by `bom.runs.downloadUrl` / `bom.files.downloadUrl`. */
  BOM_DOWNLOAD_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /**
   * When set, finished runs older than this many days are deleted (their result bytes dropped), and so are uploads that
   * old that no remaining run uses. Unset: everything is kept until deleted by hand.
   */
  BOM_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /** When both are set, the server creates this admin on first start if no admin exists yet. */
  ADMIN_ACCOUNT: z.string().min(1).optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),

  // SMS (cross-variable rules — production needs aliyun and a secret, http only for loopback — are checked when the
  // provider is built at start, see modules/sms/providers/create.ts)
  /** `aliyun` sends through Alibaba Cloud; `console` (default outside production) writes codes to the log. */
  SMS_PROVIDER: z.enum(['aliyun', 'console']).optional(),
  /** HMAC key for stored codes; required in production. */
  SMS_CODE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Allow numbers outside mainland China. */
  SMS_ALLOW_INTERNATIONAL: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  /**
   * Global SMS budget: codes the whole service sends per clock hour and per UTC day, whoever asks (SMS pumping from
   * many addresses gets past the per-phone and per-address limits). Beyond it `sms.send` answers SERVICE_UNAVAILABLE
   * and the audit log gets one `sms.budget_exhausted` entry per window. Size it at a few times the busiest real hour.
   */
  SMS_MAX_PER_HOUR: z.coerce.number().int().min(1).default(300),
  SMS_MAX_PER_DAY: z.coerce.number().int().min(1).default(2000),
  /** Codes one address may ask for in an hour before each further one needs a solved proof-of-work challenge. */
  SMS_POW_AFTER: z.coerce.number().int().min(0).max(1000).default(3),
  /**
   * The challenge's search space (SHA-256 tries, half of it on average). At 50 000 a solve took 0.9 s median, 1.2 s
   * at most, with Web Crypto in Node on 2 cores at load average 20; an idle machine or browser takes a fraction.
   */
  SMS_POW_MAX_NUMBER: z.coerce.number().int().min(10).max(10_000_000).default(50_000),
  ALIYUN_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_REGISTER: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_LOGIN: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_RESET_PASSWORD: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATE_BIND_PHONE: z.string().min(1).optional(),
  /** host[:port] without scheme, e.g. a local Dysmsapi emulator `127.0.0.1:4010`. */
  ALIYUN_SMS_ENDPOINT: z
    .string()
    .regex(/^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/, 'must be host[:port] without a scheme')
    .default('dysmsapi.aliyuncs.com'),
  ALIYUN_SMS_PROTOCOL: z.enum(['https', 'http']).default('https'),
  /** Connect and read timeout of one SendSms call. */
  ALIYUN_SMS_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;
export type ApiConfigInput = z.input<typeof apiConfigSchema>;
export type SigningJwk = z.infer<typeof ed25519PrivateJwk>;
export type PublicJwk = z.infer<typeof ed25519PublicJwk>;
