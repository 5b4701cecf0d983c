// Pages one range of X recent search newest first, yielding each page with the checkpoint that is
// safe to save once that page is committed (the pass scheme is explained in x-adapter.ts).
import type { CollectedPage, RunContext } from '../../adapter.js';
import { retryContextFor, withRetries, type RetryPolicy } from '../../retry.js';
import type { XClient } from './x-client.js';
import { indexUsers, xPagePosts } from './x-normalize.js';
import type { XSearchResponse } from './x-schema.js';
import { snowflakeTime } from './snowflake.js';

/** X recent search only reaches this far back. */
export const X_SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;
/** Keeps requests safely inside the window despite clock skew. */
const WINDOW_MARGIN_MS = 5 * 60_000;
export const X_CREDENTIAL = 'X_BEARER_TOKEN';
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

/** A range of ids to search: newer than `sinceId` and, for a resumed pass, older than `untilId`. */
export interface XSearchRange {
  sinceId: string | null;
  untilId?: string;
}

export interface XRequestDeps {
  client: XClient;
  retryPolicy: RetryPolicy;
}

interface Gap {
  fields: Record<string, string>;
  message: string;
}

/** How a range can be searched inside X's 7-day window, and what falls outside it. */
export type XSearchStart =
  /** The whole range is older than the window: nothing can be collected, the pass is closed. */
  | { kind: 'expired'; gap: Gap }
  /** Search with these bounds; `gap` says what was lost when since_id had left the window. */
  | { kind: 'search'; sinceId: string | undefined; startTime: string | undefined; gap: Gap | null };

/** Decides the search bounds for `range` at `now`: X rejects a since_id older than its window. */
export function searchStart(range: XSearchRange, now: number): XSearchStart {
  const windowStart = now - X_SEARCH_WINDOW_MS + WINDOW_MARGIN_MS;
  if (range.untilId && snowflakeTime(range.untilId) <= windowStart) {
    return {
      kind: 'expired',
      gap: {
        fields: { untilId: range.untilId },
        message: `gap: X posts older than ${new Date(snowflakeTime(range.untilId)).toISOString()} from an interrupted run are now outside X's 7-day search window and cannot be collected`,
      },
    };
  }
  const sinceId = range.sinceId ?? undefined;
  if (sinceId && snowflakeTime(sinceId) <= windowStart) {
    // Search the whole window instead, and say what was lost.
    return {
      kind: 'search',
      sinceId: undefined,
      startTime: new Date(windowStart).toISOString(),
      gap: {
        fields: { sinceId },
        message: `gap: X posts between ${new Date(snowflakeTime(sinceId)).toISOString()} and ${new Date(windowStart).toISOString()} are outside X's 7-day search window and cannot be collected`,
      },
    };
  }
  return { kind: 'search', sinceId, startTime: undefined, gap: null };
}

/**
 * The checkpoint to save with a page of `range` whose pass has seen `newestId`: the new high-water
 * mark once the pass is finished, otherwise the unfinished pass (down to the page's oldest id).
 */
export function checkpointAfterPage(range: XSearchRange, newestId: string, meta: XSearchResponse['meta']): { state: XCheckpoint; finished: boolean } {
  const finished = !meta.next_token || !meta.oldest_id;
  const state: XCheckpoint = finished
    ? { sinceId: newestId, pass: null }
    : { sinceId: range.sinceId, pass: { newestId, untilId: meta.oldest_id!, sinceId: range.sinceId } };
  return { state, finished };
}

/** Pages one range newest-first; returns true when it reached the range's lower bound. */
export async function* searchRange(
  deps: XRequestDeps,
  ctx: RunContext,
  search: { scope: string; query: string; range: XSearchRange },
  knownNewestId: string | null,
): AsyncGenerator<CollectedPage, boolean> {
  const { scope, query, range } = search;
  const start = searchStart(range, ctx.now());
  if (start.gap) ctx.log.warn(start.gap.fields, start.gap.message);
  if (start.kind === 'expired') {
    yield { posts: [], checkpoint: { scope, state: { sinceId: knownNewestId ?? range.sinceId, pass: null } satisfies XCheckpoint } };
    return true;
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
    const page = await withRetries(retryContextFor('x', ctx, deps.retryPolicy), 'search', X_CREDENTIAL, () =>
      deps.client.searchRecent(
        { query, sinceId: start.sinceId, untilId: range.untilId, startTime: start.startTime, maxResults: remaining === null ? 100 : Math.min(100, remaining), nextToken },
        ctx.signal,
      ),
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
    const { posts, extraOriginals } = xPagePosts(tweets, page.includes?.tweets, indexUsers(page.includes?.users));
    // Originals expanded into includes are posts read too (an upper bound of what X bills).
    ctx.meter.postsRead += tweets.length + extraOriginals;
    newestId ??= page.meta.newest_id ?? null;
    // Nothing newer than since_id at all: the checkpoint stays as it is.
    if (newestId === null) return true;
    const { state, finished } = checkpointAfterPage(range, newestId, page.meta);
    yield { posts, checkpoint: { scope, state } };
    if (finished) return true;
    nextToken = page.meta.next_token;
  }
}
