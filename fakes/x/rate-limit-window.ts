// Per-endpoint request budgets in fixed 15-minute windows, like X's app-only limits: the window
// opens with its first request, every request spends one, and the budget refills at the reset.
import { RequestBudget } from '../request-budget.js';

export const RATE_LIMIT_WINDOW_MS = 15 * 60_000;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds, as in x-rate-limit-reset. */
  reset: number;
}

export class RateLimitWindow extends RequestBudget<RateLimitState> {
  protected readonly starts = 'first-request';

  constructor(limit: number) {
    super(limit, RATE_LIMIT_WINDOW_MS);
  }

  report(remaining: number, windowEndsAt: number): RateLimitState {
    return { limit: this.limit, remaining, reset: Math.ceil(windowEndsAt / 1000) };
  }
}
