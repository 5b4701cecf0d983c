// Shapes GET /api/shareables: per shareable, share-button clicks → posts that used it, how much they
// were edited, their engagements and potential reach, by network. Networks the tracker cannot
// collect from (LinkedIn, Facebook, Threads) carry clicks only, with the reason. Pure.
import type { Network } from '../../core/types.js';
import type { ShareableEntry, ShareableNetworkFigures, ShareNetworkColumn } from '../contract/index.js';
import type { AdoptionFigures, ShareableAdoption } from '../../db/shareable-adoption.js';
import type { ShareableLabel } from '../../shareables/campaign-shareables.js';
import { networkById } from '../../core/networks.js';
import { networkLabel, shareNetworkIds, type ShareNetwork } from '../../shareables/networks.js';

/** Why clicks on `network` can never be followed by matched posts; null for a network the tracker collects. */
export function notCollectableReason(network: ShareNetwork): string | null {
  const descriptor = networkById(network);
  return descriptor.collection ? null : (descriptor.notCollectedNote ?? `Clicks only: the tracker does not collect from ${descriptor.label}.`);
}

export interface ShareablesAnswerInput {
  rows: readonly ShareableAdoption[];
  /** The content file's shareables, or null when it could not be loaded. */
  labels: readonly ShareableLabel[] | null;
  /** Collected networks in the dashboard's scope. */
  scopeNetworks: readonly Network[];
  /** Whether the request narrowed the networks (then share-only networks are left out). */
  networksNarrowed: boolean;
  /** Networks the collector is configured for. */
  enabledNetworks: readonly Network[];
}

/** The networks a shareables answer has a column for: collected ones in scope, and the share-only ones unless narrowed. */
export function networkColumns(input: Pick<ShareablesAnswerInput, 'scopeNetworks' | 'networksNarrowed' | 'enabledNetworks'>): ShareNetworkColumn[] {
  return shareNetworkIds().flatMap((network): ShareNetworkColumn[] => {
    const reason = notCollectableReason(network);
    if (reason) return input.networksNarrowed ? [] : [{ network, label: networkLabel(network), collected: false, note: reason }];
    const collectable = network as Network;
    if (!input.scopeNetworks.includes(collectable)) return [];
    const enabled = input.enabledNetworks.includes(collectable);
    return [
      {
        network,
        label: networkLabel(network),
        collected: enabled,
        note: enabled ? null : `Clicks only for now: the collector is not configured for ${networkLabel(network)}, so no posts there are collected or matched.`,
      },
    ];
  });
}

const ZERO: AdoptionFigures = { clicks: 0, copies: 0, posts: 0, postsByMethod: { link: 0, text: 0 }, edited: null, engagements: 0, contributors: 0, potentialReach: 0 };

function networkFigures(column: ShareNetworkColumn, row: ShareableAdoption | undefined): ShareableNetworkFigures {
  const figures = row?.networks.find((entry) => entry.network === column.network) ?? ZERO;
  // A configured-off collected network may still hold posts collected earlier: show them.
  const matchable = notCollectableReason(column.network) === null;
  return {
    network: column.network,
    clicks: figures.clicks,
    copies: figures.copies,
    posts: matchable ? figures.posts : null,
    postsByMethod: matchable ? figures.postsByMethod : null,
    edited: matchable ? figures.edited : null,
    engagements: matchable ? figures.engagements : null,
    contributors: matchable ? figures.contributors : null,
    potentialReach: matchable ? figures.potentialReach : null,
  };
}

/**
 * Every shareable of the content file (those without a click or post too, so the unused show), and
 * any other the database has figures for. Active ones first (most posts, then most clicks), then the
 * rest in file order.
 */
export function shareableEntries(input: ShareablesAnswerInput, columns: readonly ShareNetworkColumn[]): ShareableEntry[] {
  const rows = new Map(input.rows.map((row) => [row.shareableId, row]));
  const labels = new Map((input.labels ?? []).map((label) => [label.id, label]));
  const entry = (id: string): ShareableEntry => {
    const row = rows.get(id);
    const label = labels.get(id);
    const { shareableId: _id, networks: _networks, ...figures } = row ?? { shareableId: id, networks: [], ...ZERO };
    return {
      id,
      resourceId: label?.resourceId ?? null,
      templateId: label?.templateId ?? null,
      kind: label?.kind ?? null,
      title: label?.title ?? id,
      inContentFile: label !== undefined,
      ...figures,
      networks: columns.map((column) => networkFigures(column, row)),
    };
  };
  const active = input.rows.map((row) => entry(row.shareableId));
  const idle = (input.labels ?? []).filter((label) => !rows.has(label.id)).map((label) => entry(label.id));
  return [...active, ...idle];
}
