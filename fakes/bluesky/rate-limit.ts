// Fixed-window request budgets per XRPC method, reported as Bluesky does in ratelimit-* headers
// (limit, remaining, reset in epoch seconds, policy "limit;w=window-seconds"). A window opens with its first request.
import { RequestBudget } from '../request-budget.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  policy: string;
}

export class RateLimitWindow extends RequestBudget {
  constructor(limit: number, windowMs: number) {
    super(limit, windowMs, 'first-request');
  }

  /** Spends one request at `now`; `allowed` is false once the window's budget is spent. */
  take(now: number): { allowed: boolean; state: RateLimitState } {
    const { allowed, remaining } = this.spend(now);
    return { allowed, state: this.state(remaining, now) };
  }

  /** The headers' values with `remaining` forced (a 429 fault reports the budget as spent). */
  state(remaining: number, now: number, reset?: number): RateLimitState {
    const policy = `${this.limit};w=${Math.round(this.windowMs / 1000)}`;
    return { limit: this.limit, remaining, reset: reset ?? Math.ceil(this.windowEndsAt(now) / 1000), policy };
  }
}
