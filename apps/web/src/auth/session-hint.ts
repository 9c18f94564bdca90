/** The server's `SESSION_HINT_COOKIE_NAME` (packages/api): set and cleared with the HttpOnly refresh cookie. */
const SESSION_HINT_COOKIE = 'arya_session';

/**
 * Whether this browser holds a refresh cookie, as far as the page can tell (that cookie itself is HttpOnly). Without
 * the hint a refresh can only be refused, and the browser would log the refused request as an error.
 */
export function hasSessionHint(cookies: string = document.cookie): boolean {
  return cookies.split(';').some((pair) => pair.trim().startsWith(`${SESSION_HINT_COOKIE}=`));
}
