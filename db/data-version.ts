// Tokens that change whenever the data behind a dashboard answer may have changed, so an answer
// computed from the data can be reused until then.
import type { Db } from './connection.js';
import { statement } from './statements.js';

/**
 * Changes after every commit: `data_version` moves when another connection (another process, such
 * as `jobquality collect --once`) commits, `total_changes()` when this connection writes. A rolled
 * back write may change it too, which only costs a recomputation, never a stale answer.
 */
export function dataVersion(db: Db): string {
  const row = statement<[], { version: number; changes: number }>(
    db,
    'SELECT (SELECT data_version FROM pragma_data_version()) AS version, total_changes() AS changes',
  ).get()!;
  return `${row.version}.${row.changes}`;
}

/**
 * What an answer is computed from: the collected posts only, those and the share clicks, or also the
 * stored alerts (every table a dashboard view reads: the status's `dataStamp`).
 */
export type AnswerSource = 'collected' | 'collected+clicks' | 'collected+clicks+alerts';

// Inserts do not bump the counter (migration 019): each table's largest id says a row was added.
const COUNTERS_SQL = `
  SELECT (SELECT value FROM change_counters WHERE name = 'collected') AS collected,
    (SELECT value FROM change_counters WHERE name = 'share_clicks') AS clicks,
    coalesce((SELECT MAX(id) FROM posts), 0) || '.' || coalesce((SELECT MAX(id) FROM authors), 0) || '.' ||
      coalesce((SELECT MAX(id) FROM comparator_posts), 0) AS newest`;

/**
 * A token that changes only when the data `source` names changes: migration 010's counters, kept
 * by triggers for every writer in any process for updates and deletes, and the newest row of each
 * collected table for inserts. That pair never repeats: the counter only grows, and between two of
 * its values only inserts happen, each raising a largest id. A share click moves 'collected+clicks'
 * and leaves 'collected' as it was. On a database without the counters (opened read-only before
 * migrating) it falls back to dataVersion, which moves on every commit: never stale, only less often reused.
 */
export function changeToken(db: Db, source: AnswerSource): string {
  try {
    const row = statement<[], { collected: number; clicks: number; newest: string }>(db, COUNTERS_SQL).get()!;
    const collected = `c${row.collected}.n${row.newest}`;
    if (source === 'collected') return collected;
    const clicks = `${collected}.k${row.clicks}`;
    return source === 'collected+clicks' ? clicks : `${clicks}.a${alertsToken(db)}`;
  } catch {
    return `v${dataVersion(db)}`;
  }
}

/**
 * Alerts have no counter of their own (migration 010 predates them), so their token is what a view
 * shows of them changing: a new alert raises the count and largest id, a delivery moves the last two.
 * The table holds one row per unusual hour, so reading it whole stays cheap.
 */
function alertsToken(db: Db): string {
  const row = statement<[], { alerts: number; last: number; delivered: number; held: number }>(
    db,
    `SELECT count(*) AS alerts, coalesce(max(id), 0) AS last, count(delivered_at) AS delivered,
       coalesce(sum(delivery = 'over_daily_cap'), 0) AS held FROM alerts`,
  ).get()!;
  return `${row.alerts}-${row.last}-${row.delivered}-${row.held}`;
}
