// GET /api/status: the collector's state per network (last run, failures in the last day) and what
// the dashboard is configured with.
import type { Hono } from 'hono';
import { collectedNetworkIds, networkLabel } from '../../../core/networks.js';
import type { Network } from '../../../core/types.js';
import { getNetworkHealth } from '../../../db/analytics-coverage.js';
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

export function statusRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/status', (c) => {
    const now = deps.now();
    return c.json({
      demo: deps.demo,
      generatedAt: isoUtc(now),
      timeZone: deps.timeZone,
      hashtags: [...deps.hashtags],
      networks: collectedNetworkIds().map((network) => networkStatus(deps, network, now)),
    } satisfies StatusResponse);
  });
}
