/**
 * tRPC set-up in three parts: 1. context, 2. initialisation with the one error formatter, 3. procedure builders.
 */
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import { AppError } from './errors';
import { findUnstorableText } from './lib/storable-text';
import { translate, type MessageKey, type MessageParams } from './messages';
import { authenticate } from './modules/auth/access';

// 1. Context: built per request by `createContext` (context.ts).

// 2. Initialisation
const genericMessageKeys: Partial<Record<TRPC_ERROR_CODE_KEY, MessageKey>> = {
  BAD_REQUEST: 'error.badRequest',
  UNAUTHORIZED: 'error.unauthorized',
  FORBIDDEN: 'error.forbidden',
  NOT_FOUND: 'error.notFound',
  CONFLICT: 'error.conflict',
  TOO_MANY_REQUESTS: 'error.tooManyRequests',
  PAYLOAD_TOO_LARGE: 'error.payloadTooLarge',
};

export interface AppErrorData {
  messageKey: MessageKey;
  params: MessageParams;
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string[]>;
}

function describeError(error: TRPCError): AppErrorData {
  if (error instanceof AppError) {
    return {
      messageKey: error.messageKey,
      params: error.params,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
      ...(error.fieldErrors === undefined ? {} : { fieldErrors: error.fieldErrors }),
    };
  }
  const cause = error.cause;
  if (cause instanceof ZodError) {
    return {
      messageKey: 'error.validation',
      params: {},
      fieldErrors: z.flattenError(cause).fieldErrors as Record<string, string[]>,
    };
  }
  return { messageKey: genericMessageKeys[error.code] ?? 'error.internal', params: {} };
}

/** Every procedure says what it does (`.meta({ description })`); the panel and `/openapi.json` show it. */
export interface ProcedureMeta {
  description: string;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const described = describeError(error);
      // Without a context (the request failed before one was made) the environment is unknown: no stack then either.
      const showStack = ctx !== undefined && ctx.deps.config.NODE_ENV !== 'production';
      // Internal errors keep their detail in the logs only; the caller gets the translated generic text.
      const message =
        error.code === 'INTERNAL_SERVER_ERROR' || error instanceof AppError || error.cause instanceof ZodError
          ? translate(described.messageKey, described.params, ctx?.locale)
          : error.message;
      const { stack, ...dataWithoutStack } = shape.data;
      if (error instanceof AppError && error.field !== undefined) {
        described.fieldErrors = { ...described.fieldErrors, [error.field]: [message] };
      }
      return {
        ...shape,
        message,
        data: { ...(showStack ? { ...dataWithoutStack, stack } : dataWithoutStack), ...described },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;
export const mergeRouters = t.mergeRouters;

// 3. Procedures

/**
 * Every procedure refuses text Postgres cannot store (NUL, lone surrogates) before its input schema runs. Signed-in
 * procedures check it after the token, so an anonymous caller never gets an upload's body read.
 */
const storableInput = t.middleware(async ({ ctx, getRawInput, next }) => {
  const path = findUnstorableText(await getRawInput());
  if (path) {
    const params = { field: path.join('.') || 'input' };
    const fieldErrors = { [params.field]: [translate('error.unstorableText', params, ctx.locale)] };
    throw new AppError('BAD_REQUEST', 'error.unstorableText', params, { fieldErrors });
  }
  return next();
});

export const publicProcedure = t.procedure.use(storableInput);

/** Signed in: a valid access token of a live session of an enabled user (`modules/auth/access.ts` decides). */
export const protectedProcedure = t.procedure
  .use(async ({ ctx, next }) => {
    const viewer = await authenticate(ctx.deps, ctx.request);
    return next({ ctx: { auth: viewer.claims, viewer } });
  })
  .use(storableInput);

/** Admin only: the same check, and the role as stored now (not as in the token), so a demotion counts at once. */
export const adminProcedure = t.procedure
  .use(async ({ ctx, next }) => {
    const viewer = await authenticate(ctx.deps, ctx.request, 'admin');
    return next({ ctx: { auth: viewer.claims, viewer } });
  })
  .use(storableInput);
