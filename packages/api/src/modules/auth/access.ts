/**
 * The one access check. Every gate — `protectedProcedure`/`adminProcedure`, `sms.send` for bind_phone, the bom
 * viewer and the developer panel in `apps/server` — asks `accessVerdict`, so a rule added here holds everywhere.
 *
 * A valid signature is not enough: Postgres decides whether the session is still live and the user still enabled, so
 * a logout, a password change, a refresh-reuse revocation or a disable holds even after Redis loses its data.
 */
import type { RequestInfo } from '../../context';
import { bearerToken } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import type { AccessTokenClaims } from '../../security/tokens';
import type { UserRow } from '../../users/repo';
import { findAccessState, type AccessState } from './access-repo';

/** Who is calling: the verified token and the live, enabled user behind it (role as stored, not as in the token). */
export interface Viewer {
  userId: string;
  sessionId: string;
  isAdmin: boolean;
  user: UserRow;
  claims: AccessTokenClaims;
}

export type AccessNeed = 'signedIn' | 'admin';

export type AccessVerdict = { allowed: true; viewer: Viewer } | { allowed: false; error: AppError };

type AccessDeps = Pick<ApiDeps, 'db' | 'tokens' | 'access'>;

/** The user and session state behind a token: from the in-process cache when it may be trusted, else Postgres. */
export async function loadViewerState(
  deps: Pick<ApiDeps, 'db' | 'access'>,
  claims: AccessTokenClaims,
): Promise<AccessState> {
  const cached = deps.access.get(claims.userId, claims.sessionId);
  if (cached) return cached;
  const version = deps.access.version();
  const state = await findAccessState(deps.db, claims.userId, claims.sessionId);
  deps.access.put(claims.userId, claims.sessionId, state, version);
  return state;
}

/** The verdict on already-loaded state; disabled beats revoked so a disabled user learns why. */
function judge(claims: AccessTokenClaims, state: AccessState, need: AccessNeed): AccessVerdict {
  const { user, sessionLive } = state;
  if (!user) return { allowed: false, error: new AppError('UNAUTHORIZED', 'auth.sessionRevoked') };
  if (user.disabled_at !== null) return { allowed: false, error: new AppError('FORBIDDEN', 'auth.accountDisabled') };
  if (!sessionLive) return { allowed: false, error: new AppError('UNAUTHORIZED', 'auth.sessionRevoked') };
  const viewer: Viewer = {
    userId: user.id,
    sessionId: claims.sessionId,
    isAdmin: user.role === 'admin',
    user,
    claims,
  };
  if (need === 'admin' && !viewer.isAdmin) {
    return { allowed: false, error: new AppError('FORBIDDEN', 'auth.adminRequired') };
  }
  return { allowed: true, viewer };
}

/** May the bearer of this request's access token do what `need` names? Never throws for a refusal. */
export async function accessVerdict(
  deps: AccessDeps,
  request: Pick<RequestInfo, 'headers'>,
  need: AccessNeed = 'signedIn',
): Promise<AccessVerdict> {
  const token = bearerToken(request);
  if (!token) return { allowed: false, error: new AppError('UNAUTHORIZED', 'auth.missingAccessToken') };
  let claims: AccessTokenClaims;
  try {
    claims = await deps.tokens.verifyAccessToken(token);
  } catch (error) {
    if (error instanceof AppError) return { allowed: false, error };
    throw error;
  }
  return judge(claims, await loadViewerState(deps, claims), need);
}

/** The caller as a `Viewer`, or the refusal thrown as a typed error (UNAUTHORIZED / FORBIDDEN). */
export async function authenticate(
  deps: AccessDeps,
  request: Pick<RequestInfo, 'headers'>,
  need: AccessNeed = 'signedIn',
): Promise<Viewer> {
  const verdict = await accessVerdict(deps, request, need);
  if (!verdict.allowed) throw verdict.error;
  return verdict.viewer;
}

/** For a viewer already authenticated as signed in: refuses anyone but an admin. */
export function requireAdmin(viewer: Viewer): void {
  if (!viewer.isAdmin) throw new AppError('FORBIDDEN', 'auth.adminRequired');
}
