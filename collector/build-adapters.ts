// Chooses which networks to collect from the configuration: one adapter factory per collected network
// in the registry (core/networks.ts); a network without credentials is skipped with a notice rather
// than failing the run. A new network registers its factory here with `registerAdapterFactory`.
import { collectedNetworkIds } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { NetworkAdapter } from './adapter.js';
import { createBlueskyAdapter } from './networks/bluesky/bluesky-adapter.js';
import { createMastodonAdapter } from './networks/mastodon/mastodon-adapter.js';
import { createXAdapter } from './networks/x/x-adapter.js';
import type { RetryPolicy } from './retry.js';

export interface AdapterSettings {
  x: { bearerToken: string | null; baseUrl: string };
  bluesky: { handle: string | null; appPassword: string | null; service: string };
  mastodon: { instances: string[]; token: string | null };
  retryPolicy: RetryPolicy;
}

/** The per-network part of the settings: enough to tell whether a network is configured. */
export type NetworkSettings = Omit<AdapterSettings, 'retryPolicy'>;

/** How the collector makes one network's adapter from the settings. */
export interface AdapterFactory {
  network: Network;
  /** Why the network is not collected with these settings (missing credentials...), or null when it is. */
  skipReason(settings: NetworkSettings): string | null;
  create(settings: AdapterSettings): NetworkAdapter;
}

export interface AdapterSelection {
  adapters: NetworkAdapter[];
  skipped: Array<{ network: Network; reason: string }>;
}

const BUILT_IN_FACTORIES: readonly AdapterFactory[] = [
  {
    network: 'x',
    skipReason: ({ x }) => (x.bearerToken ? null : 'X_BEARER_TOKEN is not set, so X is not collected (set an app-only bearer token to enable it)'),
    create: ({ x, retryPolicy }) => createXAdapter({ bearerToken: x.bearerToken!, baseUrl: x.baseUrl, retryPolicy }),
  },
  {
    network: 'bluesky',
    skipReason: ({ bluesky }) =>
      bluesky.handle && bluesky.appPassword
        ? null
        : 'BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are not both set, so Bluesky is not collected (create an app password under Settings → App passwords)',
    create: ({ bluesky, retryPolicy }) =>
      createBlueskyAdapter({ service: bluesky.service, handle: bluesky.handle!, appPassword: bluesky.appPassword!, retryPolicy }),
  },
  {
    network: 'mastodon',
    skipReason: ({ mastodon }) => (mastodon.instances.length > 0 ? null : 'MASTODON_INSTANCES is empty, so Mastodon is not collected'),
    create: ({ mastodon, retryPolicy }) => createMastodonAdapter({ instances: mastodon.instances, token: mastodon.token, retryPolicy }),
  },
];

const factories = new Map<Network, AdapterFactory>(BUILT_IN_FACTORIES.map((factory) => [factory.network, factory]));

/** Adds (or replaces) the adapter factory of a network registered in core/networks.ts. */
export function registerAdapterFactory(factory: AdapterFactory): void {
  factories.set(factory.network, factory);
}

/** Removes a factory added by `registerAdapterFactory` (tests clean up with it). */
export function unregisterAdapterFactory(network: Network): void {
  if (BUILT_IN_FACTORIES.some((factory) => factory.network === network)) throw new Error(`the built-in adapter for "${network}" cannot be removed`);
  factories.delete(network);
}

function skipReasonOf(network: Network, settings: NetworkSettings): string | null {
  const factory = factories.get(network);
  return factory ? factory.skipReason(settings) : `no collector is installed for ${network}`;
}

export function buildAdapters(settings: AdapterSettings): AdapterSelection {
  const selection: AdapterSelection = { adapters: [], skipped: [] };
  for (const network of collectedNetworkIds()) {
    const reason = skipReasonOf(network, settings);
    if (reason) selection.skipped.push({ network, reason });
    else selection.adapters.push(factories.get(network)!.create(settings));
  }
  return selection;
}

/** Networks these settings let the collector read (the dashboard shows the others as not configured). */
export function configuredNetworks(settings: NetworkSettings): Network[] {
  return collectedNetworkIds().filter((network) => skipReasonOf(network, settings) === null);
}
