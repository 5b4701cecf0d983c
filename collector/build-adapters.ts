// Chooses which networks to collect from the configuration: a network without credentials is
// skipped with a notice rather than failing the run.
import type { Network } from '../core/types.js';
import type { NetworkAdapter } from './adapter.js';
import { createXAdapter } from './networks/x/x-adapter.js';
import type { RetryPolicy } from './retry.js';

export interface AdapterSettings {
  x: { bearerToken: string | null; baseUrl: string };
  retryPolicy: RetryPolicy;
}

export interface AdapterSelection {
  adapters: NetworkAdapter[];
  skipped: Array<{ network: Network; reason: string }>;
}

export function buildAdapters(settings: AdapterSettings): AdapterSelection {
  const selection: AdapterSelection = { adapters: [], skipped: [] };
  if (settings.x.bearerToken) {
    selection.adapters.push(createXAdapter({ bearerToken: settings.x.bearerToken, baseUrl: settings.x.baseUrl, retryPolicy: settings.retryPolicy }));
  } else {
    selection.skipped.push({ network: 'x', reason: 'X_BEARER_TOKEN is not set, so X is not collected (set an app-only bearer token to enable it)' });
  }
  return selection;
}
