// Fixed-window request budgets per XRPC method, as Bluesky reports them in ratelimit-* headers:
// limit, remaining, reset in epoch seconds and policy "limit;w=window-seconds". A window opens with its first request.
import { RequestBudget } from '../request-budget.js';

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  policy: string;
}

export class RateLimitWindow extends RequestBudget<RateLimitState> {
  protected readonly starts = 'first-request';

  report(remaining: number, windowEndsAt: number): RateLimitState {
    return { limit: this.limit, remaining, reset: Math.ceil(windowEndsAt / 1000), policy: `${this.limit};w=${Math.round(this.windowMs / 1000)}` };
  }
}
