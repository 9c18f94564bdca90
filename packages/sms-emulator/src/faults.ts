/** Faults the next requests suffer, in the order they were injected. */
export type Fault =
  /** Dysmsapi's own flow control: HTTP 200 with `isv.BUSINESS_LIMIT_CONTROL`. */
  | { kind: 'throttle' }
  /** Gateway (API-level) flow control: HTTP 400 `Throttling.User`. */
  | { kind: 'gatewayThrottle' }
  /** A server fault: 503 `ServiceUnavailable` by default, or 500 `InternalError`. */
  | { kind: 'serverError'; status?: 500 | 502 | 503 }
  /**
   * Holds the answer back for `ms` (enough to trip the client's timeout); a request still connected is then processed.
   */
  | { kind: 'delay'; ms: number }
  /** Any other business result with HTTP 200, e.g. `isv.AMOUNT_NOT_ENOUGH`. */
  | { kind: 'businessError'; code: string; message?: string }
  /**
   * A request on a kept-alive connection (one that already carried an answer) is met with a reset and no answer, as
   * when the server's idle timeout closed the connection while the request was on its way. A request on a fresh
   * connection is served normally. Either way the fault is used up.
   */
  | { kind: 'idleClose' };

export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const fault = value as { kind: unknown; ms?: unknown; code?: unknown; status?: unknown };
  switch (fault.kind) {
    case 'throttle':
    case 'gatewayThrottle':
    case 'idleClose':
      return true;
    case 'serverError':
      return fault.status === undefined || fault.status === 500 || fault.status === 502 || fault.status === 503;
    case 'delay':
      return typeof fault.ms === 'number' && fault.ms >= 0;
    case 'businessError':
      return typeof fault.code === 'string' && fault.code.length > 0;
    default:
      return false;
  }
}
