/**
 * Dysmsapi's default flow control for verification codes: per phone number and sign name, 1 per minute, 5 per hour,
 * 10 per day. A refusal is answered as `isv.BUSINESS_LIMIT_CONTROL` with HTTP 200.
 */
export interface FlowControlLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
}

export const DEFAULT_FLOW_CONTROL: FlowControlLimits = { perMinute: 1, perHour: 5, perDay: 10 };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export class FlowControl {
  readonly #sent = new Map<string, number[]>();

  constructor(readonly limits: FlowControlLimits | false) {}

  /**
   * The refusal message if one more message to this phone would exceed a limit, else null (and the send is counted).
   */
  admit(phone: string, signName: string, now: number): string | null {
    if (!this.limits) return null;
    const key = `${signName}\u0000${phone}`;
    const recent = (this.#sent.get(key) ?? []).filter((at) => now - at < DAY);
    const within = (window: number) => recent.filter((at) => now - at < window).length;
    if (within(MINUTE) >= this.limits.perMinute) return `触发分钟级流控Permits:${this.limits.perMinute}`;
    if (within(HOUR) >= this.limits.perHour) return `触发小时级流控Permits:${this.limits.perHour}`;
    if (recent.length >= this.limits.perDay) return `触发天级流控Permits:${this.limits.perDay}`;
    recent.push(now);
    this.#sent.set(key, recent);
    return null;
  }

  reset(): void {
    this.#sent.clear();
  }
}
