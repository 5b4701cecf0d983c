// The collection run log: one row per network per run, with counters updated as pages commit.
import { assertCollectedNetwork } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export type RunStatus = 'running' | 'ok' | 'rate_limited' | 'interrupted' | 'failed' | 'skipped';

/** Counter increments for a run; every field adds to what is stored. */
export interface RunCounters {
  postsNew?: number;
  postsUpdated?: number;
  postsRemoved?: number;
  requests?: number;
  postsRead?: number;
  estimatedCostUsd?: number;
  rateLimitPauses?: number;
  refreshesDropped?: number;
}

export interface RunRow {
  id: number;
  network: Network;
  startedAt: number;
  finishedAt: number | null;
  status: RunStatus;
  postsNew: number;
  postsUpdated: number;
  postsRemoved: number;
  requests: number;
  postsRead: number;
  estimatedCostUsd: number;
  rateLimitPauses: number;
  refreshesDropped: number;
  message: string | null;
  error: string | null;
  /** Set when the run stopped because the plan's usage cap was spent: 'Daily', 'Monthly' or 'unknown'. */
  usageCapPeriod: string | null;
}

const RUN_COLUMNS = `id, network, started_at AS startedAt, finished_at AS finishedAt, status,
  posts_new AS postsNew, posts_updated AS postsUpdated, posts_removed AS postsRemoved, requests,
  posts_read AS postsRead, estimated_cost_usd AS estimatedCostUsd, rate_limit_pauses AS rateLimitPauses,
  refreshes_dropped AS refreshesDropped, message, error, usage_cap_period AS usageCapPeriod`;

export function startRun(db: Db, network: Network, now: number): number {
  assertCollectedNetwork(network);
  return statement<[string, number], { id: number }>(
    db,
    `INSERT INTO collection_runs (network, started_at, status) VALUES (?, ?, 'running') RETURNING id`,
  ).get(network, now)!.id;
}

export function addRunCounters(db: Db, runId: number, counters: RunCounters): void {
  statement(
    db,
    `UPDATE collection_runs SET
       posts_new = posts_new + @postsNew, posts_updated = posts_updated + @postsUpdated,
       posts_removed = posts_removed + @postsRemoved, requests = requests + @requests,
       posts_read = posts_read + @postsRead, estimated_cost_usd = estimated_cost_usd + @estimatedCostUsd,
       rate_limit_pauses = rate_limit_pauses + @rateLimitPauses, refreshes_dropped = refreshes_dropped + @refreshesDropped
     WHERE id = @runId`,
  ).run({
    runId,
    postsNew: counters.postsNew ?? 0,
    postsUpdated: counters.postsUpdated ?? 0,
    postsRemoved: counters.postsRemoved ?? 0,
    requests: counters.requests ?? 0,
    postsRead: counters.postsRead ?? 0,
    estimatedCostUsd: counters.estimatedCostUsd ?? 0,
    rateLimitPauses: counters.rateLimitPauses ?? 0,
    refreshesDropped: counters.refreshesDropped ?? 0,
  });
}

export function finishRun(
  db: Db,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; now: number; message?: string | null; error?: string | null; usageCapPeriod?: string | null },
): void {
  // The usage-cap column (migration 006) is named only when set, so older schemas take the usual update.
  const usageCap = outcome.usageCapPeriod ? ', usage_cap_period = @usageCapPeriod' : '';
  statement(db, `UPDATE collection_runs SET status = @status, finished_at = @now, message = @message, error = @error${usageCap} WHERE id = @runId`).run({
    runId,
    status: outcome.status,
    now: outcome.now,
    message: outcome.message ?? null,
    error: outcome.error ?? null,
    usageCapPeriod: outcome.usageCapPeriod ?? null,
  });
}

/** Records a network that was not collected this time (for example, no credentials) so the gap is visible. */
export function recordSkippedRun(db: Db, network: Network, now: number, message: string): number {
  const id = startRun(db, network, now);
  finishRun(db, id, { status: 'skipped', now, message });
  return id;
}

/** Runs left 'running' by a process that died: mark them so the log never shows a phantom live run. */
export function markAbandonedRunsInterrupted(db: Db, now: number): number {
  return statement(
    db,
    `UPDATE collection_runs SET status = 'interrupted', finished_at = ?, error = COALESCE(error, 'the process stopped before the run finished')
     WHERE status = 'running'`,
  ).run(now).changes;
}

export function getRun(db: Db, runId: number): RunRow | undefined {
  return statement<[number], RunRow>(db, `SELECT ${RUN_COLUMNS} FROM collection_runs WHERE id = ?`).get(runId);
}

export function listRecentRuns(db: Db, network: Network, limit: number): RunRow[] {
  return statement<[string, number], RunRow>(
    db,
    `SELECT ${RUN_COLUMNS} FROM collection_runs WHERE network = ? ORDER BY started_at DESC, id DESC LIMIT ?`,
  ).all(network, limit);
}

export interface ReadsSince {
  postsRead: number;
  requests: number;
  estimatedCostUsd: number;
}

/** Posts read, requests made and estimated spend for a network since a moment (e.g. the start of the month). */
export function sumReadsSince(db: Db, network: Network, since: number): ReadsSince {
  return statement<[string, number], ReadsSince>(
    db,
    `SELECT COALESCE(SUM(posts_read), 0) AS postsRead, COALESCE(SUM(requests), 0) AS requests,
       COALESCE(SUM(estimated_cost_usd), 0) AS estimatedCostUsd
     FROM collection_runs WHERE network = ? AND started_at >= ?`,
  ).get(network, since)!;
}
