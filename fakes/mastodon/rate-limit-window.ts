// Mastodon's API rate limit as rack-attack applies it: a fixed budget per clock-aligned period
// (300 requests per 5 minutes by default), reported in X-RateLimit-* headers with an ISO reset time.

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the period ends, ms since epoch (sent as an ISO 8601 timestamp). */
  resetAt: number;
}

export class RateLimitWindow {
  private periodStart: number | null = null;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly periodMs: number,
  ) {}

  /** Spends one request at `now`; `allowed` is false when the period's budget was already spent. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    const periodStart = Math.floor(now / this.periodMs) * this.periodMs;
    if (periodStart !== this.periodStart) {
      this.periodStart = periodStart;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return { allowed, state: { limit: this.limit, remaining: this.limit - this.used, resetAt: periodStart + this.periodMs } };
  }

  /** Forgets the spent budget, as if the period had ended. */
  reset(): void {
    this.periodStart = null;
    this.used = 0;
  }
}
