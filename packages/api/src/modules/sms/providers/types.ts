import type { NormalisedPhone } from '../phone';
import type { SmsPurpose } from '../schemas';

export type SmsProviderName = 'aliyun' | 'console';

export interface SmsMessage {
  phone: NormalisedPhone;
  purpose: SmsPurpose;
  code: string;
}

/** The provider accepted the message. */
export interface SmsAccepted {
  resultCode: string;
  requestId: string | null;
}

/**
 * Why a provider did not accept a message:
 * - `throttled`: its flow control refused this phone (→ TOO_MANY_REQUESTS);
 * - `invalidNumber`: it does not consider the number a mobile number (→ BAD_REQUEST);
 * - `misconfigured`: our keys, signature, sign name or template are wrong (→ INTERNAL_SERVER_ERROR, needs an operator);
 * - `unavailable`: 5xx, timeout or network failure (→ SERVICE_UNAVAILABLE, worth retrying later).
 */
export type SmsFailureKind = 'throttled' | 'invalidNumber' | 'misconfigured' | 'unavailable';

export class SmsProviderError extends Error {
  readonly kind: SmsFailureKind;
  /**
   * The provider's code (e.g. `isv.BUSINESS_LIMIT_CONTROL`, `SignatureDoesNotMatch`) or ours (`TIMEOUT`,
   * `NETWORK_ERROR`).
   */
  readonly resultCode: string;
  readonly requestId: string | null;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    kind: SmsFailureKind;
    resultCode: string;
    requestId: string | null;
    detail: string;
    retryAfterSeconds?: number;
  }) {
    super(init.detail);
    this.name = 'SmsProviderError';
    this.kind = init.kind;
    this.resultCode = init.resultCode;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export interface SmsProvider {
  readonly name: SmsProviderName;
  /** Resolves when the provider accepted the message; throws `SmsProviderError` otherwise. */
  send: (message: SmsMessage) => Promise<SmsAccepted>;
}
