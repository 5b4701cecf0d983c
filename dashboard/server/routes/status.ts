// GET /api/status: the collector's state per network (last run, failures in the last day), what
// the dashboard is configured with, and a stamp of the data behind every view, so the app's minute
// refresh asks for this answer alone while the stamp stays the same.
import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import { collectedNetworkIds, networkLabel } from '../../../core/networks.js';
import type { Network } from '../../../core/types.js';
import { getNetworkHealth } from '../../../db/analytics-coverage.js';
import { changeToken } from '../../../db/data-version.js';
import { listReports } from '../report-files.js';
import { isoUtc } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';
import type { NetworkStatus, StatusResponse } from '../../contract/index.js';

const DAY_MS = 86_400_000;

/** One network's line of the status answer. */
function networkStatus(deps: ApiDeps, network: Network, now: number): NetworkStatus {
  const health = getNetworkHealth(deps.db, network, now - DAY_MS);
  const run = health.lastRun;
  return {
    network,
    // From the registry, so the app never spells a network's name itself.
    label: networkLabel(network),
    enabled: deps.enabledNetworks.includes(network),
    lastRun: run
      ? {
          status: run.status,
          startedAt: isoUtc(run.startedAt),
          finishedAt: run.finishedAt === null ? null : isoUtc(run.finishedAt),
          postsNew: run.postsNew,
          error: run.error,
          message: run.message,
          // Set when the run stopped because the plan's usage cap was spent (X: 'Daily' or 'Monthly').
          usageCapPeriod: run.usageCapPeriod,
        }
      : null,
    lastSuccessAt: health.lastSuccessAt === null ? null : isoUtc(health.lastSuccessAt),
    failuresLast24h: health.failuresSince,
    posts: health.posts,
  };
}

/**
 * What the views read besides the database, fixed for the process: the configuration (comparator
 * hashtags and account map included) and the content file as loaded (its moments and ready-made posts). A restart that changes either moves the stamp.
 */
function processFingerprint(deps: ApiDeps): string {
  const loaded = deps.shareables?.content ?? null;
  // Share of voice's comparators and the amplifier account map are configuration too.
  const intelligence = [deps.intelligence?.compareHashtags ?? [], deps.intelligence?.accountMap?.people ?? null];
  return JSON.stringify([deps.demo, deps.timeZone, deps.hashtags, deps.enabledNetworks, deps.publicBaseUrl ?? null, loaded, intelligence]);
}

/**
 * The status's `dataStamp`: the database's change token for every table a view reads (db/data-version.ts,
 * the one the answer cache keys on), the weekly reports present and the process fingerprint, hashed so
 * the app can only compare it.
 */
async function dataStamp(deps: ApiDeps, fingerprint: string): Promise<string> {
  const reports = await listReports(deps.reportsDir);
  const parts = [changeToken(deps.db, 'collected+clicks+alerts'), reports, collectedNetworkIds(), fingerprint];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 22);
}

export function statusRoutes(api: Hono, deps: ApiDeps): void {
  const fingerprint = processFingerprint(deps);
  api.get('/status', async (c) => {
    const now = deps.now();
    return c.json({
      demo: deps.demo,
      generatedAt: isoUtc(now),
      timeZone: deps.timeZone,
      hashtags: [...deps.hashtags],
      networks: collectedNetworkIds().map((network) => networkStatus(deps, network, now)),
      dataStamp: await dataStamp(deps, fingerprint),
      signInRequired: deps.signInRequired ?? false,
    } satisfies StatusResponse);
  });
}
