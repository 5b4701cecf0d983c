// Collects tracked-hashtag posts from X recent search and refreshes their counts by id lookup.
// Crash safety: search pages arrive newest first, so a pass's new high-water mark (since_id) is
// only saved once pagination has reached the previous one; until then the checkpoint records the
// unfinished pass, and the next run first fills that older range (until_id = oldest id stored).
import type { CollectedPage, NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import type { HttpLimits } from '../../bounded-request.js';
import { withRetries, type RetryContext, type RetryPolicy } from '../../retry.js';
import { createXClient, type XClient } from './x-client.js';
import { indexUsers, xAuthor, xMetrics, xPost, xSearchQuery } from './x-normalize.js';
import type { XProblem } from './x-schema.js';
import { snowflakeTime } from './snowflake.js';

/** X recent search only reaches this far back. */
export const X_SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;
/** Keeps requests safely inside the window despite clock skew. */
const WINDOW_MARGIN_MS = 5 * 60_000;
const MAX_QUERY_LENGTH = 512;
const CREDENTIAL = 'X_BEARER_TOKEN';

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
  /** Deadline per request and body cap; default 30 s and 4 MB. */
  limits?: HttpLimits;
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
  const client = options.client ?? createXClient({ bearerToken: options.bearerToken, baseUrl: options.baseUrl, ...(options.limits ? { limits: options.limits } : {}) });
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
        }, ctx.signal),
      );
      const tweets = page.data ?? [];
      ctx.meter.postsRead += tweets.length;
      newestId ??= page.meta.newest_id ?? null;
      // Nothing newer than since_id at all: the checkpoint stays as it is.
      if (newestId === null) return true;
      const finished = !page.meta.next_token || !page.meta.oldest_id;
      const state: XCheckpoint = finished
        ? { sinceId: newestId, pass: null }
        : { sinceId: range.sinceId, pass: { newestId, untilId: page.meta.oldest_id!, sinceId: range.sinceId } };
      const users = indexUsers(page.includes?.users);
      yield { posts: tweets.map((tweet) => xPost(tweet, users)), checkpoint: { scope, state } };
      if (finished) return true;
      nextToken = page.meta.next_token;
    }
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
        const ids = requests.slice(start, start + 100).map((request) => request.refreshRef);
        const asked = new Set(ids);
        const answer = await withRetries(retryContext(ctx), 'lookup', CREDENTIAL, () => client.lookup(ids, ctx.signal));
        const tweets = answer.data ?? [];
        ctx.meter.postsRead += tweets.length;
        const users = indexUsers(answer.includes?.users);
        yield {
          readings: tweets.map((tweet) => {
            const user = users.get(tweet.author_id);
            // Without the user object we would overwrite a known handle with a bare id.
            return { networkId: tweet.id, metrics: xMetrics(tweet), ...(user ? { author: xAuthor(tweet.author_id, user) } : {}) };
          }),
          // errors[] also describes referenced posts and users; only problems with the ids we asked for mean removal.
          removed: (answer.errors ?? [])
            .filter((problem) => problem.parameter === 'ids' && problem.resource_id !== undefined && asked.has(problem.resource_id))
            .map((problem) => ({ networkId: problem.resource_id!, reason: removalReason(problem) })),
        };
      }
    },
  };
}
