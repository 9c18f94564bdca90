import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { ApiDeps } from './deps';
import type { AppRouter } from './root';

export { appRouter, type AppRouter } from './root';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export { createCallerFactory, type AppErrorData, type ProcedureMeta } from './trpc';
export {
  describeProcedures,
  inputJsonSchema,
  outputSchemasUrl,
  type JsonSchema,
  type ProcedureEntry,
} from './catalogue';
export {
  createContext,
  type Context,
  type CookieOptions,
  type CreateContextOptions,
  type RequestInfo,
  type ResponseControl,
} from './context';
export { closeApiDeps, createApiDeps, type ApiDeps, type ApiDepsOverrides } from './deps';
export type { Logger } from './logger';
export { apiConfigSchema, type ApiConfig, type ApiConfigInput, type SigningJwk } from './config';
export { systemClock, type Clock } from './clock';
export { AppError, type AppErrorCode } from './errors';
export type { AuditAction } from './lib/audit';
export { smsConfigProblems } from './modules/sms/providers/create';
export { localeFromAcceptLanguage, translate, type Locale, type MessageKey } from './messages';
export {
  ACCESS_TOKEN_TTL_SECONDS,
  generateSigningKey,
  type AccessTokenClaims,
  type PublicJwks,
  type TokenService,
} from './security/tokens';
export { passwordWorkerUrl } from './security/passwords';
export { REFRESH_COOKIE_NAME, REFRESH_COOKIE_PATH, SESSION_HINT_COOKIE_NAME } from './modules/auth/keys';
export { accessVerdict, authenticate, type AccessVerdict, type Viewer } from './modules/auth/access';
export { pruneExpiredSessionTokens } from './modules/auth/sessions';
export { pruneExpiredBomData } from './modules/bom/retention';
export { adminCandidateExists, createFirstAdmin, type FirstAdminInput, type FirstAdminResult } from './first-admin';

/** The public keys to serve at `/.well-known/jwks.json`. */
export function getPublicJwks(deps: Pick<ApiDeps, 'tokens'>) {
  return deps.tokens.publicJwks();
}

export { startBomRunner, type BomRunner } from './modules/bom/runner';
export { openDownload, type Download } from './modules/bom/downloads-service';
export { admitUpload, type UploadAdmission } from './modules/bom/upload-gate';
export { contentDisposition } from './modules/bom/file-bytes';
export { bomWorkerUrl } from './modules/bom/worker-pool';
export type { RunEvent, RunPhase } from './modules/bom/progress';
