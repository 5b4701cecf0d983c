// The collector's ledger for the dashboard: per network and time bucket what the runs did (runs,
// failures, rate-limit pauses, posts collected, posts read, estimated spend), and each network's
// current health, so missing data is never invisible.
import type { Network } from '../core/types.js';
import { wholePieces, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { heldRunTotals } from './ledger-runs.js';
import { listRecentRuns, type RunRow } from './runs.js';
import { lastSuccessfulRunAt } from './status.js';
import { statement } from './statements.js';

export interface RunLedgerRow {
  /** Index of the bucket in the caller's list. */
  k: number;
  network: Network;
  /** Runs that tried to collect (skipped runs, recorded for a network without credentials, are not counted). */
  runs: number;
  /** Runs that ended 'ok' or 'rate_limited' (collected what they could; the next run resumes). */
  successes: number;
  failures: number;
  /** Waits for a rate limit inside runs, plus runs cut short by one. */
  rateLimitPauses: number;
  postsCollected: number;
  /** Posts the runs marked unavailable (hidden by the network, not confirmed deleted). */
  postsUnavailable: number;
  postsRead: number;
  estimatedCostUsd: number;
}

const LEDGER_SQL = `
  SELECT b.value ->> 'k' AS k, r.network,
    SUM(r.status <> 'skipped') AS runs,
    SUM(r.status IN ('ok', 'rate_limited')) AS successes,
    SUM(r.status = 'failed') AS failures,
    SUM(r.rate_limit_pauses) + SUM(r.status = 'rate_limited') AS rateLimitPauses,
    SUM(r.posts_new) AS postsCollected,
    SUM(r.posts_unavailable) AS postsUnavailable,
    SUM(r.posts_read) AS postsRead,
    SUM(r.estimated_cost_usd) AS estimatedCostUsd
  FROM json_each(@pieces) b CROSS JOIN collection_runs r
  WHERE r.network IN (SELECT value FROM json_each(@networks))
    AND r.started_at >= b.value ->> 's' AND r.started_at < b.value ->> 'e'
  GROUP BY 1, 2`;

/**
 * Run totals per bucket (by run start) and network; buckets or networks without runs have no row.
 * Summed from the connection's in-memory run log (db/ledger-runs.ts; 180 days of buckets took the SQL
 * about 70 ms), or by SQL inside a write transaction or when `sql` is set (tests compare the two).
 */
export function getRunLedger(db: Db, buckets: readonly TimeWindow[], networks: readonly Network[], sql = false): RunLedgerRow[] {
  const pieces = wholePieces(buckets);
  if (pieces.length === 0 || networks.length === 0) return [];
  const held = sql ? null : heldRunTotals(db, pieces, networks);
  if (held) return held;
  return statement<[object], RunLedgerRow>(db, LEDGER_SQL).all({ pieces: JSON.stringify(pieces), networks: JSON.stringify(networks) });
}

export interface NetworkHealth {
  network: Network;
  lastRun: RunRow | null;
  lastSuccessAt: number | null;
  failuresSince: number;
  /** Live posts stored for the network. */
  posts: number;
}

/** A network's latest run, last success, failed runs since `since`, and live posts stored. */
export function getNetworkHealth(db: Db, network: Network, since: number): NetworkHealth {
  const failures = statement<[string, number], { n: number }>(
    db,
    `SELECT COUNT(*) AS n FROM collection_runs WHERE network = ? AND started_at >= ? AND status = 'failed'`,
  ).get(network, since)!.n;
  // The rollup's all-posts rows hold exactly the live posts, and are far fewer than posts.
  const posts = statement<[string], { n: number | null }>(db, `SELECT SUM(posts) AS n FROM rollup_posts_hourly WHERE tag = '' AND network = ?`).get(network)!.n ?? 0;
  return {
    network,
    lastRun: listRecentRuns(db, network, 1)[0] ?? null,
    lastSuccessAt: lastSuccessfulRunAt(db, network),
    failuresSince: failures,
    posts,
  };
}
