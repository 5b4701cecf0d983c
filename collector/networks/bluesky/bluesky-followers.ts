// Follower counts for post authors via app.bsky.actor.getProfiles (25 actors a call), cached for
// the adapter's lifetime so an author seen on many pages costs one lookup per max age.
import type { RunContext } from '../../adapter.js';
import type { BlueskyClient } from './bluesky-client.js';
import type { AuthorExtras } from './bluesky-normalize.js';
import type { SessionKeeper } from './bluesky-session.js';

/** getProfiles accepts at most this many actors. */
export const PROFILES_PER_CALL = 25;
/** Follower counts move slowly; an hour keeps reach figures current without a lookup per page. */
export const DEFAULT_FOLLOWERS_MAX_AGE_MS = 60 * 60_000;

export interface FollowerLookup {
  /** Follower info for each DID; the ones not cached (or cached too long ago) are looked up first. */
  forAuthors(ctx: RunContext, dids: readonly string[]): Promise<Map<string, AuthorExtras>>;
}

/** A follower lookup with its own cache, shared by collection and refresh. */
export function createFollowerLookup(options: { client: BlueskyClient; session: SessionKeeper; maxAgeMs?: number }): FollowerLookup {
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_FOLLOWERS_MAX_AGE_MS;
  const cache = new Map<string, { extras: AuthorExtras; fetchedAt: number }>();

  return {
    async forAuthors(ctx, dids) {
      const wanted = [...new Set(dids)];
      const stale = wanted.filter((did) => {
        const entry = cache.get(did);
        return !entry || ctx.now() - entry.fetchedAt > maxAgeMs;
      });
      for (let start = 0; start < stale.length; start += PROFILES_PER_CALL) {
        const actors = stale.slice(start, start + PROFILES_PER_CALL);
        const answer = await options.session.authorized(ctx, 'getProfiles', (token) => options.client.getProfiles(token, actors, ctx.signal));
        const fetchedAt = ctx.now();
        const byDid = new Map(answer.profiles.map((profile) => [profile.did, profile]));
        // A deleted or suspended account is simply absent: remember that too, so it is not asked for on every page.
        for (const did of actors) cache.set(did, { extras: { followers: byDid.get(did)?.followersCount ?? null }, fetchedAt });
      }
      return new Map(wanted.map((did) => [did, cache.get(did)!.extras]));
    },
  };
}
