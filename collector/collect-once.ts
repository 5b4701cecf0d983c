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
  /** Share-of-voice comparator hashtags (COMPARE_HASHTAGS); none by default. */
  compareHashtags?: readonly string[];
  refreshOffsetsMs: readonly number[];
  reportTimeZone: string;
  rateLimitMaxWaitMs: number;
  x: AdapterSettings['x'] & { costPerPostRead: number; monthlyReadBudget: number | null };
  /** Request deadline, body cap and per-network run deadline (issue 13); defaults: 30 s, 4 MB, none. */
  collection?: { requestTimeoutMs: number; maxResponseBytes: number; runDeadlineMs: number };
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
  const limits = config.collection ? { requestTimeoutMs: config.collection.requestTimeoutMs, maxResponseBytes: config.collection.maxResponseBytes } : undefined;
  const runDeadlineMs = config.collection?.runDeadlineMs;
  const selection = buildAdapters({ ...config, retryPolicy, ...(limits ? { limits } : {}) });
  const wanted = (network: Network) => !options.networks || options.networks.includes(network);
  return runCollection({
    db,
    adapters: selection.adapters.filter((adapter) => wanted(adapter.network)),
    skipped: selection.skipped.filter((entry) => wanted(entry.network)),
    ...(options.collectNew === false ? { collectNew: false } : {}),
    hashtags: config.hashtags,
    ...(config.compareHashtags ? { comparatorHashtags: config.compareHashtags } : {}),
    refresh: options.refresh,
    refreshOffsetsMs: config.refreshOffsetsMs,
    costPerPostRead: { x: config.x.costPerPostRead },
    monthlyReadBudget: { x: config.x.monthlyReadBudget },
    log,
    ...(runDeadlineMs !== undefined ? { runDeadlineMs } : {}),
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
    // Hidden by the network but not confirmed deleted: kept with frozen counts (shown only when it happened).
    ...(run.postsUnavailable > 0 ? [`${run.postsUnavailable} unavailable`] : []),
    `${run.requests} requests`,
    `${run.postsRead} posts read`,
  ];
  if (run.estimatedCostUsd > 0) parts.push(`~$${run.estimatedCostUsd.toFixed(2)}`);
  if (run.rateLimitPauses > 0) parts.push(`${run.rateLimitPauses} rate-limit pauses`);
  const detail = run.error ?? run.message;
  return parts.join(', ') + (detail ? ` — ${detail}` : '');
}
