// Failure kinds a collection run distinguishes: each maps to a run status and a message for people.
import type { Network } from '../core/types.js';

/** An HTTP answer other than success, normalised from whichever client made the request. */
export class UpstreamHttpError extends Error {
  override name = 'UpstreamHttpError';
  constructor(
    readonly network: Network,
    readonly status: number,
    message: string,
    /** When the network says the limit resets (ms since epoch), if it said. */
    readonly rateLimitResetAt: number | null = null,
  ) {
    super(message);
  }
}

/** The credentials were refused: retrying cannot help, a person has to fix the token. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly network: Network,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The rate limit resets too far in the future to wait for: the run ends cleanly, the next tick resumes. */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(
    readonly network: Network,
    readonly resetAt: number | null,
  ) {
    super(
      `${network} rate limit reached; ` +
        (resetAt ? `it resets at ${new Date(resetAt).toISOString()}` : 'no reset time was given') +
        ', the next scheduled run resumes from the saved checkpoint',
    );
  }
}

/**
 * The plan's usage cap is spent (X: HTTP 429 `UsageCapExceeded`, with a Daily or Monthly period).
 * Not a rate limit: no wait helps, so the network stops for this run without retrying.
 */
export class UsageCapExceededError extends Error {
  override name = 'UsageCapExceededError';
  constructor(
    readonly network: Network,
    /** 'Daily' or 'Monthly' as the network said, or null if it did not say. */
    readonly period: string | null,
    detail: string,
  ) {
    const span = period ? `${period.toLowerCase()} ` : '';
    const resets =
      period === 'Monthly'
        ? 'X does not say when it resets: a monthly cap resets with the plan\'s next billing period'
        : period === 'Daily'
          ? 'X does not say when it resets: a daily cap resets within a day'
          : 'X does not say when it resets';
    super(
      `${network} plan's ${span}usage cap was reached (${network === 'x' ? 'X' : network} said: "${detail}"); ` +
        `collection from ${network} stopped for this run without retrying and is tried again on the next run; ${resets}, or raise the plan's cap`,
    );
  }
}

/** Server errors or network failures that outlasted every retry. */
export class TransientFailureError extends Error {
  override name = 'TransientFailureError';
  constructor(
    readonly network: Network,
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`${network} kept failing after ${attempts} attempts: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The network answered, but not in the shape its API documents: nothing from it is stored. */
export class MalformedResponseError extends Error {
  override name = 'MalformedResponseError';
  constructor(
    readonly network: Network,
    readonly endpoint: string,
    detail: string,
  ) {
    super(`${network} ${endpoint} returned a response that does not match the API's format: ${detail}`);
  }
}

/** The process is shutting down: stop after the current page. */
export class CollectionAbortedError extends Error {
  override name = 'CollectionAbortedError';
  constructor() {
    super('collection stopped because the process is shutting down');
  }
}
