// Per-endpoint request budgets in fixed 15-minute windows, like X's app-only limits: the window
// opens with its first request, every request spends one, and the budget refills at the reset.

export const RATE_LIMIT_WINDOW_MS = 15 * 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds, as in x-rate-limit-reset. */
  reset: number;
}

export class RateLimitWindow {
  private windowStart: number | null = null;
  private used = 0;

  constructor(readonly limit: number) {}

  /** Spends one request at `now`; `allowed` is false when the window's budget was already spent. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    if (this.windowStart === null || now >= this.windowStart + RATE_LIMIT_WINDOW_MS) {
      this.windowStart = now;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return {
      allowed,
      state: { limit: this.limit, remaining: this.limit - this.used, reset: Math.ceil((this.windowStart + RATE_LIMIT_WINDOW_MS) / 1000) },
    };
  }
}
