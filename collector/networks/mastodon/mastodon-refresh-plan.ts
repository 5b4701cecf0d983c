// Plans a Mastodon refresh: which watched server each stored post is refreshed from, which posts
// cannot be (an unreadable reference, a server no longer watched), and which home servers to ask first.
import type { RefreshRequest } from '../../adapter.js';
import { decodeRefreshRef } from './mastodon-normalize.js';
import type { RefreshItem } from './mastodon-refresh.js';

export interface RefreshPlan {
  /** Posts to refresh, by the watched server that holds the copy they were collected from. */
  byServer: Map<string, RefreshItem[]>;
  /** Posts whose author's home server is not watched, by that home server: their home copies come first. */
  byUnwatchedHome: Map<string, RefreshItem[]>;
  /** Stored references that could not be read. */
  unreadable: number;
  /** Posts from servers no longer in MASTODON_INSTANCES: not contacted, not even for refreshes. */
  unwatched: number;
}

export function planRefresh(requests: readonly RefreshRequest[], servers: readonly string[]): RefreshPlan {
  const byServer = new Map<string, RefreshItem[]>();
  let unreadable = 0;
  let unwatched = 0;
  for (const request of requests) {
    const ref = decodeRefreshRef(request.refreshRef);
    if (!ref) unreadable += 1;
    else if (!servers.includes(ref.server)) unwatched += 1;
    else byServer.set(ref.server, [...(byServer.get(ref.server) ?? []), { networkId: request.networkId, ref }]);
  }
  const byUnwatchedHome = new Map<string, RefreshItem[]>();
  for (const items of byServer.values()) {
    for (const item of items) {
      const home = item.ref.home;
      if (!home || servers.includes(home.server)) continue;
      byUnwatchedHome.set(home.server, [...(byUnwatchedHome.get(home.server) ?? []), item]);
    }
  }
  return { byServer, byUnwatchedHome, unreadable, unwatched };
}
