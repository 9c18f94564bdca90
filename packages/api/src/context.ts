import type { ApiDeps } from './deps';
import { localeFromAcceptLanguage, type Locale } from './messages';

export interface CookieOptions {
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'lax' | 'strict' | 'none';
  path?: string;
  /** Lifetime in seconds. */
  maxAge?: number;
  expires?: Date;
}

/** What the API needs from an HTTP request, independent of the server framework. */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  headers: Record<string, string | string[] | undefined>;
  cookies: Record<string, string | undefined>;
}

/** What the API may do to the HTTP response. */
export interface ResponseControl {
  setCookie: (name: string, value: string, options: CookieOptions) => void;
  clearCookie: (name: string, options: CookieOptions) => void;
}

export interface CreateContextOptions {
  deps: ApiDeps;
  request: RequestInfo;
  response: ResponseControl;
}

export interface Context extends CreateContextOptions {
  locale: Locale;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function createContext(options: CreateContextOptions): Context {
  return { ...options, locale: localeFromAcceptLanguage(firstHeader(options.request.headers['accept-language'])) };
}

export function bearerToken(request: Pick<RequestInfo, 'headers'>): string | null {
  const header = firstHeader(request.headers['authorization']);
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
