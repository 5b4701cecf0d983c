// Mastodon's API rate limit as rack-attack applies it: a fixed budget per clock-aligned period
// (300 requests per 5 minutes by default), reported in X-RateLimit-* headers with an ISO reset time.
import { RequestBudget } from '../request-budget.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the period ends, ms since epoch (sent as an ISO 8601 timestamp). */
  resetAt: number;
}

export class RateLimitWindow extends RequestBudget {
  constructor(limit: number, periodMs: number) {
    super(limit, periodMs, 'clock-aligned');
  }

  /** Spends one request at `now`; `allowed` is false when the period's budget was already spent. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    const { allowed, remaining, windowEndsAt } = this.spend(now);
    return { allowed, state: { limit: this.limit, remaining, resetAt: windowEndsAt } };
  }
}
