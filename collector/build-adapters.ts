// Chooses which networks to collect from the configuration: a network without credentials is
// skipped with a notice rather than failing the run.
import type { Network } from '../core/types.js';
import type { NetworkAdapter } from './adapter.js';
import { createBlueskyAdapter } from './networks/bluesky/bluesky-adapter.js';
import { createMastodonAdapter } from './networks/mastodon/mastodon-adapter.js';
import { createXAdapter } from './networks/x/x-adapter.js';
import type { RetryPolicy } from './retry.js';

export interface AdapterSettings {
  x: { bearerToken: string | null; baseUrl: string };
  bluesky: { handle: string | null; appPassword: string | null; service: string; sessionFile?: string | null; lateArrivalWindowMs?: number };
  mastodon: { instances: string[]; token: string | null; tokens?: Record<string, string>; lateArrivalWindowMs?: number };
  retryPolicy: RetryPolicy;
}

export interface AdapterSelection {
  adapters: NetworkAdapter[];
  skipped: Array<{ network: Network; reason: string }>;
}

export function buildAdapters(settings: AdapterSettings): AdapterSelection {
  const selection: AdapterSelection = { adapters: [], skipped: [] };
  const { x, bluesky, mastodon, retryPolicy } = settings;

  if (x.bearerToken) {
    selection.adapters.push(createXAdapter({ bearerToken: x.bearerToken, baseUrl: x.baseUrl, retryPolicy }));
  } else {
    selection.skipped.push({ network: 'x', reason: 'X_BEARER_TOKEN is not set, so X is not collected (set an app-only bearer token to enable it)' });
  }

  if (bluesky.handle && bluesky.appPassword) {
    selection.adapters.push(
      createBlueskyAdapter({
        service: bluesky.service,
        handle: bluesky.handle,
        appPassword: bluesky.appPassword,
        retryPolicy,
        sessionFile: bluesky.sessionFile ?? null,
        ...(bluesky.lateArrivalWindowMs !== undefined ? { lateArrivalWindowMs: bluesky.lateArrivalWindowMs } : {}),
      }),
    );
  } else {
    selection.skipped.push({
      network: 'bluesky',
      reason: 'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not both set, so Bluesky is not collected (create an app password under Settings → App passwords)',
    });
  }

  if (mastodon.instances.length > 0) {
    selection.adapters.push(
      createMastodonAdapter({
        instances: mastodon.instances,
        token: mastodon.token,
        tokens: mastodon.tokens ?? {},
        retryPolicy,
        ...(mastodon.lateArrivalWindowMs !== undefined ? { lateArrivalWindowMs: mastodon.lateArrivalWindowMs } : {}),
      }),
    );
  } else {
    selection.skipped.push({ network: 'mastodon', reason: 'MASTODON_INSTANCES is empty, so Mastodon is not collected' });
  }
  return selection;
}
