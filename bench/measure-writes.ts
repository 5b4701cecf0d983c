// Times the collector's page commits on a full database: a page of 100 new posts (what one search
// page of collectOnce stores in one transaction) and a page of 100 refreshed readings, each with its
// run counters, committed for real. Run it on a scratch copy: it adds posts.
import { nextRefreshAt } from '../collector/refresh-schedule.js';
import type { Db } from '../db/connection.js';
import { storeCollectedPost, storeRefreshedReading, upsertAuthor, selectPostsDueForRefresh } from '../db/posts.js';
import { addRunCounters, finishRun, startRun } from '../db/runs.js';
import { summarize, type Timing } from './statistics.js';
import { MINUTE_MS, type Campaign, type SyntheticPost } from './synthetic-campaign.js';

export const PAGE_SIZE = 100;

export interface WriteTimings {
  newPostsPage: Timing;
  refreshPage: Timing;
  /** The same commits' CPU time in this process (on a shared machine, the work without the wait for a core). */
  newPostsPageCpu: Timing;
  refreshPageCpu: Timing;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/**
 * Commits `pages` pages of new X posts, then `pages` pages refreshing them, timing each commit.
 * `firstSerial` numbers the extra posts, so several measurements on one copy store different posts.
 */
export function measureWritePages(db: Db, campaign: Campaign, pages: number, firstSerial = 0): WriteTimings {
  const at = campaign.end + 10 * MINUTE_MS;
  const runId = startRun(db, 'x', at);
  const stored: SyntheticPost[] = [];

  const storePage = db.transaction((posts: SyntheticPost[]) => {
    for (const post of posts) {
      const authorId = upsertAuthor(db, post.network, post.normalized.author, at);
      storeCollectedPost(db, {
        post: post.normalized,
        authorId,
        matchedHashtags: post.matchedHashtags,
        now: at,
        nextRefreshAt: nextRefreshAt(post.createdAt, at, campaign.refreshOffsets),
      });
    }
    addRunCounters(db, runId, { postsNew: posts.length, requests: 1, postsRead: posts.length });
  });
  const refreshPage = db.transaction((targets: Array<{ postId: number; post: SyntheticPost }>, refreshAt: number) => {
    for (const { postId, post } of targets) {
      storeRefreshedReading(db, postId, campaign.reading(post, 1), refreshAt, nextRefreshAt(post.createdAt, refreshAt, campaign.refreshOffsets));
    }
    addRunCounters(db, runId, { postsUpdated: targets.length, requests: 1, postsRead: targets.length });
  });

  const newPostTimes: number[] = [];
  const newPostCpu: number[] = [];
  const refreshCpu: number[] = [];
  let serial = firstSerial;
  for (let page = 0; page < pages; page += 1) {
    const posts: SyntheticPost[] = [];
    while (posts.length < PAGE_SIZE) {
      // Created within the 5 minutes before `at`, whatever the serial (a later time would be in the future).
      const post = campaign.extraPost(serial, at - 5 * MINUTE_MS + (serial % 300_000));
      serial += 1;
      // The page is one network's search page, as in collectOnce.
      if (post.network === 'x') posts.push(post);
    }
    const cpu = process.cpuUsage();
    const started = performance.now();
    storePage.immediate(posts);
    newPostTimes.push(performance.now() - started);
    newPostCpu.push(cpuMs(cpu));
    stored.push(...posts);
  }

  const refreshAt = at + campaign.refreshOffsets[0]!;
  const byNetworkId = new Map(stored.map((post) => [post.normalized.networkId, post]));
  const due = selectPostsDueForRefresh(db, 'x', refreshAt).filter((target) => byNetworkId.has(target.networkId));
  const refreshTimes: number[] = [];
  for (let page = 0; page < pages && (page + 1) * PAGE_SIZE <= due.length; page += 1) {
    const targets = due.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).map((target) => ({ postId: target.postId, post: byNetworkId.get(target.networkId)! }));
    const cpu = process.cpuUsage();
    const started = performance.now();
    refreshPage.immediate(targets, refreshAt);
    refreshTimes.push(performance.now() - started);
    refreshCpu.push(cpuMs(cpu));
  }
  finishRun(db, runId, { status: 'ok', now: refreshAt });
  return { newPostsPage: summarize(newPostTimes), refreshPage: summarize(refreshTimes), newPostsPageCpu: summarize(newPostCpu), refreshPageCpu: summarize(refreshCpu) };
}
