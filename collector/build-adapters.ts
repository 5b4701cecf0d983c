// Chooses which networks to collect from the configuration: a network without credentials is
// skipped with a notice rather than failing the run.
import type { Network } from '../core/types.js';
import type { NetworkAdapter } from './adapter.js';
import { createBlueskyAdapter } from './networks/bluesky/bluesky-adapter.js';
import { createMastodonAdapter } from './networks/mastodon/mastodon-adapter.js';
import { createXAdapter } from './networks/x/x-adapter.js';
import type { HttpLimits } from './bounded-request.js';
import type { RetryPolicy } from './retry.js';

export interface AdapterSettings {
  x: { bearerToken: string | null; baseUrl: string };
  bluesky: { handle: string | null; appPassword: string | null; service: string };
  mastodon: { instances: string[]; token: string | null };
  retryPolicy: RetryPolicy;
  /** Deadline per request and body cap, for every network. */
  limits?: HttpLimits;
}

export interface AdapterSelection {
  adapters: NetworkAdapter[];
  skipped: Array<{ network: Network; reason: string }>;
}

export function buildAdapters(settings: AdapterSettings): AdapterSelection {
  const selection: AdapterSelection = { adapters: [], skipped: [] };
  const { x, bluesky, mastodon, retryPolicy } = settings;
  const limits = settings.limits ? { limits: settings.limits } : {};

  if (x.bearerToken) {
    selection.adapters.push(createXAdapter({ bearerToken: x.bearerToken, baseUrl: x.baseUrl, retryPolicy, ...limits }));
  } else {
    selection.skipped.push({ network: 'x', reason: 'X_BEARER_TOKEN is not set, so X is not collected (set an app-only bearer token to enable it)' });
  }

  if (bluesky.handle && bluesky.appPassword) {
    selection.adapters.push(createBlueskyAdapter({ service: bluesky.service, handle: bluesky.handle, appPassword: bluesky.appPassword, retryPolicy, ...limits }));
  } else {
    selection.skipped.push({
      network: 'bluesky',
      reason: 'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not both set, so Bluesky is not collected (create an app password under Settings → App passwords)',
    });
  }

  if (mastodon.instances.length > 0) {
    selection.adapters.push(createMastodonAdapter({ instances: mastodon.instances, token: mastodon.token, retryPolicy, ...limits }));
  } else {
    selection.skipped.push({ network: 'mastodon', reason: 'MASTODON_INSTANCES is empty, so Mastodon is not collected' });
  }
  return selection;
}
