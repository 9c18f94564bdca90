import type { Context, CookieOptions } from '../../context';
import { REFRESH_COOKIE_NAME, REFRESH_COOKIE_PATH, REFRESH_TOKEN_TTL_SECONDS, SESSION_HINT_COOKIE_NAME } from './keys';

function refreshCookieOptions(ctx: Context): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.deps.config.NODE_ENV === 'production',
    path: REFRESH_COOKIE_PATH,
  };
}

/** The page reads it (see SESSION_HINT_COOKIE_NAME): not HttpOnly, every path; otherwise as the refresh cookie. */
function sessionHintCookieOptions(ctx: Context): CookieOptions {
  return { ...refreshCookieOptions(ctx), httpOnly: false, path: '/' };
}

/** The refresh token (HttpOnly) and, beside it, the hint that one is there; both live as long as the token. */
export function setRefreshCookie(ctx: Context, refreshToken: string): void {
  ctx.response.setCookie(REFRESH_COOKIE_NAME, refreshToken, {
    ...refreshCookieOptions(ctx),
    maxAge: REFRESH_TOKEN_TTL_SECONDS,
  });
  ctx.response.setCookie(SESSION_HINT_COOKIE_NAME, '1', {
    ...sessionHintCookieOptions(ctx),
    maxAge: REFRESH_TOKEN_TTL_SECONDS,
  });
}

export function clearRefreshCookie(ctx: Context): void {
  ctx.response.clearCookie(REFRESH_COOKIE_NAME, refreshCookieOptions(ctx));
  ctx.response.clearCookie(SESSION_HINT_COOKIE_NAME, sessionHintCookieOptions(ctx));
}

export function refreshTokenFromCookie(ctx: Context): string | undefined {
  return ctx.request.cookies[REFRESH_COOKIE_NAME];
}
