// A realistic, deterministic campaign database for dashboard, report and browser tests, written
// through the real migrations and the collector's own store functions (db/posts.ts, db/runs.ts).
//
// Two weeks of three networks ending at `now`: posts of every kind from contributors who post on
// several days, counts that grow from refresh to refresh (snapshots), follower counts that change,
// runs every six hours with one failed run, one rate-limited run and one day without any Bluesky
// run (a gap), one purged (removed) post, a post whose text is an HTML injection attempt, and posts
// whose text needs CSV quoting or starts like a spreadsheet formula. The returned model lists what
// was written, so tests compute expected numbers independently of the queries under test.
import { CAMPAIGN_PHRASES } from '../../bench/synthetic-campaign.js';
import { matchTrackedHashtags } from '../../core/hashtags.js';
import { mulberry32 } from '../../core/mulberry32.js';
import type { MetricReading, Network, NormalizedAuthor, NormalizedPost, PostKind } from '../../core/types.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { purgeRemovedPost, selectAllLivePosts, storeCollectedPost, storeRefreshedReading, upsertAuthor } from '../../db/posts.js';
import { addRunCounters, finishRun, startRun, type RunStatus } from '../../db/runs.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Wednesday after the end of US daylight saving time (Sunday 2026-11-01): the seeded two weeks span it. */
export const SEED_NOW = Date.parse('2026-11-04T15:00:00Z');
export const SEED_HASHTAGS = ['jobquality', 'fairwork'] as const;
export const SEED_TIME_ZONE = 'America/New_York';
/** Text of the post that must render as literal text in the dashboard. */
export const XSS_TEXT = '<img src=x onerror=alert(1)>';

export interface SeededAuthor {
  network: Network;
  networkId: string;
  username: string;
  displayName: string;
  /** Latest follower count written (what potential reach uses). */
  followers: number;
}

export interface SeededReading {
  at: number;
  metrics: MetricReading;
}

export interface SeededPost {
  network: Network;
  networkId: string;
  url: string;
  kind: PostKind;
  createdAt: number;
  text: string;
  /** Every tag in the post. */
  hashtags: string[];
  /** The tracked tags among them. */
  matchedHashtags: string[];
  author: SeededAuthor;
  /** Every reading handed to the store, oldest first (equal consecutive readings store no snapshot). */
  readings: SeededReading[];
  /** When the post was purged as removed, or null while it is live. */
  removedAt: number | null;
}

export interface SeededRun {
  network: Network;
  startedAt: number;
  finishedAt: number;
  status: Exclude<RunStatus, 'running'>;
  postsNew: number;
  postsRead: number;
  requests: number;
  rateLimitPauses: number;
  estimatedCostUsd: number;
  error: string | null;
}

export interface SeededDatabase {
  db: Db;
  now: number;
  hashtags: string[];
  /** Suggested report time zone for the seed (its weeks include a daylight-saving change). */
  timeZone: string;
  posts: SeededPost[];
  authors: SeededAuthor[];
  runs: SeededRun[];
  /** Live posts only (what every dashboard number is about). */
  livePosts(): SeededPost[];
}

export interface SeedOptions {
  /** End of the seeded history (default {@link SEED_NOW}); browser tests pass Date.now() so the default 7-day view has data. */
  now?: number;
  /** SQLite file to write (default ':memory:'). */
  file?: string;
  /** PRNG seed (default 4). */
  seed?: number;
  /** Days of history before `now` (default 14): the first collection run is about this long ago. */
  days?: number;
  /**
   * Days before the first run that the first run reaches back for (default 0): posts created then
   * are stored by that first run, as a new tracker's first X search finds the last 7 days.
   */
  backfillDays?: number;
  /**
   * Stretches in which a network's runs failed (`failed`) or did not happen at all (`none`), on top
   * of the standard ones. The run after an outage collects what the network still offers: X only
   * the last 7 days (its search window), Bluesky and Mastodon everything since their last run.
   */
  outages?: ReadonlyArray<{ network: Network; from: number; to: number; runs: 'failed' | 'none' }>;
}

/** X recent search reaches this far back (as collector/networks/x does). */
const X_SEARCH_WINDOW = 7 * DAY;

const NAMES = ['Ada', 'Bea', 'Cy', 'Dee', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kit', 'Lou', 'Max', 'Ned', 'Oda', 'Pip', 'Quin', 'Ray', 'Sam', 'Tess', 'Uma', 'Vic', 'Wyn', 'Zed'];
const CO_TAGS = ['livingwage', 'unions', 'remotework', 'payequity', 'workersrights', 'flexibility'];
const PHRASES = CAMPAIGN_PHRASES.slice(0, 6);

/** Final counts a post grows towards, per network (a network's unreported counts stay null). */
function finalCounts(network: Network, random: () => number, scale: number): MetricReading {
  const n = (max: number) => Math.floor(random() * max * scale);
  switch (network) {
    case 'x':
      return { likes: n(120), reposts: n(40), replies: n(15), quotes: n(8), bookmarks: n(10), impressions: 200 + n(9000) };
    case 'bluesky':
      // Bluesky reports bookmarks too; the engagement formula leaves them out.
      return { likes: n(90), reposts: n(25), replies: n(12), quotes: n(6), bookmarks: n(9), impressions: null };
    case 'mastodon':
      // Mastodon reports quotes (4.5+); the engagement formula leaves them out.
      return { likes: n(60), reposts: n(30), replies: n(10), quotes: n(5), bookmarks: null, impressions: null };
    default:
      throw new Error(`the seed has no counts for ${network}`);
  }
}

/** An X repost (retweet) has no counts of its own: X shows its original's, which the original carries. */
function countsOf(network: Network, kind: PostKind, counts: MetricReading): MetricReading {
  return network === 'x' && kind === 'repost' ? { likes: null, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null } : counts;
}

/** The reading of a post `age` ms after creation: counts rise quickly at first, then level off. */
function readingAt(final: MetricReading, age: number): MetricReading {
  const share = 1 - Math.exp(-Math.max(0, age) / (18 * HOUR));
  const grow = (value: number | null) => (value === null ? null : Math.floor(value * share));
  return {
    likes: grow(final.likes),
    reposts: grow(final.reposts),
    replies: grow(final.replies),
    quotes: grow(final.quotes),
    bookmarks: grow(final.bookmarks),
    impressions: grow(final.impressions),
  };
}

interface PlannedPost extends SeededPost {
  final: MetricReading;
  refreshRef: string;
  /** Removed from the network at this time; the next refresh after it purges the post. */
  deletedAt: number | null;
}

/** Builds the seeded database. Same options, same database, row for row. */
export function seedDatabase(options: SeedOptions = {}): SeededDatabase {
  const now = options.now ?? SEED_NOW;
  const days = options.days ?? 14;
  const random = mulberry32(options.seed ?? 4);
  const db = openDatabase(options.file ?? ':memory:');
  const hashtags = [...SEED_HASHTAGS];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  // Collection ticks every six hours (UTC-aligned), the first one `days` before now.
  const firstTick = Math.floor((now - days * DAY) / (6 * HOUR)) * (6 * HOUR);
  const start = firstTick - 6 * HOUR;
  const reachBack = (options.backfillDays ?? 0) * DAY;

  const authors: SeededAuthor[] = [];
  const authorsByNetwork = new Map<Network, SeededAuthor[]>();
  for (const network of ['x', 'bluesky', 'mastodon'] as const) {
    const list: SeededAuthor[] = [];
    for (let i = 0; i < 8; i += 1) {
      const name = NAMES[(i * 3 + network.length) % NAMES.length]!;
      const username = network === 'x' ? `${name.toLowerCase()}_${network}${i}` : network === 'bluesky' ? `${name.toLowerCase()}${i}.bsky.social` : `${name.toLowerCase()}${i}@mastodon.social`;
      const author: SeededAuthor = {
        network,
        networkId: network === 'x' ? String(1000 + i) : network === 'bluesky' ? `did:plc:seed${network}${i}` : `https://mastodon.social/users/${name.toLowerCase()}${i}`,
        username,
        displayName: `${name} ${network === 'x' ? 'on X' : network === 'bluesky' ? 'on Bluesky' : 'on Mastodon'}`,
        followers: Math.floor(50 * Math.pow(1000, random())),
      };
      list.push(author);
      authors.push(author);
    }
    authorsByNetwork.set(network, list);
  }

  const posts: PlannedPost[] = [];
  let serial = 0;
  const plan = (network: Network, createdAt: number, overrides: Partial<PlannedPost> = {}): PlannedPost => {
    serial += 1;
    const author = overrides.author ?? pick(authorsByNetwork.get(network)!);
    const roll = random();
    const kind: PostKind = roll < 0.6 ? 'original' : roll < 0.8 ? 'reply' : roll < 0.9 ? 'quote' : 'repost';
    const tagRoll = random();
    const tracked = tagRoll < 0.7 ? ['jobquality'] : tagRoll < 0.85 ? ['fairwork'] : ['jobquality', 'fairwork'];
    const extra = random() < 0.6 ? [pick(CO_TAGS)] : [];
    const postTags = [...tracked, ...extra];
    const text = `${pick(PHRASES)} ${postTags.map((tag) => `#${tag}`).join(' ')}`;
    const id =
      network === 'x'
        ? String(1_850_000_000_000_000_000n + BigInt(serial))
        : network === 'bluesky'
          ? `at://${author.networkId}/app.bsky.feed.post/3seed${serial.toString(36)}`
          : `https://mastodon.social/users/${author.username.split('@')[0]}/statuses/${110_000 + serial}`;
    const url =
      network === 'x'
        ? `https://x.com/${author.username}/status/${id}`
        : network === 'bluesky'
          ? `https://bsky.app/profile/${author.username}/post/3seed${serial.toString(36)}`
          : `https://mastodon.social/@${author.username.split('@')[0]}/${110_000 + serial}`;
    const post: PlannedPost = {
      network,
      networkId: id,
      refreshRef: network === 'mastodon' ? String(110_000 + serial) : id,
      url,
      kind,
      createdAt,
      text,
      hashtags: postTags,
      matchedHashtags: matchTrackedHashtags(postTags, hashtags),
      author,
      readings: [],
      removedAt: null,
      final: countsOf(network, kind, finalCounts(network, random, 1)),
      deletedAt: null,
      ...overrides,
    };
    post.matchedHashtags = matchTrackedHashtags(post.hashtags, hashtags);
    posts.push(post);
    return post;
  };

  for (let t = start - reachBack; t < now - HOUR; ) {
    t += Math.floor(random() * 5 * HOUR) + 20 * 60_000;
    if (t >= now - HOUR) break;
    plan(pick(['x', 'x', 'bluesky', 'bluesky', 'mastodon'] as const), t);
  }
  // Special posts, recent enough for the default seven-day view.
  const xAuthors = authorsByNetwork.get('x')!;
  const blueskyAuthors = authorsByNetwork.get('bluesky')!;
  const mastodonAuthors = authorsByNetwork.get('mastodon')!;
  plan('bluesky', now - 26 * HOUR - 7 * 60_000, {
    text: `${XSS_TEXT} #jobquality`,
    hashtags: ['jobquality'],
    kind: 'original',
    author: blueskyAuthors[1]!,
    final: { likes: 400, reposts: 90, replies: 30, quotes: 12, bookmarks: 5, impressions: null },
  });
  plan('mastodon', now - 50 * HOUR - 13 * 60_000, {
    text: 'He said "fair pay, now", then left.\nSecond line, with a comma. #jobquality',
    hashtags: ['jobquality'],
    kind: 'original',
    author: mastodonAuthors[2]!,
  });
  plan('x', now - 74 * HOUR - 29 * 60_000, {
    text: '=HYPERLINK("https://example.invalid","click me") #jobquality',
    hashtags: ['jobquality'],
    kind: 'original',
    author: xAuthors[3]!,
  });
  // A popular X post that X later reports deleted: it must leave every chart and export.
  plan('x', now - 5 * DAY - 3 * HOUR, {
    text: 'This post will be deleted #jobquality #livingwage',
    hashtags: ['jobquality', 'livingwage'],
    kind: 'original',
    author: xAuthors[0]!,
    final: { likes: 5000, reposts: 900, replies: 300, quotes: 100, bookmarks: 250, impressions: 400_000 },
    deletedAt: now - 2 * DAY,
  });
  // An X post whose impressions X never reported (older data): it has no part in the engagement rate.
  plan('x', now - 3 * DAY - 5 * HOUR, {
    text: 'Counting without views #fairwork',
    hashtags: ['fairwork'],
    kind: 'original',
    author: xAuthors[4]!,
    final: { likes: 30, reposts: 6, replies: 2, quotes: 1, bookmarks: 1, impressions: null },
  });
  posts.sort((a, b) => a.createdAt - b.createdAt);

  const runs: SeededRun[] = [];
  // One Bluesky day without any run (a gap), one failed Mastodon run, one rate-limited X run.
  const blueskyGapStart = firstTick + 4 * DAY;
  const failedMastodonTick = firstTick + 6 * DAY + 12 * HOUR;
  const rateLimitedXTick = firstTick + 8 * DAY + 6 * HOUR;
  const lastSeenBy = new Map<Network, number>([
    ['x', start - reachBack],
    ['bluesky', start - reachBack],
    ['mastodon', start - reachBack],
  ]);

  const toNormalized = (post: PlannedPost, metrics: MetricReading): NormalizedPost => ({
    network: post.network,
    networkId: post.networkId,
    refreshRef: post.refreshRef,
    url: post.url,
    createdAt: post.createdAt,
    text: post.text,
    lang: 'en',
    kind: post.kind,
    hashtags: post.hashtags,
    links: [],
    author: normalizedAuthor(post.author),
    metrics,
  });
  const normalizedAuthor = (author: SeededAuthor): NormalizedAuthor => ({
    networkId: author.networkId,
    username: author.username,
    displayName: author.displayName,
    followers: author.followers,
    verified: false,
  });

  for (let tick = firstTick; tick <= now; tick += 6 * HOUR) {
    for (const network of ['x', 'bluesky', 'mastodon'] as const) {
      if (network === 'bluesky' && tick >= blueskyGapStart && tick < blueskyGapStart + DAY + 6 * HOUR) continue;
      const at = tick + (network === 'x' ? 60_000 : network === 'bluesky' ? 120_000 : 180_000);
      const outage = options.outages?.find((entry) => entry.network === network && at >= entry.from && at < entry.to);
      if (outage?.runs === 'none') continue;
      const runId = startRun(db, network, at);
      const finishedAt = at + 40_000;
      if ((network === 'mastodon' && tick === failedMastodonTick) || outage?.runs === 'failed') {
        addRunCounters(db, runId, { requests: 4 });
        const error = 'mastodon kept failing after 4 attempts: Request failed with status 503';
        finishRun(db, runId, { status: 'failed', now: finishedAt, error });
        runs.push({ network, startedAt: at, finishedAt, status: 'failed', postsNew: 0, postsRead: 0, requests: 4, rateLimitPauses: 0, estimatedCostUsd: 0, error });
        continue;
      }
      const since = lastSeenBy.get(network)!;
      // X searches overlap the previous window a little, so some posts are seen (and updated) twice.
      const overlap = network === 'x' ? 3 * HOUR : 0;
      const reachStart = network === 'x' ? Math.max(since - overlap, at - X_SEARCH_WINDOW) : since - overlap;
      const found = posts.filter((post) => post.network === network && post.createdAt > reachStart && post.createdAt <= at && post.removedAt === null);
      let postsNew = 0;
      let postsUpdated = 0;
      let postsRemoved = 0;
      db.transaction(() => {
        for (const post of found) {
          // Followers drift a little between sightings.
          post.author.followers += Math.floor(random() * 5);
          const authorId = upsertAuthor(db, network, normalizedAuthor(post.author), at);
          const metrics = readingAt(post.final, at - post.createdAt);
          const outcome = storeCollectedPost(db, {
            post: toNormalized(post, metrics),
            authorId,
            matchedHashtags: post.matchedHashtags,
            now: at,
            nextRefreshAt: at + HOUR,
          });
          post.readings.push({ at, metrics });
          if (outcome === 'new') postsNew += 1;
          else if (outcome === 'updated') postsUpdated += 1;
        }
        // Refresh every live post younger than four days, as the refresh schedule would.
        const ids = new Map(selectAllLivePosts(db, network).map((row) => [row.networkId, row.postId]));
        for (const post of posts) {
          if (post.network !== network || post.removedAt !== null || post.createdAt > since - overlap || at - post.createdAt > 4 * DAY) continue;
          if (post.readings.length === 0) continue;
          if (post.deletedAt !== null && post.deletedAt <= at) {
            if (purgeRemovedPost(db, ids.get(post.networkId)!, 'deleted', at)) postsRemoved += 1;
            post.removedAt = at;
            continue;
          }
          const metrics = readingAt(post.final, at - post.createdAt);
          if (random() < 0.3) {
            post.author.followers += Math.floor(random() * 20);
            upsertAuthor(db, network, normalizedAuthor(post.author), at);
          }
          if (storeRefreshedReading(db, ids.get(post.networkId)!, metrics, at, at + 6 * HOUR)) postsUpdated += 1;
          post.readings.push({ at, metrics });
        }
      })();
      const rateLimited = network === 'x' && tick === rateLimitedXTick;
      const postsRead = found.length + postsUpdated;
      const requests = 1 + Math.ceil(postsRead / 100);
      const estimatedCostUsd = network === 'x' ? postsRead * 0.005 : 0;
      const rateLimitPauses = rateLimited ? 1 : 0;
      addRunCounters(db, runId, { postsNew, postsUpdated, postsRemoved, requests, postsRead, estimatedCostUsd, rateLimitPauses });
      const status = rateLimited ? 'rate_limited' : 'ok';
      finishRun(db, runId, { status, now: finishedAt, message: rateLimited ? 'x rate limit reached; the next scheduled run resumes' : null });
      runs.push({ network, startedAt: at, finishedAt, status, postsNew, postsRead, requests, rateLimitPauses, estimatedCostUsd, error: null });
      lastSeenBy.set(network, at);
    }
  }

  const seeded: SeededPost[] = posts
    .filter((post) => post.readings.length > 0)
    .map(({ final: _final, refreshRef: _ref, deletedAt: _deleted, ...post }) => post);
  return {
    db,
    now,
    hashtags,
    timeZone: SEED_TIME_ZONE,
    posts: seeded,
    authors,
    runs,
    livePosts: () => seeded.filter((post) => post.removedAt === null),
  };
}

/**
 * Purges every fifth live post of each network, for tests that compare answers over many removals
 * (the seed itself removes one). The seed's model does not record these purges.
 */
export function purgeEveryFifthLivePost(seeded: SeededDatabase): void {
  for (const network of ['x', 'bluesky', 'mastodon'] as const) {
    selectAllLivePosts(seeded.db, network)
      .filter((_, index) => index % 5 === 2)
      .forEach((post) => purgeRemovedPost(seeded.db, post.postId, 'deleted', seeded.now));
  }
}
