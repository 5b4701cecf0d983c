// Fixed-window request budgets per XRPC method, reported as Bluesky does in ratelimit-* headers
// (limit, remaining, reset in epoch seconds, policy "limit;w=window-seconds").

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  policy: string;
}

export class RateLimitWindow {
  private windowStart: number | null = null;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Spends one request at `now`; `allowed` is false once the window's budget is spent. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    if (this.windowStart === null || now >= this.windowStart + this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return { allowed, state: this.state(this.limit - this.used, now) };
  }

  /** The headers' values with `remaining` forced (a 429 fault reports the budget as spent). */
  state(remaining: number, now: number, reset?: number): RateLimitState {
    const start = this.windowStart ?? now;
    return {
      limit: this.limit,
      remaining,
      reset: reset ?? Math.ceil((start + this.windowMs) / 1000),
      policy: `${this.limit};w=${Math.round(this.windowMs / 1000)}`,
    };
  }
}
