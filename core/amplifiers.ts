// Amplifiers (issue 16, item 4): the people who spread the campaign furthest in a range. Accounts
// the account map names as one person's are merged, so that person is ranked once. Pure: the
// caller reads per-account figures (db/amplifiers.ts); this merges and ranks them.
import type { AccountMap } from './amplifier-accounts.js';
import type { Network } from './types.js';

/** What an account, or a person's accounts together, did for the campaign in the range. */
export interface ActivityFigures {
  /** Posts other than reposts (originals, replies, quotes). */
  posts: number;
  reposts: number;
  /** Followers when the posts were collected (the largest, once per account, added over a person's accounts); null when never known. */
  reach: number | null;
  /** Engagements of the posts (latest counts; reposts carry none, their originals do). */
  engagements: number;
  /** Posts that attribution matched to one of the campaign's ready-made posts. */
  readyMadePosts: number;
  /** The first tracked post ever (ms), not only in the range. */
  firstSeenAt: number;
}

/** What one account did for the campaign in the range. */
export interface AccountActivity extends ActivityFigures {
  network: Network;
  accountId: string;
  username: string;
  displayName: string | null;
}

export const AMPLIFIER_ORDERS = ['reach', 'engagements', 'ready_made', 'posts'] as const;
export type AmplifierOrder = (typeof AMPLIFIER_ORDERS)[number];

export interface Amplifier extends ActivityFigures {
  rank: number;
  /** The mapped person's name, or null for an account the map does not name. */
  person: string | null;
  accounts: Array<{ network: Network; username: string; displayName: string | null }>;
}

type Unranked = Omit<Amplifier, 'rank'>;

/** What the ranking orders by (first seen only describes). */
type RankedFigures = Omit<ActivityFigures, 'firstSeenAt'>;

const SORT_KEYS: Record<AmplifierOrder, ReadonlyArray<(entry: RankedFigures) => number>> = {
  reach: [(entry) => entry.reach ?? -1, (entry) => entry.engagements, (entry) => entry.posts + entry.reposts],
  engagements: [(entry) => entry.engagements, (entry) => entry.reach ?? -1, (entry) => entry.posts + entry.reposts],
  ready_made: [(entry) => entry.readyMadePosts, (entry) => entry.reach ?? -1, (entry) => entry.engagements],
  posts: [(entry) => entry.posts + entry.reposts, (entry) => entry.reach ?? -1, (entry) => entry.engagements],
};

/** The figure `by` orders by first (higher ranks first): an account below the `limit`-th best's cannot rank. */
export function firstRankingFigure(by: AmplifierOrder): (entry: RankedFigures) => number {
  return SORT_KEYS[by][0]!;
}

/** Orders figures by `by`'s keys, best first; 0 when only a label could tell them apart. */
const figureOrder = (by: AmplifierOrder) => {
  const keys = SORT_KEYS[by];
  return (a: RankedFigures, b: RankedFigures) => {
    for (const key of keys) if (key(b) !== key(a)) return key(b) - key(a);
    return 0;
  };
};

/**
 * The accounts that can be among the first `limit` by `by` when the account map merges none: the
 * first `limit` by figures and every account tied with the last of them (labels break those ties),
 * so rankAmplifiers over them ranks as over all, and only they need their names read.
 */
export function rankingCandidates<T extends RankedFigures>(activity: readonly T[], by: AmplifierOrder, limit: number): T[] {
  if (limit <= 0) return [];
  if (limit >= activity.length) return [...activity];
  const compare = figureOrder(by);
  // The best `limit` so far, best first: most accounts are turned away by one comparison with the last.
  const best: T[] = [];
  for (const entry of activity) {
    if (best.length === limit && compare(entry, best[limit - 1]!) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compare(best[mid]!, entry) <= 0) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, entry);
    if (best.length > limit) best.pop();
  }
  const last = best[limit - 1]!;
  return activity.filter((entry) => compare(entry, last) <= 0);
}

const label = (entry: Unranked) => entry.person ?? `${entry.accounts[0]?.network}:${entry.accounts[0]?.username}`;

/** One entry per person (mapped accounts merged, others one each), ranked by `by`, best first. */
export function rankAmplifiers(activity: readonly AccountActivity[], map: AccountMap, by: AmplifierOrder, limit: number): Amplifier[] {
  const people = new Map<string, Unranked>();
  for (const account of activity) {
    const person = map.personOf(account.network, account.username);
    const key = person === null ? `account:${account.network}:${account.accountId}` : `person:${person}`;
    const entry = people.get(key) ?? { person, accounts: [], posts: 0, reposts: 0, reach: null, engagements: 0, readyMadePosts: 0, firstSeenAt: account.firstSeenAt };
    entry.accounts.push({ network: account.network, username: account.username, displayName: account.displayName });
    entry.posts += account.posts;
    entry.reposts += account.reposts;
    // Each account's audience once; a person's accounts add up (an upper bound: audiences may overlap).
    entry.reach = account.reach === null ? entry.reach : (entry.reach ?? 0) + account.reach;
    entry.engagements += account.engagements;
    entry.readyMadePosts += account.readyMadePosts;
    entry.firstSeenAt = Math.min(entry.firstSeenAt, account.firstSeenAt);
    people.set(key, entry);
  }
  const byFigures = figureOrder(by);
  const compare = (a: Unranked, b: Unranked) => byFigures(a, b) || label(a).localeCompare(label(b));
  return [...people.values()]
    .sort(compare)
    .slice(0, limit)
    .map((entry, index) => ({ rank: index + 1, ...entry }));
}
