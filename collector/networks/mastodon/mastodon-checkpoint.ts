// The checkpoint of one server's hashtag timeline and the pure rules that advance it.
import { z } from 'zod';

/**
 * Timelines are read forward with min_id (oldest unread first), so each committed page moves the
 * checkpoint past exactly what it stored: a crash between pages loses and repeats nothing. Mastodon
 * dates a federated status's id by its *creation* time, so one delivered late lands below ids already
 * read; to catch those, each run re-reads from an anchor older than the late-arrival window and skips
 * the statuses listed in `recent` (already handled), so nothing is yielded twice.
 */
export interface MastodonScopeState {
  /** Forward paging starts just above this id; every status handled above it is listed in `recent`. */
  anchorId: string | null;
  /** Statuses handled above the anchor as [id, created ms], kept while late arrivals may still land among them. */
  recent: Array<[string, number]>;
  /** The first run's backfill (paged newest first) while it has not reached its horizon. */
  backfill: { maxId: string; horizon: number } | null;
}

export interface HandledStatus {
  id: string;
  createdAt: number;
}

/** Beyond this many recent entries the oldest give way (the anchor moves up past them). */
export const MAX_RECENT = 2_000;

const stateSchema = z.object({
  anchorId: z.string().min(1).nullable(),
  recent: z.array(z.tuple([z.string().min(1), z.number()])),
  backfill: z.object({ maxId: z.string().min(1), horizon: z.number() }).nullable(),
});

/**
 * Orders status ids as Mastodon's docs advise for its numeric ids (longer is newer, then
 * lexically); this also orders the fixed-length sortable ids other servers use.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function maxId(ids: Iterable<string>, start: string | null): string | null {
  let max = start;
  for (const id of ids) if (max === null || compareIds(id, max) > 0) max = id;
  return max;
}

/** The stored state, or null when there is none or it is not in this version's shape (start afresh). */
export function readScopeState(stored: unknown): MastodonScopeState | null {
  const parsed = stateSchema.safeParse(stored);
  if (!parsed.success) return null;
  const state = parsed.data;
  return state.anchorId === null && state.recent.length === 0 && state.backfill === null ? null : state;
}

/**
 * Where forward paging starts: above the anchor. Without an anchor nothing handled has aged out of the
 * late-arrival window yet, so the whole timeline is recent: paging starts at its beginning ("0"), since
 * a status federated late may sit below the oldest one handled.
 */
export function forwardStart(state: MastodonScopeState): string | null {
  if (state.anchorId !== null) return state.anchorId;
  return state.recent.length > 0 ? '0' : null;
}

/**
 * Records statuses as handled (stored, or deliberately skipped) and forgets those older than the
 * late-arrival window, moving the anchor up past them so the invariant holds: every handled status
 * above the anchor is in `recent`.
 */
export function recordHandled(
  state: MastodonScopeState,
  handled: readonly HandledStatus[],
  now: number,
  lateArrivalWindowMs: number,
): MastodonScopeState {
  const entries = new Map<string, number>(state.recent);
  for (const status of handled) entries.set(status.id, status.createdAt);
  const cutoff = now - lateArrivalWindowMs;
  const expired = [...entries].filter(([, createdAt]) => createdAt < cutoff).map(([id]) => id);
  let anchorId = maxId(expired, state.anchorId);
  let kept = [...entries].filter(([id]) => anchorId === null || compareIds(id, anchorId) > 0);
  if (kept.length > MAX_RECENT) {
    kept.sort(([a], [b]) => compareIds(a, b));
    const dropped = kept.slice(0, kept.length - MAX_RECENT);
    anchorId = maxId(dropped.map(([id]) => id), anchorId);
    kept = kept.slice(-MAX_RECENT);
  }
  return { anchorId, recent: kept, backfill: state.backfill };
}
