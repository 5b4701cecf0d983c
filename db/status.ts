// Per-network facts for `status` and the dashboard's collector health: post counts and last success.
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export interface NetworkPostCounts {
  network: Network;
  live: number;
  removed: number;
  authors: number;
  newestPostAt: number | null;
}

export function countPostsByNetwork(db: Db): NetworkPostCounts[] {
  return statement<[], NetworkPostCounts>(
    db,
    `SELECT network, SUM(removed_at IS NULL) AS live, SUM(removed_at IS NOT NULL) AS removed,
       COUNT(DISTINCT author_id) AS authors, MAX(created_at) AS newestPostAt
     FROM posts GROUP BY network ORDER BY network`,
  ).all();
}

export function lastSuccessfulRunAt(db: Db, network: Network): number | null {
  return (
    statement<[string], { at: number | null }>(
      db,
      `SELECT MAX(finished_at) AS at FROM collection_runs WHERE network = ? AND status = 'ok'`,
    ).get(network)?.at ?? null
  );
}

export interface UsageCapStop {
  /** When the run that met the cap started (ms since the epoch). */
  at: number;
  /** 'Daily', 'Monthly' or 'unknown', as the network said. */
  period: string;
}

/**
 * The usage cap a network's latest run met, or null when its latest run was not stopped by one
 * (skipped runs are left out: they say nothing about the cap).
 */
export function currentUsageCap(db: Db, network: Network): UsageCapStop | null {
  const row = statement<[string], { at: number; period: string | null }>(
    db,
    `SELECT started_at AS at, usage_cap_period AS period FROM collection_runs
     WHERE network = ? AND status <> 'skipped' ORDER BY started_at DESC, id DESC LIMIT 1`,
  ).get(network);
  return row?.period ? { at: row.at, period: row.period } : null;
}
