// Mastodon's API rate limit as rack-attack applies it: a fixed budget per clock-aligned period
// (300 requests per 5 minutes by default), reported in X-RateLimit-* headers with an ISO reset time.
import { RequestBudget } from '../request-budget.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** When the period ends, ms since epoch (sent as an ISO 8601 timestamp). */
  resetAt: number;
}

export class RateLimitWindow extends RequestBudget<RateLimitState> {
  protected readonly starts = 'clock-aligned';

  report(remaining: number, windowEndsAt: number): RateLimitState {
    return { limit: this.limit, remaining, resetAt: windowEndsAt };
  }
}
