// How a network's run that threw is recorded: rate limits, shutdowns, usage caps and failures, with
// a run deadline always named as the cause of a stop it caused.
import { describe, expect, test } from 'vitest';
import { CollectionAbortedError, RateLimitedError, RunDeadlineError, UsageCapExceededError } from '../../collector/errors.js';
import { runFailure } from '../../collector/run-collection.js';

describe('runFailure', () => {
  test('a rate limit that outlasts the wait is rate_limited, a shutdown interrupted, anything else failed', () => {
    expect(runFailure(new RateLimitedError('x', null), undefined).status).toBe('rate_limited');
    expect(runFailure(new CollectionAbortedError(), undefined).status).toBe('interrupted');
    expect(runFailure(new Error('socket hang up'), undefined)).toMatchObject({ status: 'failed', error: 'socket hang up', usageCapPeriod: null });
  });

  test('a stop caused by the run deadline is the deadline failure, whatever the adapter threw on its way out', () => {
    const deadline = new RunDeadlineError('bluesky', 60_000);
    const failure = runFailure(new CollectionAbortedError(), deadline);
    expect(failure.status).toBe('failed');
    expect(failure.error).toBe(deadline.message);
    expect(failure.cause).toBe(deadline);
  });

  test('a spent usage cap keeps its period for status, or "unknown" when X did not say', () => {
    expect(runFailure(new UsageCapExceededError('x', 'Monthly', 'Usage cap exceeded'), undefined).usageCapPeriod).toBe('Monthly');
    expect(runFailure(new UsageCapExceededError('x', null, 'Usage cap exceeded'), undefined).usageCapPeriod).toBe('unknown');
  });

  test('something thrown that is not an Error is still recorded in words', () => {
    expect(runFailure('gave up', undefined)).toMatchObject({ status: 'failed', error: 'gave up' });
  });
});
