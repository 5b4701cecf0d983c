// Refreshes known X posts by id lookup: follows edited posts to their latest version and turns
// lookup answers into readings, linked originals and confirmed removals.
import type { RefreshedBatch, RefreshedReading, RefreshRequest, RunContext } from '../../adapter.js';
import { retryContextFor, withRetries } from '../../retry.js';
import { indexUsers, isSupersededVersion, retweetedId, xAuthor, xMetrics, xPost, xRetweetedOriginals, xStableId } from './x-normalize.js';
import type { XLookupResponse, XProblem, XTweet } from './x-schema.js';
import { X_CREDENTIAL, type XRequestDeps } from './x-search.js';

/** Why X no longer shows a post, from the problem it reports for the id. */
export function removalReason(problem: XProblem): string {
  if (problem.type.endsWith('/not-authorized-for-resource')) return 'no longer visible (protected account)';
  if (problem.title === 'Forbidden') return 'author suspended';
  return 'deleted';
}

/** Looks up `ids`; an answer that is an older version of an edited post is followed to the latest version. */
export async function lookupLatest(deps: XRequestDeps, ctx: RunContext, ids: readonly string[]): Promise<{ answer: XLookupResponse; tweets: XTweet[] }> {
  const lookup = (wanted: readonly string[]) =>
    withRetries(retryContextFor('x', ctx, deps.retryPolicy), 'lookup', X_CREDENTIAL, () => deps.client.lookup(wanted, ctx.signal));
  const answer = await lookup(ids);
  let tweets = answer.data ?? [];
  ctx.meter.postsRead += tweets.length;
  const stale = tweets.filter(isSupersededVersion);
  if (stale.length === 0) return { answer, tweets };
  const latest = await lookup(stale.map((tweet) => tweet.edit_history_tweet_ids!.at(-1)!));
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

/**
 * The refreshed batch for `batch` from a lookup `answer` whose posts (latest versions) are `tweets`:
 * a reading per post asked for, the originals of reposts not in the answer, and the removals.
 */
export function refreshedBatch(batch: readonly RefreshRequest[], answer: XLookupResponse, tweets: readonly XTweet[]): RefreshedBatch {
  // An answer names the version it is: the id asked for, or (for an edited post) a later id of its chain.
  const byRef = new Map(batch.map((request) => [request.refreshRef, request]));
  const users = indexUsers(answer.includes?.users);
  const originals = xRetweetedOriginals(tweets, answer.includes?.tweets, users);
  const asked = (tweet: XTweet) => byRef.get(tweet.id) ?? (tweet.edit_history_tweet_ids ?? []).map((id) => byRef.get(id)).find(Boolean);
  const readings: RefreshedReading[] = [];
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
  return {
    posts: [...originals].filter(([id]) => !inAnswer.has(id)).map(([, post]) => post),
    readings,
    // errors[] also describes referenced posts and users; only problems with the ids we asked for mean removal.
    removed: (answer.errors ?? [])
      .filter((problem) => problem.parameter === 'ids' && problem.resource_id !== undefined && byRef.has(problem.resource_id))
      .map((problem) => ({ networkId: byRef.get(problem.resource_id!)!.networkId, reason: removalReason(problem) })),
  };
}
