// How each network is named and coloured everywhere in the app. The list and the labels come from
// the server's registry (`/api/status` networks); colours keep at least 3:1 contrast against the
// white cards, as WCAG asks of graphics. Pure.

/** The built-in networks keep the colours people know from earlier versions. */
const KNOWN_COLORS: Readonly<Record<string, string>> = {
  x: '#1f2328',
  bluesky: '#0a66c2',
  mastodon: '#6b3fc0',
};

/** Colours for networks the app has no colour of its own for, handed out in registry order. */
const PALETTE = ['#b04a0c', '#1a7a48', '#a3165f', '#5c6a00', '#00728a', '#8a5a00'] as const;

/** Series colours of the reach chart. */
export const METRIC_COLORS = {
  impressions: '#0b5fa5',
  potentialReach: '#b04a0c',
  engagements: '#1a7a48',
} as const;

/** One collected network as the app shows it. */
export interface NetworkInfo {
  id: string;
  label: string;
  color: string;
}

/** The networks the server collects from, in the server's order, with a label and a colour each. */
export interface NetworkRegistry {
  readonly list: readonly NetworkInfo[];
  readonly ids: readonly string[];
  /** The label of `id`; an id the server did not list is shown as it is rather than failing a panel. */
  label(id: string): string;
  color(id: string): string;
}

/** A `/api/status` networks[] entry; a server from before the registry's labels sends the id only. */
interface StatusEntry {
  network: string;
  label?: string;
}

/**
 * The registry the server's status describes. A network without a colour of its own gets the next
 * palette colour, counted over those networks in the server's order, so a reload keeps its colour.
 */
export function networkRegistry(entries: readonly StatusEntry[]): NetworkRegistry {
  let next = 0;
  const list = entries.map((entry): NetworkInfo => {
    const color = KNOWN_COLORS[entry.network] ?? PALETTE[next++ % PALETTE.length]!;
    return { id: entry.network, label: entry.label ?? entry.network, color };
  });
  const byId = new Map(list.map((info) => [info.id, info]));
  return {
    list,
    ids: list.map((info) => info.id),
    label: (id) => byId.get(id)?.label ?? id,
    color: (id) => byId.get(id)?.color ?? KNOWN_COLORS[id] ?? PALETTE[0],
  };
}

/** Before the server has answered: no network is known yet. */
export const NO_NETWORKS: NetworkRegistry = networkRegistry([]);
