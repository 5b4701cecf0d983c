// Queries only the weekly report asks (the rest it shares with the dashboard in db/analytics*.ts):
// first-time contributors of a window, and the run-log facts behind its data-coverage section.
import { engagementsSql } from '../core/metrics.js';
import type { Network } from '../core/types.js';
import type { TopContributor } from './analytics-top.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** An account whose first post in scope was created in the window, with its posts and engagements there. */
export type FirstTimeContributor = TopContributor;

// An account is first-time when no post of theirs in scope was created before the window, live or
// removed: a post the network later deleted still shows they had taken part before.
const NEWCOMERS_CTE = `
  WITH window_authors AS (
    SELECT p.author_id, COUNT(*) AS posts, SUM(${engagementsSql('p')}) AS engagements
    FROM posts p
    WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}
    GROUP BY p.author_id
  ), newcomers AS (
    SELECT w.* FROM window_authors w
    WHERE NOT EXISTS (
      SELECT 1 FROM posts e
      WHERE e.author_id = w.author_id AND e.created_at < @start
        AND (@tag = '' OR EXISTS (SELECT 1 FROM json_each(e.matched_hashtags) WHERE value = @tag))
    )
  )`;

const NEWCOMER_COUNT_SQL = `${NEWCOMERS_CTE} SELECT COUNT(*) AS n FROM newcomers`;

const NEWCOMER_LIST_SQL = `${NEWCOMERS_CTE}
  SELECT a.network, a.username, a.display_name AS displayName, a.followers, n.posts, n.engagements
  FROM newcomers n JOIN authors a ON a.id = n.author_id
  ORDER BY n.engagements DESC, a.followers DESC NULLS LAST, n.posts DESC, a.id
  LIMIT @limit`;

/**
 * Accounts whose first post the tracker has seen (in scope) was created in `window`: how many, and
 * the `limit` with the most engagements in the window.
 */
export function getFirstTimeContributors(
  db: Db,
  window: TimeWindow,
  scope: AnalyticsScope,
  limit: number,
): { count: number; contributors: FirstTimeContributor[] } {
  const params = { ...scopeParams(scope), start: window.start, end: window.end };
  const count = statement<[object], { n: number }>(db, NEWCOMER_COUNT_SQL).get(params)!.n;
  const contributors = count === 0 ? [] : statement<[object], FirstTimeContributor>(db, NEWCOMER_LIST_SQL).all({ ...params, limit });
  return { count, contributors };
}

/** What the run log says about one network around a window (successful = 'ok' or 'rate_limited'). */
export interface CollectionHistory {
  /** Start times of successful runs inside the window, ascending. */
  successesInWindow: number[];
  lastSuccessBefore: number | null;
  firstSuccessAfter: number | null;
  /** The first run that tried to collect, ever (skipped runs do not count). */
  firstRunAt: number | null;
  /** Runs in the window recorded as skipped (no credentials), and the latest one's message. */
  skippedRuns: number;
  skippedReason: string | null;
}

const SUCCESS = `status IN ('ok', 'rate_limited')`;

/** The successful runs of `network` in and around `window`, when it was first collected, and skipped runs in the window. */
export function getCollectionHistory(db: Db, network: Network, window: TimeWindow): CollectionHistory {
  const params = { network, start: window.start, end: window.end };
  const successesInWindow = statement<[object], { at: number }>(
    db,
    `SELECT started_at AS at FROM collection_runs
     WHERE network = @network AND ${SUCCESS} AND started_at >= @start AND started_at < @end ORDER BY started_at`,
  )
    .all(params)
    .map((row) => row.at);
  const around = statement<[object], { before: number | null; after: number | null; first: number | null }>(
    db,
    `SELECT
       (SELECT MAX(started_at) FROM collection_runs WHERE network = @network AND ${SUCCESS} AND started_at < @start) AS before,
       (SELECT MIN(started_at) FROM collection_runs WHERE network = @network AND ${SUCCESS} AND started_at >= @end) AS after,
       (SELECT MIN(started_at) FROM collection_runs WHERE network = @network AND status <> 'skipped') AS first`,
  ).get(params)!;
  const skipped = statement<[object], { n: number; reason: string | null }>(
    db,
    `SELECT COUNT(*) AS n,
       (SELECT message FROM collection_runs WHERE network = @network AND status = 'skipped' AND started_at >= @start AND started_at < @end
        ORDER BY started_at DESC, id DESC LIMIT 1) AS reason
     FROM collection_runs WHERE network = @network AND status = 'skipped' AND started_at >= @start AND started_at < @end`,
  ).get(params)!;
  return {
    successesInWindow,
    lastSuccessBefore: around.before,
    firstSuccessAfter: around.after,
    firstRunAt: around.first,
    skippedRuns: skipped.n,
    skippedReason: skipped.reason,
  };
}
