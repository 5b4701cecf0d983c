// Collects tracked-hashtag posts from Bluesky search (one pass per hashtag, newest first, cursor
// paging) and refreshes their counts with getPosts; authors' follower counts come from getProfiles.
// Crash safety: see bluesky-checkpoint.ts; every page is committed with its checkpoint before the next.
import type { CollectedPage, NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import type { HttpLimits } from '../../bounded-request.js';
import { withRetries, type RetryPolicy } from '../../retry.js';
import { createBlueskyClient, XrpcError } from './bluesky-client.js';
import {
  checkpointAfterPage,
  DEFAULT_LATE_ARRIVAL_WINDOW_MS,
  EMPTY_CHECKPOINT,
  freshRange,
  readCheckpoint,
  resumeRange,
  type BlueskyCheckpoint,
  type SearchRange,
} from './bluesky-checkpoint.js';
import { createFollowerLookup } from './bluesky-followers.js';
import { blueskyAuthor, blueskyMetrics, blueskyPost, recordHashtags, sortTime } from './bluesky-normalize.js';
import { POST_URI_PATTERN } from './bluesky-schema.js';
import { BLUESKY_CREDENTIAL, createSessionKeeper, retryContextFor } from './bluesky-session.js';
import { createFileSessionStore } from './bluesky-session-store.js';

/** searchPosts answers at most 100 posts a page. */
const SEARCH_PAGE_SIZE = 100;
/** getPosts accepts at most 25 URIs. */
const POSTS_PER_LOOKUP = 25;
export const REMOVED_REASON = 'deleted (its record is gone from the author\'s repository)';
export const UNAVAILABLE_REASON = 'no longer shown by Bluesky but not deleted (the author blocked this account, was taken down or deactivated); last counts kept';

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
  const backfillDays = options.backfillDays ?? 7;
  const lateArrivalWindowMs = options.lateArrivalWindowMs ?? DEFAULT_LATE_ARRIVAL_WINDOW_MS;

  /**
   * Pages one range newest first; returns true when it reached the range's lower bound.
   * `known.newest` keeps the high-water mark from moving back; `known.committed` is the mark to keep while unfinished.
   */
  async function* paginate(
    ctx: RunContext,
    tag: string,
    scope: string,
    range: SearchRange,
    known: { newest: number | null; committed: string | null },
  ): AsyncGenerator<CollectedPage, boolean> {
    let newest = known.newest;
    let oldest: number | null = null;
    let cursor: string | undefined;
    for (;;) {
      if (ctx.signal.aborted) return false;
      const remaining = ctx.readsRemaining();
      if (remaining !== null && remaining <= 0) {
        ctx.log.warn({ scope }, 'Bluesky read budget reached: stopping search; the unfinished range resumes when budget is available');
        return false;
      }
      const page = await session.authorized(ctx, 'searchPosts', (token) =>
        client.searchPosts(
          token,
          {
            // q is required. A `#tag` query is what Bluesky's own hashtag screen sends and is known to
            // work; the `tag` filter alone (with q=*) has been ignored by the search service.
            q: `#${tag}`,
            tags: [tag],
            sort: 'latest',
            limit: remaining === null ? SEARCH_PAGE_SIZE : Math.min(SEARCH_PAGE_SIZE, remaining),
            since: range.from,
            until: range.before,
            cursor,
          },
          ctx.signal,
        ),
      );
      ctx.meter.postsRead += page.posts.length;
      for (const view of page.posts) {
        const at = sortTime(view);
        newest = newest === null ? at : Math.max(newest, at);
        oldest = oldest === null ? at : Math.min(oldest, at);
      }
      // Only a missing cursor ends a pass: search drops posts after paging (blocks, takedowns), so a
      // page can come back empty with a cursor to more. Such a page commits nothing.
      const finished = !page.cursor;
      if (!finished && page.cursor === cursor) {
        ctx.log.warn({ scope }, 'Bluesky search answered the same cursor again; stopping this pass, the next run resumes it');
        return false;
      }
      if (!finished && page.posts.length === 0) {
        cursor = page.cursor;
        continue;
      }
      // Nothing in range and nothing known: there is no progress to record.
      if (newest === null) return true;
      // Search may match text loosely; only posts that declare the tag (facet or tags field) count.
      const tagged = page.posts.filter((view) => recordHashtags(view.record).includes(tag));
      if (tagged.length < page.posts.length) ctx.log.debug({ scope, skipped: page.posts.length - tagged.length }, 'Bluesky search returned posts without the hashtag; skipped');
      const extras = tagged.length ? await followers.forAuthors(ctx, tagged.map((view) => view.author.did)) : new Map();
      const state: BlueskyCheckpoint = checkpointAfterPage(known.committed, { range, newest, oldest: oldest ?? newest, finished });
      yield { posts: tagged.map((view) => blueskyPost(view, extras.get(view.author.did))), checkpoint: { scope, state } };
      if (finished) return true;
      cursor = page.cursor;
    }
  }

  /** True only when the author's repository answers RecordNotFound for the post (confirmed deleted). */
  async function recordIsGone(ctx: RunContext, uri: string): Promise<boolean> {
    const [, repo, rkey] = POST_URI_PATTERN.exec(uri) ?? [];
    if (!repo || !rkey) return false;
    try {
      await withRetries(retryContextFor(ctx, options.retryPolicy), 'getRecord', BLUESKY_CREDENTIAL, () =>
        client.getRecord({ repo, collection: 'app.bsky.feed.post', rkey }, ctx.signal),
      );
      return false;
    } catch (error) {
      if (error instanceof XrpcError && error.status === 400 && error.xrpcError === 'RecordNotFound') return true;
      // Any other refusal (an unknown repo, a deactivated one) is not a confirmed deletion.
      if (error instanceof XrpcError && error.status < 500 && error.status !== 429) return false;
      throw error;
    }
  }

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
          const completed = yield* paginate(ctx, tag, scope, resumeRange(pass), { newest: Date.parse(pass.newest), committed });
          if (!completed) return;
          state = { newest: pass.newest, pass: null };
        }
        const known = { newest: state.newest === null ? null : Date.parse(state.newest), committed: state.newest };
        const completed = yield* paginate(ctx, tag, scope, freshRange(state, ctx.now(), backfillDays, lateArrivalWindowMs), known);
        if (!completed) return;
      }
    },

    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext): AsyncGenerator<RefreshedBatch> {
      for (let start = 0; start < requests.length; start += POSTS_PER_LOOKUP) {
        if (ctx.signal.aborted) return;
        const batch = requests.slice(start, start + POSTS_PER_LOOKUP);
        const uris = batch.map((request) => request.refreshRef);
        const answer = await session.authorized(ctx, 'getPosts', (token) => client.getPosts(token, uris, ctx.signal));
        ctx.meter.postsRead += answer.posts.length;
        const found = new Map(answer.posts.map((view) => [view.uri, view]));
        // One getProfiles call covers a whole batch's authors, and cached ones cost nothing.
        const extras = await followers.forAuthors(ctx, answer.posts.map((view) => view.author.did));
        const readings = [];
        const removed = [];
        const unavailable = [];
        for (const request of batch) {
          const view = found.get(request.refreshRef);
          if (view) {
            readings.push({ networkId: request.networkId, metrics: blueskyMetrics(view), author: blueskyAuthor(view.author, extras.get(view.author.did)) });
            continue;
          }
          // getPosts silently leaves out deleted posts, but also those hidden from this account: only
          // the author's repository can say the record is gone.
          if (await recordIsGone(ctx, request.refreshRef)) removed.push({ networkId: request.networkId, reason: REMOVED_REASON });
          else unavailable.push({ networkId: request.networkId, reason: UNAVAILABLE_REASON });
        }
        yield { readings, removed, unavailable };
      }
    },
  };
}
