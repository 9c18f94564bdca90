import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { AppError } from '../../src';

/** Asserts the promise rejects with a TRPCError of `code` caused by an AppError with `messageKey`; returns that AppError. */
export async function expectAppError(promise: Promise<unknown>, code: TRPCError['code'], messageKey: string): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.cause, `cause of ${trpcError.code}: ${trpcError.message}`).toBeInstanceOf(AppError);
  const appError = trpcError.cause as AppError;
  expect({ code: trpcError.code, messageKey: appError.messageKey }).toEqual({ code, messageKey });
  return appError;
}
