import { addressBucket } from '../../lib/address-bucket';
import type { RateLimit } from '../../lib/rate-limit';

export const REFRESH_COOKIE_NAME = 'arya_refresh';
export const REFRESH_COOKIE_PATH = '/trpc';
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/**
 * Set and cleared with the refresh cookie, but readable by the page (value `1`, path `/`): the web app asks for a
 * refresh only when it is there, so a signed-out visit sends no refresh that must fail. A hint, never a credential.
 */
export const SESSION_HINT_COOKIE_NAME = 'arya_session';
/** A rotated refresh token presented again within this time by the same client is a concurrent refresh, not theft. */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

export const authKeys = {
  loginFailuresByAccount: (account: string) => `auth:login-failures:account:${account}`,
  // Per client address as limits count them (an IPv6 /64 is one client).
  loginFailuresByIp: (ip: string) => `auth:login-failures:ip:${addressBucket(ip)}`,
  registrationsByIp: (ip: string) => `auth:registrations:ip:${addressBucket(ip)}`,
  passwordChangesByIp: (ip: string) => `auth:password-changes:ip:${addressBucket(ip)}`,
  /** A one-time set-password link: key by the token's hash, value the user id. */
  setupLink: (tokenHash: string) => `auth:setup-link:${tokenHash}`,
  /** The token hash of the user's latest link, so issuing a new link retires the old one. */
  setupLinkOfUser: (userId: string) => `auth:setup-link:user:${userId}`,
};

/** An admin hands the link over by chat or mail; three days covers a weekend. */
export const SETUP_LINK_TTL_SECONDS = 3 * 24 * 60 * 60;

export const loginLimits = {
  perAccount: (account: string): RateLimit => ({
    key: authKeys.loginFailuresByAccount(account),
    limit: 5,
    windowSeconds: 15 * 60,
  }),
  perIp: (ip: string): RateLimit => ({ key: authKeys.loginFailuresByIp(ip), limit: 30, windowSeconds: 60 }),
};

/**
 * Every registration attempt that passes the cheap checks counts (taken accounts too: they would reveal who exists).
 */
export const registrationLimit = (ip: string, perHour: number): RateLimit => ({
  key: authKeys.registrationsByIp(ip),
  limit: perHour,
  windowSeconds: 60 * 60,
});

/**
 * Password changes (reset by SMS, set by link or code, change, phone binding) one address may attempt a minute: each
 * may cost a bcrypt hash, and none is something a person does more than a few times.
 */
export const passwordChangeLimit = (ip: string): RateLimit => ({
  key: authKeys.passwordChangesByIp(ip),
  limit: 20,
  windowSeconds: 60,
});
