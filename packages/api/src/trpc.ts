/**
 * tRPC set-up in three parts: 1. context, 2. initialisation with the one error formatter, 3. procedure builders.
 */
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import { AppError } from './errors';
import { findUnstorableText } from './lib/storable-text';
import { messages, translate, type Locale, type MessageKey, type MessageParams } from './messages';
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

/** A schema's own message, when its issue carries one (`params.messageKey`, e.g. a display name's hidden character). */
function issueMessage(issue: z.core.$ZodIssue): { key: MessageKey; params: MessageParams } | undefined {
  if (issue.code !== 'custom' || typeof issue.params?.messageKey !== 'string') return undefined;
  if (!(issue.params.messageKey in messages)) return undefined;
  return { key: issue.params.messageKey as MessageKey, params: (issue.params.messageParams ?? {}) as MessageParams };
}

function describeError(error: TRPCError, locale: Locale | undefined): AppErrorData {
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
    const only = cause.issues.length === 1 && cause.issues[0] ? issueMessage(cause.issues[0]) : undefined;
    const fieldErrors = z.flattenError(cause, (issue) => {
      const own = issueMessage(issue);
      return own ? translate(own.key, own.params, locale) : issue.message;
    }).fieldErrors as Record<string, string[]>;
    // One problem with its own words: they are the message; otherwise the generic one, the details per field.
    return { messageKey: only?.key ?? 'error.validation', params: only?.params ?? {}, fieldErrors };
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
      const described = describeError(error, ctx?.locale);
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
