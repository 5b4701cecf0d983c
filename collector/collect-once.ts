// Runs one collection with the process configuration: the shared body of `collect --once` and each cron tick.
import type { Logger } from 'pino';
import type { Network } from '../core/types.js';
import type { Db } from '../db/connection.js';
import { applyRefreshSchedule } from '../db/refresh-schedule.js';
import { buildAdapters, type AdapterSettings } from './build-adapters.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { runCollection, type NetworkRunSummary, type RefreshMode } from './run-collection.js';

/** What a collection needs from the process configuration (cli/config.ts's Config provides it). */
export interface CollectorSettings extends Omit<AdapterSettings, 'retryPolicy' | 'x'> {
  hashtags: readonly string[];
  refreshOffsetsMs: readonly number[];
  reportTimeZone: string;
  rateLimitMaxWaitMs: number;
  x: AdapterSettings['x'] & { costPerPostRead: number; monthlyReadBudget: number | null };
}

export async function collectOnce(
  config: CollectorSettings,
  db: Db,
  log: Logger,
  options: { refresh: RefreshMode; collectNew?: boolean; networks?: readonly Network[]; signal?: AbortSignal; retryPolicy?: Partial<RetryPolicy> },
): Promise<NetworkRunSummary[]> {
  const rescheduled = applyRefreshSchedule(db, config.refreshOffsetsMs);
  if (rescheduled > 0) log.info(`the refresh schedule changed: ${rescheduled} stored posts now follow the configured one`);
  const retryPolicy = { ...DEFAULT_RETRY_POLICY, maxRateLimitWaitMs: config.rateLimitMaxWaitMs, timeZone: config.reportTimeZone, ...options.retryPolicy };
  const selection = buildAdapters({ ...config, retryPolicy });
  const wanted = (network: Network) => !options.networks || options.networks.includes(network);
  return runCollection({
    db,
    adapters: selection.adapters.filter((adapter) => wanted(adapter.network)),
    skipped: selection.skipped.filter((entry) => wanted(entry.network)),
    ...(options.collectNew === false ? { collectNew: false } : {}),
    hashtags: config.hashtags,
    refresh: options.refresh,
    refreshOffsetsMs: config.refreshOffsetsMs,
    costPerPostRead: { x: config.x.costPerPostRead },
    monthlyReadBudget: { x: config.x.monthlyReadBudget },
    log,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

/** One line per network for people: what the run did and what it cost. */
export function formatRunSummary(run: NetworkRunSummary): string {
  if (run.status === 'skipped') return `${run.network}: skipped — ${run.message ?? 'not configured'}`;
  const parts = [
    `${run.network}: ${run.status}`,
    `${run.postsNew} new`,
    `${run.postsUpdated} updated`,
    `${run.postsRemoved} removed`,
    `${run.requests} requests`,
    `${run.postsRead} posts read`,
  ];
  if (run.estimatedCostUsd > 0) parts.push(`~$${run.estimatedCostUsd.toFixed(2)}`);
  if (run.rateLimitPauses > 0) parts.push(`${run.rateLimitPauses} rate-limit pauses`);
  const detail = run.error ?? run.message;
  return parts.join(', ') + (detail ? ` — ${detail}` : '');
}
