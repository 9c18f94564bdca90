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

/** The AppError a call failed with, whether it came straight from a service or wrapped by tRPC; throws if the call succeeded. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  const cause = error instanceof TRPCError ? error.cause : error;
  if (!(cause instanceof AppError)) throw error;
  return cause;
}
