// Re-reads the counts of known posts from the server each was collected from: a batch look-up where
// the server has one (Mastodon 4.3+), single look-ups otherwise. A post whose author's home server is
// not watched is asked of that home server first (its public API, no token): its counts are current.
import type { RefreshedBatch, RefreshedReading, RunContext } from '../../adapter.js';
import { CollectionAbortedError } from '../../errors.js';
import { MAX_BATCH_IDS, type MastodonClient } from './mastodon-client.js';
import { hostOf, mastodonAuthor, mastodonMetrics, type MastodonRefreshRef } from './mastodon-normalize.js';
import type { MastodonStatus } from './mastodon-schema.js';

export interface RefreshItem {
  networkId: string;
  ref: MastodonRefreshRef;
}

/**
 * The home server's copies of `items` (all homed on `home`) that it answers, by post uri. Anything it
 * does not answer, or a failure of any kind (down, closed to anonymous readers, rate-limited), leaves
 * those posts to the copy they were collected from: a home server's trouble never fails the run.
 */
export async function readHomeCopies(ctx: RunContext, client: MastodonClient, home: string, items: readonly RefreshItem[]): Promise<Map<string, MastodonStatus>> {
  const found = new Map<string, MastodonStatus>();
  const wanted = new Map(items.map((item) => [item.ref.home!.id, item.networkId]));
  try {
    for (let start = 0; start < items.length; start += MAX_BATCH_IDS) {
      const ids = items.slice(start, start + MAX_BATCH_IDS).map((item) => item.ref.home!.id);
      let statuses = await client.statuses(ctx, home, ids);
      if (statuses === null) {
        statuses = [];
        for (const id of ids) {
          const single = await client.status(ctx, home, id);
          if (single) statuses.push(single);
        }
      }
      ctx.meter.postsRead += statuses.length;
      // Never write one post's counts onto another: the home copy must carry the stored uri.
      for (const status of statuses) if (wanted.get(status.id) === status.uri) found.set(status.uri, status);
    }
  } catch (error) {
    if (error instanceof CollectionAbortedError || ctx.signal.aborted) throw error;
    ctx.log.info({ server: home, reason: error instanceof Error ? error.message : String(error) }, `mastodon home server ${home} did not answer; counts of its posts come from the watched copies`);
  }
  return found;
}

async function refreshChunk(ctx: RunContext, client: MastodonClient, server: string, chunk: readonly RefreshItem[], homeCopies: ReadonlyMap<string, MastodonStatus>): Promise<RefreshedBatch> {
  const host = hostOf(server);
  const found = new Map<string, MastodonStatus>();
  const fromCopy = chunk.filter((item) => !homeCopies.has(item.networkId));
  const batch = fromCopy.length > 1 ? await client.statuses(ctx, server, fromCopy.map((item) => item.ref.id)) : null;
  if (batch) {
    ctx.meter.postsRead += batch.length;
    for (const status of batch) found.set(status.id, status);
  }
  const readings: RefreshedReading[] = [];
  const removed: RefreshedBatch['removed'] = [];
  for (const item of chunk) {
    const fromHome = homeCopies.get(item.networkId);
    if (fromHome && item.ref.home) {
      const homeHost = hostOf(item.ref.home.server);
      readings.push({ networkId: item.networkId, metrics: mastodonMetrics(fromHome), author: mastodonAuthor(fromHome.account, homeHost), countsSource: homeHost });
      continue;
    }
    let status = found.get(item.ref.id);
    // A batch silently leaves out what it cannot show: confirm with a look-up before reporting removal.
    if (!status) {
      const single = await client.status(ctx, server, item.ref.id);
      if (!single) {
        removed.push({ networkId: item.networkId, reason: `deleted or no longer public on ${host}` });
        continue;
      }
      ctx.meter.postsRead += 1;
      status = single;
    }
    if (status.uri !== item.networkId) {
      // Never write one post's counts onto another.
      ctx.log.warn({ server, id: item.ref.id }, `${server} answered a different status for a stored post's id; its counts are left as they were`);
      continue;
    }
    readings.push({ networkId: item.networkId, metrics: mastodonMetrics(status), author: mastodonAuthor(status.account, host), countsSource: host });
  }
  return { readings, removed };
}

/**
 * Refreshes posts held by one server, one batch of readings per chunk of look-ups. `homeCopies` holds
 * what the posts' home servers answered (by uri); those posts take their counts from there.
 */
export async function* refreshFromServer(
  ctx: RunContext,
  client: MastodonClient,
  server: string,
  items: readonly RefreshItem[],
  homeCopies: ReadonlyMap<string, MastodonStatus> = new Map(),
): AsyncGenerator<RefreshedBatch> {
  for (let start = 0; start < items.length; start += MAX_BATCH_IDS) {
    if (ctx.signal.aborted) return;
    yield await refreshChunk(ctx, client, server, items.slice(start, start + MAX_BATCH_IDS), homeCopies);
  }
}
