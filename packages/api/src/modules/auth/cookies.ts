import type { Context, CookieOptions } from '../../context';
import { REFRESH_COOKIE_NAME, REFRESH_COOKIE_PATH, REFRESH_TOKEN_TTL_SECONDS } from './keys';

function refreshCookieOptions(ctx: Context): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.deps.config.NODE_ENV === 'production',
    path: REFRESH_COOKIE_PATH,
  };
}

export function setRefreshCookie(ctx: Context, refreshToken: string): void {
  ctx.response.setCookie(REFRESH_COOKIE_NAME, refreshToken, {
    ...refreshCookieOptions(ctx),
    maxAge: REFRESH_TOKEN_TTL_SECONDS,
  });
}

export function clearRefreshCookie(ctx: Context): void {
  ctx.response.clearCookie(REFRESH_COOKIE_NAME, refreshCookieOptions(ctx));
}

export function refreshTokenFromCookie(ctx: Context): string | undefined {
  return ctx.request.cookies[REFRESH_COOKIE_NAME];
}
