// Every dashboard answer the benchmark times is the same with the in-memory post index as with SQL
// alone (the plain path): every metric and interval, top lists, networks and co-occurring hashtags,
// with network and hashtag filters and a partial-hour start; and it stays the same after another
// connection commits a late-arriving post (created days ago), an edited post whose tags changed, a
// refreshed reading and a purge.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { dashboardCases } from '../../bench/measure-api.js';
import type { MetricReading } from '../../core/types.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { postIndexOf } from '../../db/post-index.js';
import { purgeRemovedPost, selectAllLivePosts, storeCollectedPost, storeRefreshedReading, upsertAuthor } from '../../db/posts.js';
import { makePost, reading } from '../helpers/posts.js';
import { seedDatabase, SEED_HASHTAGS, SEED_TIME_ZONE } from '../helpers/seed-database.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';
import { expectIndexEqualsSql as expectIndexEqualsSqlOf } from '../helpers/index-equals-sql.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const folder = tempFolderPerTest('jq-fast-path-');

function seeded(): { file: string; db: Db; now: number } {
  const file = join(folder(), 'campaign.db');
  const { db, now } = seedDatabase({ file });
  return { file, db, now };
}

/** Every answer of the benchmark's cases that reads posts (not the run log, status or the CSV), as JSON text by path. */
async function answers(db: Db, now: number): Promise<Map<string, string>> {
  const { app } = testDashboard({ db, hashtags: [...SEED_HASHTAGS], timeZone: SEED_TIME_ZONE, now: () => now, cacheAnswers: false });
  const bodies = new Map<string, string>();
  for (const { path } of dashboardCases(now, SEED_TIME_ZONE, SEED_HASHTAGS).filter((c) => !/coverage|status|posts\.csv/.test(c.path))) {
    const response = await app.fetch(new Request(`http://127.0.0.1${path}`));
    expect(response.status, path).toBe(200);
    bodies.set(path, await response.text());
  }
  return bodies;
}

async function expectIndexEqualsSql(db: Db, now: number): Promise<void> {
  const fast = await expectIndexEqualsSqlOf(db, () => answers(db, now));
  expect(fast.size).toBeGreaterThan(100);
}

/** Commits, on `collector`, what a collection can bring besides new posts. */
function commitLateEditedRefreshedAndPurged(collector: Db, now: number): void {
  collector.transaction(() => {
    // Created five days ago, collected only now (a late search index or a long outage backfilled).
    const late = makePost('late-1', { network: 'bluesky', createdAt: now - 5 * DAY - 7 * HOUR, hashtags: ['jobquality', 'latecomer'], metrics: reading({ likes: 40, reposts: 3 }) });
    storeCollectedPost(collector, { post: late, authorId: upsertAuthor(collector, 'bluesky', late.author, now), matchedHashtags: ['jobquality'], now, nextRefreshAt: null });
    // An X post edited: a new id in its edit chain and other co-occurring tags, its author and counts
    // as they were (so only its tags tell the index it changed).
    const [original] = selectAllLivePosts(collector, 'x');
    const { authorId, matched, ...counts } = collector
      .prepare('SELECT author_id AS authorId, matched_hashtags AS matched, likes, reposts, replies, quotes, bookmarks, impressions FROM posts WHERE id = ?')
      .get(original!.postId) as MetricReading & { authorId: number; matched: string };
    const tracked = JSON.parse(matched) as string[];
    const edited = makePost(`${original!.networkId}-edit`, {
      createdAt: original!.createdAt,
      editHistoryIds: [original!.networkId, `${original!.networkId}-edit`],
      hashtags: [...tracked, 'edited', 'unions'],
      metrics: counts,
    });
    storeCollectedPost(collector, { post: edited, authorId, matchedHashtags: tracked, now, nextRefreshAt: null });
    const [refreshed, purged] = selectAllLivePosts(collector, 'mastodon');
    storeRefreshedReading(collector, refreshed!.postId, reading({ likes: 5_000, reposts: 70, replies: 9 }), now, null);
    purgeRemovedPost(collector, purged!.postId, 'deleted', now);
  })();
}

describe('fast paths', () => {
  test('every dashboard answer is the same with the in-memory index as with SQL alone, before and after late, edited, refreshed and purged posts', async () => {
    const { file, db, now } = seeded();
    await expectIndexEqualsSql(db, now);
    const index = postIndexOf(db)!;
    const loads = index.stats.loads;
    const collector = openDatabase(file);
    commitLateEditedRefreshedAndPurged(collector, now);
    collector.close();
    await expectIndexEqualsSql(db, now);
    // Caught up from the change log, not read again.
    expect(index.stats.loads).toBe(loads);
    // The edited post's new tag is counted (the cases list the 180-day hashtags last).
    const after = await answers(db, now);
    const longest = [...after.keys()].filter((path) => path.startsWith('/api/hashtags')).at(-1)!;
    expect(after.get(longest)).toContain('"edited"');
    db.close();
  }, 60_000);
});
