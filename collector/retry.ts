// Bounded retries for network requests: waits out short rate limits, backs off on server and
// network errors with jitter, and turns everything else into a run-ending error with a clear cause.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { RequestMeter, RunContext } from './adapter.js';
import type { Logger } from 'pino';
import type { Network } from '../core/types.js';
import {
  AuthError,
  CollectionAbortedError,
  MalformedResponseError,
  RateLimitedError,
  ResponseTooLargeError,
  TransientFailureError,
  UpstreamHttpError,
  UsageCapExceededError,
} from './errors.js';

export interface RetryPolicy {
  /** Attempts for 5xx and network errors, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 whose reset is further away than this ends the run instead of waiting. */
  maxRateLimitWaitMs: number;
  /** Time zone for the "resuming at HH:MM" log line. */
  timeZone: string;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRateLimitWaitMs: 5 * 60_000,
  timeZone: 'UTC',
};

export interface RetryContext {
  network: Network;
  log: Logger;
  meter: RequestMeter;
  signal: AbortSignal;
  now(): number;
  policy: RetryPolicy;
}

/** The retry context for one `network` request within a run. */
export function retryContextFor(network: Network, ctx: RunContext, policy: RetryPolicy): RetryContext {
  return { network, log: ctx.log, meter: ctx.meter, signal: ctx.signal, now: ctx.now, policy };
}

/** Explains a refused credential in words that tell the reader what to fix. */
export function describeAuthFailure(network: Network, status: number, credential: string): string {
  return status === 401
    ? `${network} refused the credentials (HTTP 401): ${credential} is wrong, expired or revoked. Set a valid one and run again.`
    : `${network} denied access (HTTP 403): ${credential} is valid but lacks access to this endpoint (check the app's access level or plan).`;
}

/**
 * Runs `request` (one HTTP call) until it succeeds or fails for good. Every attempt counts as a
 * request on the meter, since networks bill and rate-limit attempts, not successes.
 */
export async function withRetries<T>(
  ctx: RetryContext,
  what: string,
  credential: string,
  request: () => Promise<T>,
): Promise<T> {
  const { policy, log, meter } = ctx;
  let failures = 0;
  let rateLimitWaits = 0;
  for (;;) {
    if (ctx.signal.aborted) throw new CollectionAbortedError();
    meter.requests += 1;
    try {
      return await request();
    } catch (error) {
      // Retrying cannot fix these; shutdown and run deadlines end the run at once.
      if (error instanceof MalformedResponseError || error instanceof AuthError || error instanceof UsageCapExceededError || error instanceof ResponseTooLargeError) throw error;
      if (error instanceof CollectionAbortedError || ctx.signal.aborted) throw new CollectionAbortedError();
      if (error instanceof UpstreamHttpError) {
        if (error.status === 401 || error.status === 403) {
          throw new AuthError(ctx.network, error.status, describeAuthFailure(ctx.network, error.status, credential));
        }
        if (error.status === 429) {
          const waitMs = error.rateLimitResetAt === null ? null : Math.max(0, error.rateLimitResetAt - ctx.now()) + 1_000;
          if (waitMs === null || waitMs > policy.maxRateLimitWaitMs || rateLimitWaits >= 3) {
            throw new RateLimitedError(ctx.network, error.rateLimitResetAt);
          }
          rateLimitWaits += 1;
          meter.rateLimitPauses += 1;
          const resumeAt = DateTime.fromMillis(ctx.now() + waitMs, { zone: policy.timeZone }).toFormat('HH:mm:ss');
          log.warn({ what, waitMs }, `${ctx.network} rate-limited, resuming at ${resumeAt}`);
          await pause(waitMs, ctx.signal);
          continue;
        }
        if (error.status < 500) throw error;
      }
      failures += 1;
      if (failures >= policy.maxAttempts) throw new TransientFailureError(ctx.network, failures, error);
      // Full jitter: spreads retries from many clients instead of synchronising them.
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failures - 1));
      const delayMs = Math.round(Math.random() * ceiling);
      log.warn({ what, attempt: failures, delayMs, reason: errorMessage(error) }, `${ctx.network} request failed, retrying`);
      await pause(delayMs, ctx.signal);
    }
  }
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleepFor(ms, undefined, { signal });
  } catch {
    throw new CollectionAbortedError();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
