// Collects one hashtag timeline of one server page by page, each page carrying the checkpoint
// that is true once it is stored (mastodon-checkpoint.ts explains the checkpoint's shape).
import type { CollectedPage, RunContext } from '../../adapter.js';
import { compareIds, forwardStart, readScopeState, recordHandled, type MastodonScopeState } from './mastodon-checkpoint.js';
import { MAX_PAGE_SIZE, type MastodonClient } from './mastodon-client.js';
import { mastodonPost } from './mastodon-normalize.js';
import type { MastodonStatus } from './mastodon-schema.js';

const DAY_MS = 24 * 3_600_000;

export interface TimelineJob {
  client: MastodonClient;
  server: string;
  tag: string;
  scope: string;
  backfillDays: number;
  lateArrivalWindowMs: number;
  /** Whether a status is a new post to store (false for boosts, duplicates, remote copies of watched servers' posts). */
  select(status: MastodonStatus): boolean;
}

/** How a timeline pass ended: read to the end, stopped by shutdown, or stopped by the read budget. */
export type TimelineOutcome = 'done' | 'stopped' | 'budget';

/** The page size the read budget allows, or null when it is spent. */
function pageLimit(ctx: RunContext): number | null {
  const remaining = ctx.readsRemaining();
  if (remaining === null) return MAX_PAGE_SIZE;
  return remaining <= 0 ? null : Math.min(MAX_PAGE_SIZE, remaining);
}

const handled = (statuses: readonly MastodonStatus[]) => statuses.map((status) => ({ id: status.id, createdAt: Date.parse(status.created_at) }));

function isEmpty(state: MastodonScopeState): boolean {
  return state.anchorId === null && state.recent.length === 0 && state.backfill === null;
}

/** New posts among `statuses`: not handled before in this scope and selected by the job. */
function newPosts(job: TimelineJob, state: MastodonScopeState, statuses: readonly MastodonStatus[]) {
  const known = new Set(state.recent.map(([id]) => id));
  return statuses.filter((status) => !known.has(status.id) && job.select(status)).map((status) => mastodonPost(status, job.server));
}

/** Pages newest first down to the horizon; returns the state to continue from (null: the timeline is empty). */
async function* backfill(
  ctx: RunContext,
  job: TimelineJob,
  resumed: MastodonScopeState | null,
): AsyncGenerator<CollectedPage, { outcome: TimelineOutcome; state: MastodonScopeState | null }> {
  const horizon = resumed?.backfill?.horizon ?? ctx.now() - job.backfillDays * DAY_MS;
  let maxId = resumed?.backfill?.maxId;
  let state: MastodonScopeState = resumed ?? { anchorId: null, recent: [], backfill: null };
  if (resumed) ctx.log.info({ scope: job.scope }, `resuming the unfinished first collection of ${job.scope}`);
  for (;;) {
    if (ctx.signal.aborted) return { outcome: 'stopped', state };
    const limit = pageLimit(ctx);
    if (limit === null) return { outcome: 'budget', state };
    const page = await job.client.tagTimeline(ctx, job.server, job.tag, { ...(maxId ? { maxId } : {}), limit });
    const statuses = page?.statuses ?? [];
    ctx.meter.postsRead += statuses.length;
    const inRange = statuses.filter((status) => Date.parse(status.created_at) >= horizon);
    const nextMaxId = page?.nextMaxId ?? statuses.at(-1)?.id ?? null;
    // An empty page whose Link still leads on (statuses filtered out after paging) ends nothing and
    // commits nothing: the pass follows the link.
    if (statuses.length === 0 && page?.nextMaxId && (maxId === undefined || compareIds(page.nextMaxId, maxId) < 0)) {
      maxId = page.nextMaxId;
      continue;
    }
    const finished =
      statuses.length === 0 ||
      inRange.length < statuses.length ||
      nextMaxId === null ||
      // A server that ignores max_id would send the same page forever.
      (maxId !== undefined && compareIds(nextMaxId, maxId) >= 0);
    const posts = newPosts(job, state, inRange);
    // Statuses past the horizon count as handled: they are deliberately not collected.
    state = recordHandled(state, handled(statuses), ctx.now(), job.lateArrivalWindowMs);
    state = { ...state, backfill: finished ? null : { maxId: nextMaxId!, horizon } };
    if (finished && isEmpty(state)) return { outcome: 'done', state: null };
    yield { posts, checkpoint: { scope: job.scope, state } };
    if (finished) return { outcome: 'done', state };
    maxId = nextMaxId!;
  }
}

/** Pages oldest first from the checkpoint's start up to the newest status. */
async function* forward(ctx: RunContext, job: TimelineJob, initial: MastodonScopeState): AsyncGenerator<CollectedPage, TimelineOutcome> {
  let state = initial;
  let minId = forwardStart(state);
  if (minId === null) return 'done';
  for (;;) {
    if (ctx.signal.aborted) return 'stopped';
    const limit = pageLimit(ctx);
    if (limit === null) return 'budget';
    const page = await job.client.tagTimeline(ctx, job.server, job.tag, { minId, limit });
    const statuses = page?.statuses ?? [];
    ctx.meter.postsRead += statuses.length;
    if (statuses.length === 0) {
      // An empty page that still links to newer statuses does not end the pass or move the checkpoint.
      if (page?.prevMinId && compareIds(page.prevMinId, minId) > 0) {
        minId = page.prevMinId;
        continue;
      }
      return 'done';
    }
    const posts = newPosts(job, state, statuses);
    const next = recordHandled(state, handled(statuses), ctx.now(), job.lateArrivalWindowMs);
    if (posts.length > 0 || JSON.stringify(next) !== JSON.stringify(state)) yield { posts, checkpoint: { scope: job.scope, state: next } };
    state = next;
    const newest = page?.prevMinId ?? statuses[0]!.id;
    // A short page is the top of the timeline; a cursor that does not move means min_id is ignored.
    if (statuses.length < limit) return 'done';
    if (compareIds(newest, minId) <= 0) {
      ctx.log.warn({ scope: job.scope }, `${job.server} does not page forward with min_id; stopping ${job.scope} for this run`);
      return 'done';
    }
    minId = newest;
  }
}

/**
 * Collects one server's hashtag timeline from its checkpoint; yields pages to commit one by one.
 * The first run pages back (max_id) to the backfill horizon; later runs page forward (min_id). Not
 * since_id: it answers the *newest* statuses above the cursor, so more than a page of new statuses
 * would leave a gap, while min_id walks up from the cursor without one.
 */
export async function* collectTimeline(ctx: RunContext, job: TimelineJob): AsyncGenerator<CollectedPage, TimelineOutcome> {
  const stored = ctx.checkpoint(job.scope);
  let state = readScopeState(stored);
  if (state === null && stored != null) ctx.log.warn({ scope: job.scope }, `the saved checkpoint of ${job.scope} is not readable; collecting it afresh`);
  if (state === null || state.backfill !== null) {
    const result = yield* backfill(ctx, job, state);
    if (result.outcome !== 'done' || result.state === null) return result.outcome;
    state = result.state;
  }
  return yield* forward(ctx, job, state);
}
