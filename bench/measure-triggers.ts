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
  /** CPU ms of a 100-new-post page and of a 100-refresh page without the group (medians). */
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

const cpuMedians = (t: WriteTimings) => ({ newPostsPageCpuMs: t.newPostsPageCpu.medianMs, refreshPageCpuMs: t.refreshPageCpu.medianMs });

/** Times `pages` pages of each kind with everything, then without each group in turn. */
export function measureTriggerCosts(db: Db, campaign: Campaign, pages: number, onLine?: (line: string) => void): TriggerCosts {
  let serial = 10_000_000;
  const measure = () => {
    const timings = measureWritePages(db, campaign, pages, serial);
    serial += pages * 400;
    return cpuMedians(timings);
  };
  // One untimed round first: the copy's pages are then in the OS cache for every variant alike.
  measure();
  const first = measure();
  const without: TriggerCost[] = [];
  for (const group of GROUPS) {
    const objects = statement<[string, string], SchemaObject>(db, `SELECT name, sql FROM sqlite_master WHERE type = ? AND name LIKE ? ESCAPE '\\'`).all(group.type, group.like);
    if (objects.length === 0) continue;
    for (const { name } of objects) db.exec(`DROP ${group.type.toUpperCase()} "${name}"`);
    try {
      const cost = { label: group.label, ...measure() };
      without.push(cost);
      onLine?.(`without ${group.label}: ${cost.newPostsPageCpuMs.toFixed(1)} ms CPU new, ${cost.refreshPageCpuMs.toFixed(1)} ms refresh`);
    } finally {
      for (const { sql } of objects) db.exec(sql);
    }
  }
  // Everything in place again at the end: the lower of the two rounds, as machine noise only adds.
  const last = measure();
  const all = { newPostsPageCpuMs: Math.min(first.newPostsPageCpuMs, last.newPostsPageCpuMs), refreshPageCpuMs: Math.min(first.refreshPageCpuMs, last.refreshPageCpuMs) };
  onLine?.(`write page with every trigger: ${all.newPostsPageCpuMs.toFixed(1)} ms CPU new, ${all.refreshPageCpuMs.toFixed(1)} ms refresh`);
  return { all, without };
}
