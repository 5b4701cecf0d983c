// Collects tracked-hashtag posts from Bluesky search (one pass per hashtag, newest first, cursor
// paging) and refreshes their counts with getPosts; authors' follower counts come from getProfiles.
// Crash safety: see bluesky-checkpoint.ts; every page is committed with its checkpoint before the next.
import type { NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import type { HttpLimits } from '../../bounded-request.js';
import type { RetryPolicy } from '../../retry.js';
import { createBlueskyClient } from './bluesky-client.js';
import { DEFAULT_LATE_ARRIVAL_WINDOW_MS, EMPTY_CHECKPOINT, freshRange, readCheckpoint, resumeRange } from './bluesky-checkpoint.js';
import { createFollowerLookup } from './bluesky-followers.js';
import { refreshBatch, type BlueskyRefreshDeps } from './bluesky-refresh.js';
import { searchHashtag } from './bluesky-search.js';
import { createSessionKeeper } from './bluesky-session.js';
import { createFileSessionStore } from './bluesky-session-store.js';

export { REMOVED_REASON, UNAVAILABLE_REASON } from './bluesky-refresh.js';

/** getPosts accepts at most 25 URIs. */
const POSTS_PER_LOOKUP = 25;

export interface BlueskyAdapterOptions {
  /** Base URL of the account's PDS or entryway, no trailing slash (e.g. https://bsky.social). */
  service: string;
  handle: string;
  /** An app password; the account password works too but is never what people should configure. */
  appPassword: string;
  retryPolicy: RetryPolicy;
  /** How far back the first run for a hashtag looks. Default 7 days. */
  backfillDays?: number;
  /** How long a follower count is reused before getProfiles is asked again. Default one hour. */
  followersMaxAgeMs?: number;
  fetch?: typeof fetch;
  /** Deadline per request and body cap; default 30 s and 4 MB. */
  limits?: HttpLimits;
  /**
   * How far before the last high-water mark each pass starts again (default 3 hours,
   * LATE_ARRIVAL_WINDOW), so a post the search index shows late is still collected.
   */
  lateArrivalWindowMs?: number;
  /**
   * File that keeps the session between runs and processes (owner-only, never the app password);
   * null or absent keeps it for this adapter's lifetime only.
   */
  sessionFile?: string | null;
}

/** The Bluesky adapter: one session kept across runs (see bluesky-session.ts), reused by collect and refresh. */
export function createBlueskyAdapter(options: BlueskyAdapterOptions): NetworkAdapter {
  const client = createBlueskyClient({
    service: options.service,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const session = createSessionKeeper({
    client,
    service: options.service.replace(/\/+$/, ''),
    handle: options.handle,
    appPassword: options.appPassword,
    retryPolicy: options.retryPolicy,
    ...(options.sessionFile ? { store: createFileSessionStore(options.sessionFile) } : {}),
  });
  const followers = createFollowerLookup({ client, session, ...(options.followersMaxAgeMs !== undefined ? { maxAgeMs: options.followersMaxAgeMs } : {}) });
  const deps: BlueskyRefreshDeps = { client, session, followers, retryPolicy: options.retryPolicy };
  const backfillDays = options.backfillDays ?? 7;
  const lateArrivalWindowMs = options.lateArrivalWindowMs ?? DEFAULT_LATE_ARRIVAL_WINDOW_MS;

  return {
    network: 'bluesky',
    refreshBatchSize: POSTS_PER_LOOKUP,

    async *collect(ctx) {
      for (const tag of ctx.hashtags) {
        const scope = `#${tag}`;
        let state = readCheckpoint(ctx.checkpoint(scope));
        if (state === null) {
          ctx.log.warn({ scope }, 'the saved Bluesky checkpoint is not in a format this version understands; collecting this hashtag afresh');
          state = EMPTY_CHECKPOINT;
        }
        const committed = state.newest;
        if (state.pass) {
          const { pass } = state;
          ctx.log.info({ scope, before: pass.oldest }, 'resuming the older range an interrupted Bluesky run left unfinished');
          // The interrupted pass's own high-water mark stands: its newest pages are already stored.
          const completed = yield* searchHashtag(deps, ctx, { tag, scope, range: resumeRange(pass) }, { newest: Date.parse(pass.newest), committed });
          if (!completed) return;
          state = { newest: pass.newest, pass: null };
        }
        const known = { newest: state.newest === null ? null : Date.parse(state.newest), committed: state.newest };
        const range = freshRange(state, ctx.now(), backfillDays, lateArrivalWindowMs);
        const completed = yield* searchHashtag(deps, ctx, { tag, scope, range }, known);
        if (!completed) return;
      }
    },

    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext): AsyncGenerator<RefreshedBatch> {
      for (let start = 0; start < requests.length; start += POSTS_PER_LOOKUP) {
        if (ctx.signal.aborted) return;
        yield await refreshBatch(deps, ctx, requests.slice(start, start + POSTS_PER_LOOKUP));
      }
    },
  };
}
