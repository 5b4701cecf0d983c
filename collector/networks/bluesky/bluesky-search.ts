// Pages Bluesky search for one hashtag and one time range, newest first by cursor, yielding each
// page of tagged posts with the checkpoint to save once it is committed (see bluesky-checkpoint.ts).
import type { CollectedPage, RunContext } from '../../adapter.js';
import type { BlueskyClient } from './bluesky-client.js';
import { checkpointAfterPage, type BlueskyCheckpoint, type SearchRange } from './bluesky-checkpoint.js';
import type { FollowerLookup } from './bluesky-followers.js';
import { blueskyPost, recordHashtags, sortTime } from './bluesky-normalize.js';
import type { SessionKeeper } from './bluesky-session.js';

/** searchPosts answers at most 100 posts a page. */
const SEARCH_PAGE_SIZE = 100;

export interface BlueskySearchDeps {
  client: BlueskyClient;
  session: SessionKeeper;
  followers: FollowerLookup;
}

export interface HashtagSearch {
  /** Normalised hashtag, no '#'. */
  tag: string;
  scope: string;
  range: SearchRange;
}

/** The sort times a pass has seen so far: newest (the high-water mark to be) and oldest. */
export interface SeenSpan {
  newest: number | null;
  oldest: number | null;
}

/** `span` widened to cover every sort time in `times`. */
export function widenSpan(span: SeenSpan, times: readonly number[]): SeenSpan {
  let { newest, oldest } = span;
  for (const at of times) {
    newest = newest === null ? at : Math.max(newest, at);
    oldest = oldest === null ? at : Math.min(oldest, at);
  }
  return { newest, oldest };
}

/**
 * Pages one range newest first; returns true when it reached the range's lower bound.
 * `known.newest` keeps the high-water mark from moving back; `known.committed` is the mark to keep while unfinished.
 */
export async function* searchHashtag(
  deps: BlueskySearchDeps,
  ctx: RunContext,
  search: HashtagSearch,
  known: { newest: number | null; committed: string | null },
): AsyncGenerator<CollectedPage, boolean> {
  const { tag, scope, range } = search;
  let span: SeenSpan = { newest: known.newest, oldest: null };
  let cursor: string | undefined;
  for (;;) {
    if (ctx.signal.aborted) return false;
    const remaining = ctx.readsRemaining();
    if (remaining !== null && remaining <= 0) {
      ctx.log.warn({ scope }, 'Bluesky read budget reached: stopping search; the unfinished range resumes when budget is available');
      return false;
    }
    const limit = remaining === null ? SEARCH_PAGE_SIZE : Math.min(SEARCH_PAGE_SIZE, remaining);
    const page = await deps.session.authorized(ctx, 'searchPosts', (token) =>
      // q is required. A `#tag` query is what Bluesky's own hashtag screen sends and is known to
      // work; the `tag` filter alone (with q=*) has been ignored by the search service.
      deps.client.searchPosts(token, { q: `#${tag}`, tags: [tag], sort: 'latest', limit, since: range.from, until: range.before, cursor }, ctx.signal),
    );
    ctx.meter.postsRead += page.posts.length;
    span = widenSpan(span, page.posts.map(sortTime));
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
    const { newest } = span;
    if (newest === null) return true;
    // Search may match text loosely; only posts that declare the tag (facet or tags field) count.
    const tagged = page.posts.filter((view) => recordHashtags(view.record).includes(tag));
    if (tagged.length < page.posts.length) ctx.log.debug({ scope, skipped: page.posts.length - tagged.length }, 'Bluesky search returned posts without the hashtag; skipped');
    const extras = tagged.length ? await deps.followers.forAuthors(ctx, tagged.map((view) => view.author.did)) : new Map();
    const state: BlueskyCheckpoint = checkpointAfterPage(known.committed, { range, newest, oldest: span.oldest ?? newest, finished });
    yield { posts: tagged.map((view) => blueskyPost(view, extras.get(view.author.did))), checkpoint: { scope, state } };
    if (finished) return true;
    cursor = page.cursor;
  }
}
