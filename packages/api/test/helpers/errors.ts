import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { AppError } from '../../src';

/** Asserts the promise rejects with an AppError (a TRPCError) of `code` with `messageKey`; returns it. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: TRPCError['code'],
  messageKey: string,
): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError, `${trpcError.code}: ${trpcError.message}`).toBeInstanceOf(AppError);
  const appError = trpcError as AppError;
  expect({ code: appError.code, messageKey: appError.messageKey }).toEqual({ code, messageKey });
  return appError;
}

/** The AppError a call failed with; throws if the call succeeded or failed otherwise. */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw error;
  return error;
}
