// Collects tracked-hashtag posts from X recent search and refreshes their counts by id lookup.
// Crash safety: search pages arrive newest first, so a pass's new high-water mark (since_id) is
// only saved once pagination has reached the previous one; until then the checkpoint records the
// unfinished pass, and the next run first fills that older range (until_id = oldest id stored).
import type { CollectedPage, NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import { withRetries, type RetryContext, type RetryPolicy } from '../../retry.js';
import { createXClient, type XClient } from './x-client.js';
import {
  indexUsers, isSupersededVersion, retweetedId, xAuthor, xMetrics, xPagePosts, xPost, xRetweetedOriginals, xSearchQuery, xStableId,
} from './x-normalize.js';
import type { XLookupResponse, XProblem, XTweet } from './x-schema.js';
import { snowflakeTime } from './snowflake.js';

/** X recent search only reaches this far back. */
export const X_SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;
/** Keeps requests safely inside the window despite clock skew. */
const WINDOW_MARGIN_MS = 5 * 60_000;
const MAX_QUERY_LENGTH = 512;
const CREDENTIAL = 'X_BEARER_TOKEN';
/**
 * X may answer a page with no posts that still carries a next_token (posts dropped after the page
 * was cut); the pass goes on. This many in a row ends the pass unfinished, so a misbehaving cursor
 * can never spin: the checkpoint stays where it was and the next run resumes from it.
 */
const MAX_EMPTY_PAGES_IN_A_ROW = 20;

export interface XCheckpoint {
  /** Newest id whose entire older range has been stored. */
  sinceId: string | null;
  /** A pass that stored its newest pages but not yet everything down to `sinceId`. */
  pass: { newestId: string; untilId: string; sinceId: string | null } | null;
}

export interface XAdapterOptions {
  bearerToken: string;
  baseUrl: string;
  retryPolicy: RetryPolicy;
  /** Injected in tests that need a client double; defaults to the twitter-api-v2 client. */
  client?: XClient;
}

function readCheckpoint(stored: unknown): XCheckpoint {
  const state = stored as Partial<XCheckpoint> | undefined;
  return { sinceId: state?.sinceId ?? null, pass: state?.pass ?? null };
}

function removalReason(problem: XProblem): string {
  if (problem.type.endsWith('/not-authorized-for-resource')) return 'no longer visible (protected account)';
  if (problem.title === 'Forbidden') return 'author suspended';
  return 'deleted';
}

export function createXAdapter(options: XAdapterOptions): NetworkAdapter {
  const client = options.client ?? createXClient({ bearerToken: options.bearerToken, baseUrl: options.baseUrl });
  const retryContext = (ctx: RunContext): RetryContext => ({
    network: 'x',
    log: ctx.log,
    meter: ctx.meter,
    signal: ctx.signal,
    now: ctx.now,
    policy: options.retryPolicy,
  });

  /** Pages one range newest-first; returns true when it reached the range's lower bound. */
  async function* paginate(
    ctx: RunContext,
    scope: string,
    query: string,
    range: { sinceId: string | null; untilId?: string },
    knownNewestId: string | null,
  ): AsyncGenerator<CollectedPage, boolean> {
    const windowStart = ctx.now() - X_SEARCH_WINDOW_MS + WINDOW_MARGIN_MS;
    if (range.untilId && snowflakeTime(range.untilId) <= windowStart) {
      ctx.log.warn(
        { untilId: range.untilId },
        `gap: X posts older than ${new Date(snowflakeTime(range.untilId)).toISOString()} from an interrupted run are now outside X's 7-day search window and cannot be collected`,
      );
      yield { posts: [], checkpoint: { scope, state: { sinceId: knownNewestId ?? range.sinceId, pass: null } satisfies XCheckpoint } };
      return true;
    }
    let sinceId = range.sinceId ?? undefined;
    let startTime: string | undefined;
    if (sinceId && snowflakeTime(sinceId) <= windowStart) {
      // X rejects a since_id older than its window; search the whole window and say what was lost.
      ctx.log.warn(
        { sinceId },
        `gap: X posts between ${new Date(snowflakeTime(sinceId)).toISOString()} and ${new Date(windowStart).toISOString()} are outside X's 7-day search window and cannot be collected`,
      );
      sinceId = undefined;
      startTime = new Date(windowStart).toISOString();
    }
    let newestId = knownNewestId;
    let nextToken: string | undefined;
    let emptyInARow = 0;
    for (;;) {
      if (ctx.signal.aborted) return false;
      const remaining = ctx.readsRemaining();
      if (remaining !== null && remaining < 10) {
        ctx.log.warn({ remaining }, 'X monthly read budget reached: stopping search; the unfinished range resumes when budget is available');
        return false;
      }
      const page = await withRetries(retryContext(ctx), 'search', CREDENTIAL, () =>
        client.searchRecent({
          query,
          sinceId,
          untilId: range.untilId,
          startTime,
          maxResults: remaining === null ? 100 : Math.min(100, remaining),
          nextToken,
        }),
      );
      const tweets = page.data ?? [];
      if (tweets.length === 0 && page.meta.next_token) {
        // Not the end of the range: nothing to store and no checkpoint to move, so ask for the next page.
        emptyInARow += 1;
        if (emptyInARow >= MAX_EMPTY_PAGES_IN_A_ROW) {
          ctx.log.warn({ emptyInARow }, `X answered ${emptyInARow} empty pages in a row that still said more would follow; stopping this pass, the next run resumes from the saved checkpoint`);
          return false;
        }
        nextToken = page.meta.next_token;
        continue;
      }
      emptyInARow = 0;
      const users = indexUsers(page.includes?.users);
      const { posts, extraOriginals } = xPagePosts(tweets, page.includes?.tweets, users);
      // Originals expanded into includes are posts read too (an upper bound of what X bills).
      ctx.meter.postsRead += tweets.length + extraOriginals;
      newestId ??= page.meta.newest_id ?? null;
      // Nothing newer than since_id at all: the checkpoint stays as it is.
      if (newestId === null) return true;
      const finished = !page.meta.next_token || !page.meta.oldest_id;
      const state: XCheckpoint = finished
        ? { sinceId: newestId, pass: null }
        : { sinceId: range.sinceId, pass: { newestId, untilId: page.meta.oldest_id!, sinceId: range.sinceId } };
      yield { posts, checkpoint: { scope, state } };
      if (finished) return true;
      nextToken = page.meta.next_token;
    }
  }

  /** Looks up `ids`; an answer that is an older version of an edited post is followed to the latest version. */
  async function lookupLatest(ctx: RunContext, ids: readonly string[]): Promise<{ answer: XLookupResponse; tweets: XTweet[] }> {
    const answer = await withRetries(retryContext(ctx), 'lookup', CREDENTIAL, () => client.lookup(ids));
    let tweets = answer.data ?? [];
    ctx.meter.postsRead += tweets.length;
    const stale = tweets.filter(isSupersededVersion);
    if (stale.length === 0) return { answer, tweets };
    const latest = await withRetries(retryContext(ctx), 'lookup', CREDENTIAL, () => client.lookup(stale.map((tweet) => tweet.edit_history_tweet_ids!.at(-1)!)));
    const found = latest.data ?? [];
    ctx.meter.postsRead += found.length;
    const byStableId = new Map(found.map((tweet) => [xStableId(tweet), tweet]));
    tweets = tweets.map((tweet) => (isSupersededVersion(tweet) ? (byStableId.get(xStableId(tweet)) ?? tweet) : tweet));
    return {
      answer: {
        ...answer,
        includes: {
          users: [...(answer.includes?.users ?? []), ...(latest.includes?.users ?? [])],
          tweets: [...(answer.includes?.tweets ?? []), ...(latest.includes?.tweets ?? [])],
        },
      },
      tweets,
    };
  }

  return {
    network: 'x',
    refreshBatchSize: 100,

    async *collect(ctx) {
      const query = xSearchQuery(ctx.hashtags);
      if (query.length > MAX_QUERY_LENGTH) {
        throw new Error(`TRACK_HASHTAGS makes an X search query of ${query.length} characters, over X's ${MAX_QUERY_LENGTH}; track fewer hashtags.`);
      }
      // The query is the scope: tracking different hashtags starts a fresh history.
      const scope = query;
      let state = readCheckpoint(ctx.checkpoint(scope));
      if (state.pass) {
        const { pass } = state;
        ctx.log.info({ untilId: pass.untilId }, 'resuming the older range an interrupted X run left unfinished');
        const completed = yield* paginate(ctx, scope, query, { sinceId: pass.sinceId, untilId: pass.untilId }, pass.newestId);
        if (!completed) return;
        state = { sinceId: pass.newestId, pass: null };
      }
      yield* paginate(ctx, scope, query, { sinceId: state.sinceId }, null);
    },

    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext): AsyncGenerator<RefreshedBatch> {
      for (let start = 0; start < requests.length; start += 100) {
        if (ctx.signal.aborted) return;
        const batch = requests.slice(start, start + 100);
        // An answer names the version it is: the id asked for, or (for an edited post) a later id of its chain.
        const byRef = new Map(batch.map((request) => [request.refreshRef, request]));
        const { answer, tweets } = await lookupLatest(ctx, batch.map((request) => request.refreshRef));
        const users = indexUsers(answer.includes?.users);
        const originals = xRetweetedOriginals(tweets, answer.includes?.tweets, users);
        const asked = (tweet: XTweet) => byRef.get(tweet.id) ?? (tweet.edit_history_tweet_ids ?? []).map((id) => byRef.get(id)).find(Boolean);
        const readings = [];
        for (const tweet of tweets) {
          const request = asked(tweet);
          if (!request) continue;
          const user = users.get(tweet.author_id);
          const original = originals.get(retweetedId(tweet) ?? '');
          // An edit's latest version replaces the text; a repost is linked to its original (stored with the batch).
          const changed = user !== undefined && (tweet.id !== request.refreshRef || retweetedId(tweet) !== null);
          readings.push({
            networkId: request.networkId,
            metrics: xMetrics(tweet),
            // Without the user object we would overwrite a known handle with a bare id.
            ...(user ? { author: xAuthor(tweet.author_id, user) } : {}),
            ...(changed ? { post: { ...xPost(tweet, users, original), networkId: request.networkId } } : {}),
          });
        }
        const inAnswer = new Set(tweets.map((tweet) => tweet.id));
        yield {
          posts: [...originals].filter(([id]) => !inAnswer.has(id)).map(([, post]) => post),
          readings,
          // errors[] also describes referenced posts and users; only problems with the ids we asked for mean removal.
          removed: (answer.errors ?? [])
            .filter((problem) => problem.parameter === 'ids' && problem.resource_id !== undefined && byRef.has(problem.resource_id))
            .map((problem) => ({ networkId: byRef.get(problem.resource_id!)!.networkId, reason: removalReason(problem) })),
        };
      }
    },
  };
}
