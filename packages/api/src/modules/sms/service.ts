import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { restoreLostBudgetCounters } from './budget-restore';
import { consumeSmsCode, generateSmsCode, storeSmsCode } from './codes';
import { SMS_CODE_TTL_SECONDS } from './keys';
import { maskPhone, normalisePhone, type NormalisedPhone } from './phone';
import { useSmsProof } from './proof-of-work';
import { smsCodeSecret } from './providers/create';
import { SmsProviderError, type SmsAccepted } from './providers/types';
import { insertSmsAttempt } from './repo';
import type { SmsProof, SmsPurpose } from './schemas';
import { reserveSmsSend, SmsBudgetExhausted, type SendReservation } from './send-limits';

export type SmsDeps = Pick<ApiDeps, 'db' | 'redis' | 'config' | 'clock' | 'logger' | 'sms'>;

/** Seconds the client should wait before offering "resend" (the per-phone minute limit). */
export const RESEND_AFTER_SECONDS = 60;

export function normaliseSmsPhone(deps: Pick<ApiDeps, 'config'>, raw: string): NormalisedPhone {
  return normalisePhone(raw, { allowInternational: deps.config.SMS_ALLOW_INTERNATIONAL });
}

function providerFailureToAppError(failure: SmsProviderError): AppError {
  switch (failure.kind) {
    case 'throttled': {
      const retryAfterSeconds = failure.retryAfterSeconds ?? RESEND_AFTER_SECONDS;
      return new AppError('TOO_MANY_REQUESTS', 'sms.providerThrottled', { retryAfterSeconds }, { retryAfterSeconds });
    }
    case 'invalidNumber':
      return new AppError('BAD_REQUEST', 'sms.phoneInvalid');
    case 'misconfigured':
      return new AppError('INTERNAL_SERVER_ERROR', 'sms.sendFailed');
    case 'unavailable':
      return new AppError('SERVICE_UNAVAILABLE', 'sms.unavailable');
  }
}

/**
 * Reserves the send (send-limits.ts). The first refusal by a spent global budget in each hour or day window leaves
 * one admin-visible audit entry (`sms.budget_exhausted`); later refusals in that window add none.
 */
async function reserveWithBudgetAudit(
  deps: SmsDeps,
  input: { phone: string; ip: string | null; userAgent?: string | null; proof?: SmsProof | undefined; now: Date },
): Promise<SendReservation> {
  try {
    await restoreLostBudgetCounters(deps, input.now);
    return await reserveSmsSend(deps.redis, {
      phone: input.phone,
      ip: input.ip,
      now: input.now,
      proven: input.proof !== undefined,
      powAfter: deps.config.SMS_POW_AFTER,
      budget: { perHour: deps.config.SMS_MAX_PER_HOUR, perDay: deps.config.SMS_MAX_PER_DAY },
    });
  } catch (error) {
    if (error instanceof SmsBudgetExhausted && error.firstOfWindow) {
      const limit = error.window === 'hour' ? deps.config.SMS_MAX_PER_HOUR : deps.config.SMS_MAX_PER_DAY;
      deps.logger.error({ window: error.windowId, limit }, 'SMS budget spent: codes are refused until the window ends');
      await recordAudit(
        deps.db,
        { ip: input.ip, userAgent: input.userAgent ?? null },
        {
          action: 'sms.budget_exhausted',
          actorUserId: null,
          subjectUserId: null,
          at: input.now,
          details: { window: error.windowId, limit },
        },
      );
    }
    throw error;
  }
}

/**
 * Sends a fresh code for `purpose` to `phone`. The answer never depends on whether the phone belongs to an account
 * (no enumeration): the difference shows only when the code is used.
 * Order matters: limits are reserved in Redis before the provider is called; the code is stored only once the
 * provider accepted it; a refused send gives the per-phone quota back.
 */
export async function sendSmsCode(
  deps: SmsDeps,
  input: {
    phone: string;
    purpose: SmsPurpose;
    ip: string | null;
    userAgent?: string | null;
    proof?: SmsProof | undefined;
  },
): Promise<{ sent: true; resendAfterSeconds: number; expiresInSeconds: number }> {
  const phone = normaliseSmsPhone(deps, input.phone);
  if (input.proof) await useSmsProof(deps, input.proof);
  const now = deps.clock.now();
  const reservation = await reserveWithBudgetAudit(deps, { ...input, phone: phone.e164, now });
  const code = generateSmsCode();
  const audit = {
    phoneMasked: maskPhone(phone.e164),
    purpose: input.purpose,
    provider: deps.sms.name,
    ip: input.ip,
    at: now,
  };

  let accepted: SmsAccepted;
  try {
    accepted = await deps.sms.send({ phone, purpose: input.purpose, code });
  } catch (error) {
    await reservation.release();
    const failure =
      error instanceof SmsProviderError
        ? error
        : new SmsProviderError({
            kind: 'unavailable',
            resultCode: 'PROVIDER_ERROR',
            requestId: null,
            detail: String(error),
          });
    await insertSmsAttempt(deps.db, {
      ...audit,
      resultCode: failure.resultCode,
      requestId: failure.requestId,
      accepted: false,
    });
    deps.logger[failure.kind === 'misconfigured' ? 'error' : 'warn'](
      {
        provider: deps.sms.name,
        purpose: input.purpose,
        phone: audit.phoneMasked,
        resultCode: failure.resultCode,
        requestId: failure.requestId,
        detail: failure.message,
      },
      'SMS provider did not accept the message',
    );
    throw providerFailureToAppError(failure);
  }

  await storeSmsCode(deps.redis, {
    secret: smsCodeSecret(deps.config),
    purpose: input.purpose,
    phone: phone.e164,
    code,
    now,
  });
  await insertSmsAttempt(deps.db, {
    ...audit,
    resultCode: accepted.resultCode,
    requestId: accepted.requestId,
    accepted: true,
  });
  return { sent: true, resendAfterSeconds: RESEND_AFTER_SECONDS, expiresInSeconds: SMS_CODE_TTL_SECONDS };
}

/**
 * Checks and uses up the code sent for `purpose` to `phone`; returns the normalised phone. Call it after validating
 * the rest of the input, so a typo elsewhere does not burn the code.
 */
export async function verifySmsCode(
  deps: Pick<ApiDeps, 'redis' | 'config' | 'clock'>,
  input: { phone: string; purpose: SmsPurpose; code: string },
): Promise<NormalisedPhone> {
  const phone = normaliseSmsPhone(deps, input.phone);
  await consumeSmsCode(deps.redis, {
    secret: smsCodeSecret(deps.config),
    purpose: input.purpose,
    phone: phone.e164,
    code: input.code,
    now: deps.clock.now(),
  });
  return phone;
}
