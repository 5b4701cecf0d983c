// Re-reads the counts of known posts from the server each was collected from: a batch look-up where
// the server has one (Mastodon 4.3+), single look-ups otherwise.
import type { RefreshedBatch, RefreshedReading, RunContext } from '../../adapter.js';
import { MAX_BATCH_IDS, type MastodonClient } from './mastodon-client.js';
import { hostOf, mastodonAuthor, mastodonMetrics, type MastodonRefreshRef } from './mastodon-normalize.js';
import type { MastodonStatus } from './mastodon-schema.js';

export interface RefreshItem {
  networkId: string;
  ref: MastodonRefreshRef;
}

async function refreshChunk(ctx: RunContext, client: MastodonClient, server: string, chunk: readonly RefreshItem[]): Promise<RefreshedBatch> {
  const host = hostOf(server);
  const found = new Map<string, MastodonStatus>();
  const batch = chunk.length > 1 ? await client.statuses(ctx, server, chunk.map((item) => item.ref.id)) : null;
  if (batch) {
    ctx.meter.postsRead += batch.length;
    for (const status of batch) found.set(status.id, status);
  }
  const readings: RefreshedReading[] = [];
  const removed: RefreshedBatch['removed'] = [];
  for (const item of chunk) {
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
    readings.push({ networkId: item.networkId, metrics: mastodonMetrics(status), author: mastodonAuthor(status.account, host) });
  }
  return { readings, removed };
}

/** Refreshes posts held by one server, one batch of readings per chunk of look-ups. */
export async function* refreshFromServer(ctx: RunContext, client: MastodonClient, server: string, items: readonly RefreshItem[]): AsyncGenerator<RefreshedBatch> {
  for (let start = 0; start < items.length; start += MAX_BATCH_IDS) {
    if (ctx.signal.aborted) return;
    yield await refreshChunk(ctx, client, server, items.slice(start, start + MAX_BATCH_IDS));
  }
}
