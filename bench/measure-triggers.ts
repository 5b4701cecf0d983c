// What each group of triggers (and each secondary index of posts) costs a collection page: the same
// 100-post pages timed on one scratch copy with everything in place, then with one group dropped at
// a time (put back before the next), so cost = page with it − page without it. Run on a copy only.
import type { Db } from '../db/connection.js';
import { statement } from '../db/statements.js';
import { measureWritePages, type WriteTimings } from './measure-writes.js';
import type { Campaign } from './synthetic-campaign.js';

/** Schema objects dropped together, by name pattern (SQL LIKE), and the migration that made them. */
const GROUPS: ReadonlyArray<{ label: string; type: 'trigger' | 'index'; like: string }> = [
  { label: 'posts rollup triggers (002)', type: 'trigger', like: 'rollup\\_posts\\_%' },
  { label: 'gains rollup triggers (002)', type: 'trigger', like: 'rollup\\_gains\\_%' },
  { label: 'hashtag rollup triggers (004)', type: 'trigger', like: 'rollup\\_hashtags\\_%' },
  { label: 'change counter triggers (010)', type: 'trigger', like: 'change\\_counter\\_%' },
  { label: 'change log triggers (014)', type: 'trigger', like: 'change\\_log\\_%' },
  { label: 'index posts_by_network_created (001)', type: 'index', like: 'posts\\_by\\_network\\_created' },
  { label: 'index posts_by_author (001)', type: 'index', like: 'posts\\_by\\_author' },
];

export interface TriggerCost {
  label: string;
  /** CPU ms of a 100-new-post page and of a 100-refresh page without the group (the cheapest of the pages timed). */
  newPostsPageCpuMs: number;
  refreshPageCpuMs: number;
}

export interface TriggerCosts {
  /** Every trigger and index in place. */
  all: { newPostsPageCpuMs: number; refreshPageCpuMs: number };
  without: TriggerCost[];
}

interface SchemaObject {
  name: string;
  sql: string;
}

/** The cheapest page of each kind: on a shared machine, waiting and cache contention only ever add. */
const cpuMinima = (t: WriteTimings) => ({ newPostsPageCpuMs: t.newPostsPageCpu.minMs, refreshPageCpuMs: t.refreshPageCpu.minMs });
const lower = (a: TriggerCost | undefined, b: TriggerCost): TriggerCost =>
  a ? { label: a.label, newPostsPageCpuMs: Math.min(a.newPostsPageCpuMs, b.newPostsPageCpuMs), refreshPageCpuMs: Math.min(a.refreshPageCpuMs, b.refreshPageCpuMs) } : b;

/**
 * Times `pages` pages of each kind with everything, then without each group in turn, `rounds` times
 * over (interleaved, so a busy spell of the machine touches every variant alike); the cheapest page
 * of each variant counts.
 */
export function measureTriggerCosts(db: Db, campaign: Campaign, pages: number, onLine?: (line: string) => void, rounds = 3): TriggerCosts {
  let serial = 10_000_000;
  const measure = (label: string): TriggerCost => {
    const timings = measureWritePages(db, campaign, pages, serial);
    serial += pages * 400;
    return { label, ...cpuMinima(timings) };
  };
  // One untimed round first: the copy's pages are then in the OS cache for every variant alike.
  measure('warm-up');
  let all: TriggerCost | undefined;
  const without = new Map<string, TriggerCost>();
  for (let round = 0; round < rounds; round += 1) {
    all = lower(all, measure('all'));
    for (const group of GROUPS) {
      const objects = statement<[string, string], SchemaObject>(db, `SELECT name, sql FROM sqlite_master WHERE type = ? AND name LIKE ? ESCAPE '\\'`).all(group.type, group.like);
      if (objects.length === 0) continue;
      for (const { name } of objects) db.exec(`DROP ${group.type.toUpperCase()} "${name}"`);
      try {
        without.set(group.label, lower(without.get(group.label), measure(group.label)));
      } finally {
        for (const { sql } of objects) db.exec(sql);
      }
    }
  }
  const result = { all: { newPostsPageCpuMs: all!.newPostsPageCpuMs, refreshPageCpuMs: all!.refreshPageCpuMs }, without: [...without.values()] };
  onLine?.(`write page with every trigger: ${result.all.newPostsPageCpuMs.toFixed(1)} ms CPU new, ${result.all.refreshPageCpuMs.toFixed(1)} ms refresh (cheapest page of ${rounds} rounds)`);
  for (const cost of result.without) onLine?.(`without ${cost.label}: ${cost.newPostsPageCpuMs.toFixed(1)} ms CPU new, ${cost.refreshPageCpuMs.toFixed(1)} ms refresh`);
  return result;
}
