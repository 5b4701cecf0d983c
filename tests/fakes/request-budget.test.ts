// The request counting under the fakes' rate limits: a window opened by its first request (X,
// Bluesky) or aligned to the clock (Mastodon), and a spent budget refused until the window ends.
import { describe, expect, test } from 'vitest';
import { RequestBudget, type WindowStart } from '../../fakes/request-budget.js';

/** A budget that reports what it counts as it is. */
class CountingBudget extends RequestBudget<{ remaining: number; windowEndsAt: number }> {
  constructor(
    limit: number,
    windowMs: number,
    protected readonly starts: WindowStart,
  ) {
    super(limit, windowMs);
  }

  report(remaining: number, windowEndsAt: number) {
    return { remaining, windowEndsAt };
  }
}

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-10T12:02:00.000Z');

describe('RequestBudget', () => {
  test('a window opened by its first request lasts its full length from that request', () => {
    const budget = new CountingBudget(2, 15 * MINUTE, 'first-request');
    expect(budget.spend(T0)).toEqual({ allowed: true, remaining: 1, windowEndsAt: T0 + 15 * MINUTE });
    expect(budget.spend(T0 + MINUTE)).toEqual({ allowed: true, remaining: 0, windowEndsAt: T0 + 15 * MINUTE });
    expect(budget.spend(T0 + 14 * MINUTE)).toEqual({ allowed: false, remaining: 0, windowEndsAt: T0 + 15 * MINUTE });
    // The refusal does not extend the window: at its end the budget is whole again.
    expect(budget.spend(T0 + 15 * MINUTE)).toEqual({ allowed: true, remaining: 1, windowEndsAt: T0 + 30 * MINUTE });
  });

  test('a clock-aligned window ends on the period boundary, however late in it the first request came', () => {
    const budget = new CountingBudget(1, 5 * MINUTE, 'clock-aligned');
    const boundary = Date.parse('2026-03-10T12:05:00.000Z');
    expect(budget.spend(T0)).toEqual({ allowed: true, remaining: 0, windowEndsAt: boundary });
    expect(budget.spend(boundary - 1).allowed).toBe(false);
    expect(budget.spend(boundary)).toEqual({ allowed: true, remaining: 0, windowEndsAt: boundary + 5 * MINUTE });
  });

  test('take reports the spend as the network would, refusing once the budget is spent', () => {
    const budget = new CountingBudget(1, 5 * MINUTE, 'first-request');
    expect(budget.take(T0)).toEqual({ allowed: true, state: { remaining: 0, windowEndsAt: T0 + 5 * MINUTE } });
    expect(budget.take(T0 + MINUTE)).toEqual({ allowed: false, state: { remaining: 0, windowEndsAt: T0 + 5 * MINUTE } });
  });

  test('reset gives back the whole budget at once', () => {
    const budget = new CountingBudget(1, 5 * MINUTE, 'clock-aligned');
    budget.spend(T0);
    expect(budget.spend(T0).allowed).toBe(false);
    budget.reset();
    expect(budget.spend(T0).allowed).toBe(true);
  });
});
