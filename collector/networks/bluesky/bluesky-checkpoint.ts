// The per-hashtag search checkpoint and the time ranges it implies. Search answers newest first,
// so a pass's high-water mark only becomes the checkpoint once the pass has reached its lower
// bound; until then the checkpoint records the unfinished pass so the next run fills the older rest.
import { z } from 'zod';

/**
 * Re-read this much before the high-water mark by default: a post can reach the search index hours
 * after its sort time (slow clients, indexing lag). Posts read again are stored once (by URI).
 */
export const DEFAULT_LATE_ARRIVAL_WINDOW_MS = 3 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

const iso = z.string().refine((value) => !Number.isNaN(Date.parse(value)));

const checkpointSchema = z.object({
  newest: iso.nullable(),
  pass: z.object({ newest: iso, oldest: iso, from: iso }).nullable(),
});

export interface BlueskyCheckpoint {
  /** Sort time of the newest post of the last complete pass: everything from then back is stored. */
  newest: string | null;
  /**
   * A pass that stored its newest pages but not yet everything down to `from`: `newest` becomes the
   * checkpoint once done; `oldest` is the sort time of the oldest post it stored.
   */
  pass: { newest: string; oldest: string; from: string } | null;
}

/** A search range: `from` inclusive; `before` exclusive (absent = up to now). */
export interface SearchRange {
  from: string;
  before?: string;
}

export const EMPTY_CHECKPOINT: BlueskyCheckpoint = { newest: null, pass: null };

/** The stored state for a scope, or null when it is not one this adapter wrote (the caller starts afresh). */
export function readCheckpoint(stored: unknown): BlueskyCheckpoint | null {
  if (stored === undefined || stored === null) return EMPTY_CHECKPOINT;
  const parsed = checkpointSchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

/** Where a new pass starts: the late-arrival window before the last high-water mark, or `backfillDays` ago on the first run. */
export function freshRange(state: BlueskyCheckpoint, now: number, backfillDays: number, lateArrivalWindowMs: number = DEFAULT_LATE_ARRIVAL_WINDOW_MS): SearchRange {
  const from = state.newest === null ? now - backfillDays * DAY_MS : Date.parse(state.newest) - lateArrivalWindowMs;
  return { from: new Date(from).toISOString() };
}

/**
 * The range an interrupted pass still owes. `until` is exclusive, so it sits 1 ms after the oldest
 * stored post: posts sharing that instant may not all have been stored, and re-reading one is harmless.
 */
export function resumeRange(pass: NonNullable<BlueskyCheckpoint['pass']>): SearchRange {
  return { from: pass.from, before: new Date(Date.parse(pass.oldest) + 1).toISOString() };
}

/**
 * The checkpoint after a page of a pass: the pass's high-water mark once it is complete; until
 * then the last committed mark stays, and the pass records how far down it got.
 */
export function checkpointAfterPage(
  committedNewest: string | null,
  pass: { range: SearchRange; newest: number; oldest: number; finished: boolean },
): BlueskyCheckpoint {
  if (pass.finished) return { newest: new Date(pass.newest).toISOString(), pass: null };
  return {
    newest: committedNewest,
    pass: { newest: new Date(pass.newest).toISOString(), oldest: new Date(pass.oldest).toISOString(), from: pass.range.from },
  };
}
