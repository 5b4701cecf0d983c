// The demo's earlier weeks: a quieter stretch of the campaign (and of the comparator hashtags)
// before the week the demo starts with, collected by the tracker's own collector from the fakes
// with their clock and the run's clock turned back, a run every six and a half simulated days, as if the tracker
// had been collecting all along. Alerts need three collected weeks of the same hour and moment lifts
// two collected weeks of the same 48 hours; a first collection reaches back only one week, so
// without these nothing could be judged on the demo's first run.
import type { Config } from '../cli/config.js';
import { buildAdapters } from '../collector/build-adapters.js';
import { DEFAULT_RETRY_POLICY } from '../collector/retry.js';
import { runCollection } from '../collector/run-collection.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import type { DemoPost } from './campaign-simulation.js';
import type { DemoNetworks } from './demo-networks.js';

/** One collection every six and a half simulated days: X's search reaches a week back, so nothing is missed. */
const RUN_EVERY_MS = 6.5 * 24 * 3_600_000;
export const HISTORY_WEEKS = 4;

/** The fakes' clock: the real one, or a simulated time while the earlier weeks are collected. */
export class DemoClock {
  private simulated: number | null = null;
  readonly now = (): number => this.simulated ?? Date.now();
  set(at: number | null): void {
    this.simulated = at;
  }
}

export interface DemoHistoryOptions {
  config: Config;
  db: Db;
  log: Logger;
  networks: DemoNetworks;
  clock: DemoClock;
  /** Every post of the earlier weeks (campaign and comparator chatter), oldest first. */
  posts: readonly DemoPost[];
  fromMs: number;
  untilMs: number;
}

/** Publishes and collects the earlier weeks a run at a time; returns the runs made. The clock is real again afterwards. */
export async function collectDemoHistory(options: DemoHistoryOptions): Promise<number> {
  const { config, db, networks, clock } = options;
  // The runs of the simulated days say little worth reading: only their warnings are shown.
  const log = options.log.child({ module: 'demo-history' }, { level: 'warn' });
  const adapters = buildAdapters({ ...config, retryPolicy: DEFAULT_RETRY_POLICY }).adapters;
  const published: DemoPost[] = [];
  let next = 0;
  let runs = 0;
  try {
    for (let at = Math.min(options.fromMs + RUN_EVERY_MS, options.untilMs); ; at = Math.min(at + RUN_EVERY_MS, options.untilMs)) {
      clock.set(at);
      const due: DemoPost[] = [];
      while (next < options.posts.length && options.posts[next]!.createdAtMs <= at) due.push(options.posts[next++]!);
      networks.publish(due, at);
      published.push(...due);
      // Counts as they stand then: posts older than a run or two have settled, so no refresh is asked for.
      networks.updateCounts(published, at);
      await runCollection({ db, adapters, hashtags: config.hashtags, comparatorHashtags: config.compareHashtags, refresh: 'none', refreshOffsetsMs: config.refreshOffsetsMs, log, now: clock.now });
      runs += 1;
      if (at >= options.untilMs) break;
    }
  } finally {
    clock.set(null);
  }
  return runs;
}
