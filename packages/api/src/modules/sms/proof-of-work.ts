import { createHmac } from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { SMS_CHALLENGE_TTL_SECONDS, smsKeys } from './keys';
import { smsCodeSecret } from './providers/create';
import type { SmsChallenge, SmsProof } from './schemas';

type ProofDeps = Pick<ApiDeps, 'redis' | 'config' | 'clock'>;

const refuse = () => new AppError('BAD_REQUEST', 'sms.proofInvalid', {}, { field: 'proof' });

/** The challenges' HMAC key, derived from the SMS secret (one secret to configure, a key used for nothing else). */
function challengeKey(deps: Pick<ApiDeps, 'config'>): string {
  return createHmac('sha256', smsCodeSecret(deps.config)).update('arya sms proof-of-work').digest('hex');
}

/**
 * An ALTCHA challenge (self-hosted, altcha-lib's v1 format): find the number n ≤ maxnumber with
 * SHA-256(salt + n) = challenge. The salt carries its expiry and the signature (HMAC) proves the server made it, so
 * nothing is stored until a solution is used.
 */
export async function createSmsChallenge(deps: ProofDeps): Promise<SmsChallenge> {
  const expires = new Date(deps.clock.now().getTime() + SMS_CHALLENGE_TTL_SECONDS * 1000);
  const challenge = await createChallenge({
    algorithm: 'SHA-256',
    hmacKey: challengeKey(deps),
    maxNumber: deps.config.SMS_POW_MAX_NUMBER,
    expires,
  });
  return { ...challenge, algorithm: 'SHA-256', maxnumber: deps.config.SMS_POW_MAX_NUMBER };
}

/**
 * Accepts a solved challenge once: it must be signed by this server, unexpired by the service clock, solved, and not
 * used before (a Redis key held until it expires). Anything else is BAD_REQUEST `sms.proofInvalid`.
 */
export async function useSmsProof(deps: ProofDeps, proof: SmsProof): Promise<void> {
  const expiresMs = Number(extractParams(proof).expires) * 1000;
  const leftMs = expiresMs - deps.clock.now().getTime();
  if (!Number.isFinite(leftMs) || leftMs <= 0) throw refuse();
  if (!(await verifySolution(proof, challengeKey(deps), false))) throw refuse();
  const fresh = await deps.redis.set(smsKeys.proofUsed(proof.challenge), '1', 'PX', Math.ceil(leftMs), 'NX');
  if (fresh !== 'OK') throw refuse();
}
