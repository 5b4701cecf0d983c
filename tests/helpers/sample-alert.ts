// An alert on an unusual hour as detection stores it (db/alerts.ts), for server tests that need one
// in the database: posts surged to 40 in the hour where 6 is usual, driven by one ready-made post.
import type { NewAlert } from '../../db/alerts.js';

const HOUR = 3_600_000;

/** A posts surge in the hour starting at `hourStart`, detected a minute after the hour closed. */
export function postsSurgeAlert(hourStart: number, overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    key: `posts:surge:${hourStart}`,
    metric: 'posts',
    direction: 'surge',
    hourStart,
    value: 40,
    baselineMedian: 6,
    baselineWeeks: 1,
    score: 5.7,
    drivers: {
      topPosts: [{ network: 'x', url: 'https://x.com/a/status/1', author: 'a', text: 'Fix work', engagements: 12, readyMade: true }],
      topContributors: [{ network: 'x', username: 'a', posts: 3, engagements: 12 }],
      readyMadePosts: 1,
    },
    message: 'Posts surged: 40 in the hour, usually 6.',
    detectedAt: hourStart + HOUR + 60_000,
    ...overrides,
  };
}
