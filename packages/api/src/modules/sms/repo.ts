import type { Executor } from '@arya/db';

export interface SmsAttemptRow {
  phoneMasked: string;
  purpose: string;
  provider: string;
  resultCode: string;
  requestId: string | null;
  accepted: boolean;
  ip: string | null;
  at: Date;
}

export async function insertSmsAttempt(executor: Executor, row: SmsAttemptRow): Promise<void> {
  await executor
    .insertInto('sms_messages')
    .values({
      phone_masked: row.phoneMasked,
      purpose: row.purpose,
      provider: row.provider,
      result_code: row.resultCode,
      request_id: row.requestId,
      accepted: row.accepted,
      ip: row.ip,
      created_at: row.at,
    })
    .execute();
}
