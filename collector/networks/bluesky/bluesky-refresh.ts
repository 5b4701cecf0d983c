// Refreshes known Bluesky posts with getPosts, and tells a deleted post (its record is gone from
// the author's repository) from one that is only hidden from this account.
import type { RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import { retryContextFor, withRetries, type RetryPolicy } from '../../retry.js';
import { XrpcError } from './bluesky-client.js';
import { blueskyAuthor, blueskyMetrics } from './bluesky-normalize.js';
import { POST_URI_PATTERN } from './bluesky-schema.js';
import type { BlueskySearchDeps } from './bluesky-search.js';
import { BLUESKY_CREDENTIAL } from './bluesky-session.js';

export const REMOVED_REASON = 'deleted (its record is gone from the author\'s repository)';
export const UNAVAILABLE_REASON = 'no longer shown by Bluesky but not deleted (the author blocked this account, was taken down or deactivated); last counts kept';

export interface BlueskyRefreshDeps extends BlueskySearchDeps {
  retryPolicy: RetryPolicy;
}

/** True only when the author's repository answers RecordNotFound for the post (confirmed deleted). */
async function recordIsGone(deps: BlueskyRefreshDeps, ctx: RunContext, uri: string): Promise<boolean> {
  const [, repo, rkey] = POST_URI_PATTERN.exec(uri) ?? [];
  if (!repo || !rkey) return false;
  try {
    await withRetries(retryContextFor('bluesky', ctx, deps.retryPolicy), 'getRecord', BLUESKY_CREDENTIAL, () =>
      deps.client.getRecord({ repo, collection: 'app.bsky.feed.post', rkey }, ctx.signal),
    );
    return false;
  } catch (error) {
    if (error instanceof XrpcError && error.status === 400 && error.xrpcError === 'RecordNotFound') return true;
    // Any other refusal (an unknown repo, a deactivated one) is not a confirmed deletion.
    if (error instanceof XrpcError && error.status < 500 && error.status !== 429) return false;
    throw error;
  }
}

/** Refreshes one batch (at most getPosts' 25 URIs): readings for the posts shown, and what became of the rest. */
export async function refreshBatch(deps: BlueskyRefreshDeps, ctx: RunContext, batch: readonly RefreshRequest[]): Promise<RefreshedBatch> {
  const uris = batch.map((request) => request.refreshRef);
  const answer = await deps.session.authorized(ctx, 'getPosts', (token) => deps.client.getPosts(token, uris, ctx.signal));
  ctx.meter.postsRead += answer.posts.length;
  const found = new Map(answer.posts.map((view) => [view.uri, view]));
  // One getProfiles call covers a whole batch's authors, and cached ones cost nothing.
  const extras = await deps.followers.forAuthors(ctx, answer.posts.map((view) => view.author.did));
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
    if (await recordIsGone(deps, ctx, request.refreshRef)) removed.push({ networkId: request.networkId, reason: REMOVED_REASON });
    else unavailable.push({ networkId: request.networkId, reason: UNAVAILABLE_REASON });
  }
  return { readings, removed, unavailable };
}
