import type { ColumnType, Generated } from 'kysely';
import type { UpdatedAt } from './users';

/** One row per attempt to hand a verification code to the SMS provider (delivery receipts are out of scope). */
export interface SmsMessagesTable {
  id: Generated<string>;
  /** Masked (`+86 138****8000`): enough to answer "did we send to this person?", not a phone book. */
  phone_masked: string;
  purpose: string;
  provider: string;
  /**
   * The provider's result code (`OK`, `isv.BUSINESS_LIMIT_CONTROL`, `SignatureDoesNotMatch`…) or
   * `TIMEOUT`/`NETWORK_ERROR`.
   */
  result_code: string;
  /** The provider's RequestId, for support tickets; null when no answer came back. */
  request_id: string | null;
  accepted: boolean;
  ip: string | null;
  /** Explicit so the recorded time follows the service clock. */
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: UpdatedAt;
}
