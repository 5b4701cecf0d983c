// Report data built by hand for renderer tests: a crowded week with the longest content the report
// allows (long names, long unbroken words, every warning) and hostile text from the networks.
import { kpisFromTotals, type Kpis } from '../../core/metrics.js';
import type { Network } from '../../core/types.js';
import type { TopPost } from '../../db/analytics-top.js';
import type { NetworkRunHistory } from '../../reports/coverage.js';
import { daysOfWeek, parseIsoWeek, shiftWeek } from '../../reports/iso-week.js';
import type { WeeklyReportData } from '../../reports/weekly-report.js';

export const FIXTURE_TIME_ZONE = 'America/New_York';
export const FIXTURE_WEEK = '2026-W44';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function kpis(scale: number): Kpis {
  const totals = (posts: number) => ({ posts, likes: posts * 40, reposts: posts * 9, replies: posts * 4, quotes: posts, bookmarks: posts * 2, impressions: posts * 2_400 });
  return kpisFromTotals(
    {
      groups: [
        { network: 'x', kind: 'original', withImpressions: true, totals: totals(Math.round(310 * scale)) },
        { network: 'bluesky', kind: 'reply', withImpressions: false, totals: { ...totals(Math.round(220 * scale)), impressions: 0 } },
        { network: 'mastodon', kind: 'repost', withImpressions: false, totals: { ...totals(Math.round(95 * scale)), impressions: 0 } },
      ],
      contributors: Math.round(480 * scale),
      potentialReach: Math.round(2_345_678 * scale),
    },
    ['x', 'bluesky', 'mastodon'],
  );
}

export function topPost(index: number, overrides: Partial<TopPost> = {}): TopPost {
  const network: Network = (['x', 'bluesky', 'mastodon'] as const)[index % 3]!;
  return {
    network,
    id: `post-${index}`,
    url: `https://example.org/${network}/posts/${index}`,
    author: {
      username: `a_remarkably_long_handle_without_any_spaces_${index}.example.social`,
      displayName: `Campaign Coalition for Fair and Decent Work in Every Sector, Region ${index}`,
      followers: 12_345 * (index + 1),
    },
    createdAt: Date.parse('2026-10-28T15:00:00Z') + index * HOUR,
    kind: 'original',
    text:
      `Post ${index}: ${'Supercalifragilisticexpialidociousjobqualityhashtagcampaign'.repeat(3)} ` +
      'https://example.org/a/very/long/link/that/does/not/break/anywhere/at/all/because/it/has/no/spaces ' +
      'Good jobs need predictable schedules, living wages and a real say at work. #jobquality #fairwork #livingwage #unions',
    hashtags: ['jobquality', 'fairwork'],
    metrics: { likes: 900 - index, reposts: 100, replies: 50, quotes: 10, bookmarks: 5, impressions: network === 'x' ? 98_765 : null },
    engagements: 1_065 - index,
    ...overrides,
  };
}

function history(network: Network, weekStart: number, now: number): NetworkRunHistory {
  const week = daysOfWeek(parseIsoWeek(FIXTURE_WEEK, FIXTURE_TIME_ZONE));
  return {
    network,
    days: week.map((day, index) => ({ date: day.date, start: day.start, end: day.end, runs: 4, successes: index < 4 ? 0 : 3, failures: index < 4 ? 4 : 1, rateLimitPauses: 2, postsCollected: 40 })),
    successesInWeek: [weekStart + 4 * DAY + 2 * HOUR],
    lastSuccessBefore: weekStart - 5 * DAY,
    firstSuccessAfter: now - DAY,
    firstRunAt: weekStart - 60 * DAY,
    skippedRuns: 0,
    skippedReason: null,
    // The same outage in the ledger: lost beyond the reach back, then refilled; the week's last day as if no run had collected it yet.
    ledger: {
      network,
      collectionBegan: weekStart - 60 * DAY,
      dataFrom: weekStart - 67 * DAY,
      spans: [
        { start: weekStart - 67 * DAY, end: weekStart - 5 * DAY, state: 'collected' },
        { start: weekStart - 5 * DAY, end: weekStart + 2 * DAY, state: 'never_collectable' },
        { start: weekStart + 2 * DAY, end: weekStart + 6 * DAY, state: 'backfilled' },
        { start: weekStart + 6 * DAY, end: now, state: 'failed' },
      ],
    },
  };
}

/** The fullest report the renderers may be asked to print: every list full, every warning raised. */
export function crowdedReportData(overrides: Partial<WeeklyReportData> = {}): WeeklyReportData {
  const week = parseIsoWeek(FIXTURE_WEEK, FIXTURE_TIME_ZONE);
  const now = week.end + 2 * DAY;
  const longName = (i: number) => ({
    network: (['x', 'bluesky', 'mastodon'] as const)[i % 3]!,
    username: `someone.with.a.very.long.handle.number.${i}@a-very-long-mastodon-instance-name.example.social`,
    displayName: `Fair Work Advocates and Friends of the Job Quality Campaign ${i}`,
    followers: 54_321 * (i + 1),
    posts: 30 - i,
    engagements: 4_321 - i * 100,
  });
  const candidates = Array.from({ length: 15 }, (_, index) => topPost(index));
  return {
    week,
    extent: { complete: true },
    now,
    hashtags: ['jobquality', 'fairwork', 'goodjobs'],
    networks: ['x', 'bluesky', 'mastodon'],
    weeklyKpis: [-3, -2, -1, 0].map((offset) => ({ week: shiftWeek(week, offset), kpis: kpis(1 + offset * 0.1) })),
    days: daysOfWeek(week).map((day, index) => ({
      ...day,
      posts: 80 + index * 7,
      contributors: 60 + index,
      potentialReach: 300_000 + index * 45_000,
      cumulativePotentialReach: 300_000 + index * 290_000,
      engagementsGained: 9_000 + index * 350,
    })),
    topPostCandidates: candidates,
    // X and Bluesky answered (post-4 is gone); Mastodon could not be asked, so its posts are not re-checked.
    existence: {
      status: 'checked',
      confirmed: new Set(candidates.filter((post) => post.network !== 'mastodon' && post.id !== 'post-4').map((post) => post.id)),
      checkedNetworks: new Set(['x', 'bluesky'] as const),
    },
    topContributors: Array.from({ length: 5 }, (_, i) => longName(i)),
    firstTime: { count: 123, contributors: Array.from({ length: 5 }, (_, i) => longName(i + 10)) },
    networkSplit: [
      { network: 'x', posts: 310, contributors: 200, engagements: 20_460, impressions: 744_000 },
      { network: 'bluesky', posts: 220, contributors: 180, engagements: 12_320, impressions: null },
      { network: 'mastodon', posts: 95, contributors: 100, engagements: 5_035, impressions: null },
    ],
    shareables: {
      posts: 87,
      items: Array.from({ length: 5 }, (_, i) => ({ id: `shareable-${i}`, title: `A ready-made post about predictable schedules and living wages, version ${i}`, posts: 20 - i })),
    },
    runHistory: (['x', 'bluesky', 'mastodon'] as const).map((network) => history(network, week.start, now)),
    ...overrides,
  };
}
