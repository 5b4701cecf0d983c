// A RunContext for driving an adapter directly in tests, with an in-memory checkpoint store and captured logs.
import { Writable } from 'node:stream';
import { createMeter, type CollectedPage, type RunContext } from '../../collector/adapter.js';
import { createLogger } from '../../core/logger.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../collector/retry.js';

/** Retry timings small enough for tests, same behaviour otherwise. */
export const FAST_RETRY_POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 20, maxRateLimitWaitMs: 3_000 };

export interface TestRunContext extends RunContext {
  checkpoints: Map<string, unknown>;
  /** Everything logged, one JSON line per entry. */
  logLines: string[];
  /** Saves each page's checkpoint as the run loop would after committing it. */
  commit(page: CollectedPage): void;
}

export function createTestRunContext(options: { hashtags?: string[]; readsRemaining?: number | null; signal?: AbortSignal } = {}): TestRunContext {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const checkpoints = new Map<string, unknown>();
  const meter = createMeter();
  return {
    signal: options.signal ?? new AbortController().signal,
    log: createLogger({ format: 'json', level: 'debug', destination: sink }),
    meter,
    hashtags: options.hashtags ?? ['jobquality'],
    hashtagsSetting: 'TRACK_HASHTAGS',
    checkpoint: (scope) => checkpoints.get(scope),
    readsRemaining: () => (options.readsRemaining == null ? null : options.readsRemaining - meter.postsRead),
    now: () => Date.now(),
    checkpoints,
    logLines,
    commit(page) {
      if (page.checkpoint) checkpoints.set(page.checkpoint.scope, page.checkpoint.state);
    },
  };
}
