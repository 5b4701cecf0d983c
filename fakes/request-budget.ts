// The counting every fake's rate limiter shares: a fixed budget of requests per window, one spent
// per request, refused once spent until the window ends. Where a window starts is each network's
// own rule, and how the budget is reported (header names, reset format) stays in each fake.

/** X and Bluesky open a window with its first request; Mastodon (rack-attack) aligns windows to the clock. */
export type WindowStart = 'first-request' | 'clock-aligned';

export interface BudgetSpend {
  /** False when the window's budget was already spent (the request is refused). */
  allowed: boolean;
  remaining: number;
  /** When the current window ends, ms since epoch. */
  windowEndsAt: number;
}

/** A budget that reports itself as one network's rate-limit headers do (`State`). */
export abstract class RequestBudget<State> {
  private windowStart: number | null = null;
  private used = 0;
  /** Where a window starts: the network's own rule, fixed by each fake's subclass. */
  protected abstract readonly starts: WindowStart;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Spends one request at `now`, opening a new window first when the last one has ended. */
  spend(now: number): BudgetSpend {
    const start = this.starts === 'clock-aligned' ? Math.floor(now / this.windowMs) * this.windowMs : now;
    const ended = this.windowStart === null || (this.starts === 'clock-aligned' ? start !== this.windowStart : now >= this.windowStart + this.windowMs);
    if (ended) {
      this.windowStart = start;
      this.used = 0;
    }
    const allowed = this.used < this.limit;
    if (allowed) this.used += 1;
    return { allowed, remaining: this.limit - this.used, windowEndsAt: this.windowEndsAt(now) };
  }

  /** Spends one request at `now`, with the network's header values after it. */
  take(now: number): { allowed: boolean; state: State } {
    const { allowed, remaining, windowEndsAt } = this.spend(now);
    return { allowed, state: this.report(remaining, windowEndsAt) };
  }

  /** The network's header values for `remaining` requests left in a window ending at `windowEndsAt` (ms); faults force both. */
  abstract report(remaining: number, windowEndsAt: number): State;

  /** When the current window ends; one opened at `now` when none is open yet. */
  windowEndsAt(now: number): number {
    return (this.windowStart ?? now) + this.windowMs;
  }

  /** Forgets the spent budget, as if the window had ended. */
  reset(): void {
    this.windowStart = null;
    this.used = 0;
  }
}
