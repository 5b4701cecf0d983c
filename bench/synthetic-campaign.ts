// A synthetic #jobquality campaign of any size for the benchmark: posts, authors and metric readings
// as the collector would see them, generated lazily from a seed (post i is a pure function of the
// seed and i, so a million posts never sit in memory). Pure: no I/O, no clock.
//
// Skew follows real hashtag campaigns: activity grows over the campaign with a daily and weekly
// rhythm and a few campaign days that spike; authors post with a Zipf-like frequency (a few very
// active accounts, a long tail of one-off posters); engagement is Pareto-distributed (a handful of
// viral posts, many with almost none); three networks, several tracked and co-occurring hashtags.
import { matchTrackedHashtags } from '../core/hashtags.js';
import { mulberry32 } from '../core/mulberry32.js';
import type { MetricReading, Network, NormalizedAuthor, NormalizedPost, PostKind } from '../core/types.js';

/** Bump when the generator's output changes, so cached benchmark databases are rebuilt. */
export const GENERATOR_VERSION = 2;

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/** Collection runs every 15 minutes, as with the default COLLECT_CRON. */
export const TICK_MS = 15 * MINUTE_MS;
/** The most readings per post the refresh schedule below supports. */
export const MAX_SNAPSHOTS_PER_POST = 12;

export const TRACKED_HASHTAGS = ['jobquality', 'fairwork', 'goodjobs'] as const;
const CO_TAGS = [
  'livingwage', 'unions', 'remotework', 'payequity', 'workersrights', 'flexibility', 'fourdayweek', 'burnout', 'careers', 'hr',
  'futureofwork', 'minimumwage', 'gigeconomy', 'wellbeing', 'inclusion', 'training', 'apprenticeships', 'safety', 'leadership', 'hiring',
];
/** What the synthetic campaign's posts say; the tests' seed uses the first six. */
export const CAMPAIGN_PHRASES = [
  'Good jobs need predictable schedules',
  'Living wages are the floor, not the ceiling',
  'Our survey: 3 in 5 workers want more say at work',
  'Job quality is a public health issue',
  'Fair pay, fair hours, fair treatment',
  'What makes a job a good job? Tell us',
  'Security, dignity and a voice at work',
  'Week 3 of the campaign and the stories keep coming',
  'Proud to sign the pledge today',
  'Thread: what changed when we moved to a four-day week',
];
const NAMES = ['ada', 'bea', 'cy', 'dee', 'eli', 'fay', 'gus', 'hal', 'ivy', 'jo', 'kit', 'lou', 'max', 'ned', 'oda', 'pip', 'quin', 'ray', 'sam', 'tess'];

/** Share of posts per network; authors are split the same way. */
const NETWORK_SHARES: ReadonlyArray<readonly [Network, number]> = [
  ['x', 0.5],
  ['bluesky', 0.3],
  ['mastodon', 0.2],
];
/** Seconds after each tick that a network's run reads (the runs of one tick do not share a timestamp). */
const NETWORK_OFFSET_MS: Readonly<Record<Network, number>> = { x: 20_000, bluesky: 40_000, mastodon: 60_000 };
/** Posts the network later reports deleted (purged at their third reading). */
const DELETED_SHARE = 0.001;
const DELETED_AT_READING = 2;

export interface CampaignOptions {
  /** Posts created over the campaign. */
  posts: number;
  /** Readings per post that differ from the previous one (each stores one snapshot), 1..12. */
  snapshotsPerPost: number;
  /** Length of the campaign in days, ending at `now`. */
  days: number;
  seed: number;
  /** End of the campaign (the benchmark's clock); rounded down to a collection tick. */
  now: number;
}

export interface SyntheticPost {
  index: number;
  network: Network;
  authorIndex: number;
  createdAt: number;
  /** The post as an adapter would hand it over (its `metrics` are the first reading). */
  normalized: NormalizedPost;
  matchedHashtags: string[];
  /** Counts the post grows towards (null where the network does not report one). */
  final: MetricReading;
  /** The reading (index) at which the network reports the post deleted, or null. */
  deletedAtReading: number | null;
}

/** An X repost (retweet) has no counts of its own (X shows its original's), so its readings store no snapshot. */
export function hasOwnCounts(post: Pick<SyntheticPost, 'network' | 'normalized'>): boolean {
  return !(post.network === 'x' && post.normalized.kind === 'repost');
}

const NO_COUNTS: MetricReading = { likes: null, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null };

export interface PlannedTotals {
  /** Posts stored (every generated post is collected once the campaign ends). */
  posts: number;
  /** Posts purged as deleted by the end. */
  removed: number;
  /** Metric snapshots left after the campaign: live posts' readings that fell due by the end. */
  snapshots: number;
}

export interface Campaign {
  readonly options: CampaignOptions;
  /** First collection tick (the campaign's start) and last (= options.now rounded down). */
  readonly start: number;
  readonly end: number;
  /** Ages after posting at which readings are taken: [0, then the refresh schedule]. */
  readonly readingAges: readonly number[];
  /** The refresh schedule as the collector takes it (readingAges without the first). */
  readonly refreshOffsets: readonly number[];
  readonly hashtags: readonly string[];
  /** Post `index` (0 ≤ index < posts); same seed and index, same post. */
  post(index: number): SyntheticPost;
  /** An extra post beyond the campaign, created at `createdAt` (for timing write pages on a full database). */
  extraPost(serial: number, createdAt: number): SyntheticPost;
  author(network: Network, authorIndex: number): NormalizedAuthor;
  /** The tick time a network's run takes reading `reading` of `post` (may lie after the campaign's end). */
  observedAt(post: SyntheticPost, reading: number): number;
  /** How long after each tick a network's run takes its readings. */
  runOffset(network: Network): number;
  /** The counts read at reading `reading` of `post`: rising with age and never equal to the previous reading. */
  reading(post: SyntheticPost, reading: number): MetricReading;
  /** How many of the post's readings fall due by the campaign's end (whether or not it is deleted on the way). */
  readingsTaken(post: SyntheticPost): number;
  /** What the database holds after populating the whole campaign (computed, not read from a database). */
  plannedTotals(): PlannedTotals;
}

/** A 32-bit hash of integers (murmur3 finaliser), to seed one PRNG per post or author. */
function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    h = Math.imul(h ^ (value >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Index of the first cumulative weight above `u` × total (inverse CDF by binary search). */
function pickCumulative(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cumulative[mid]! > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function cumulativeOf(length: number, weight: (index: number) => number): Float64Array {
  const cumulative = new Float64Array(length);
  let sum = 0;
  for (let i = 0; i < length; i += 1) {
    sum += weight(i);
    cumulative[i] = sum;
  }
  return cumulative;
}

/** Reading ages: the first sighting, then 30 min, 1 h, 2 h, … doubling (10 readings span about 5 days). */
function readingAgesFor(count: number): number[] {
  return Array.from({ length: count }, (_, j) => (j === 0 ? 0 : 30 * MINUTE_MS * 2 ** (j - 1)));
}

const NETWORK_CUMULATIVE = cumulativeOf(NETWORK_SHARES.length, (i) => NETWORK_SHARES[i]![1]);
const CO_TAG_CUMULATIVE = cumulativeOf(CO_TAGS.length, (rank) => 1 / (rank + 1));

function validateOptions({ posts, snapshotsPerPost, days }: CampaignOptions): void {
  if (!Number.isInteger(posts) || posts < 1) throw new RangeError(`posts must be a whole number ≥ 1 (got ${posts})`);
  if (!Number.isInteger(snapshotsPerPost) || snapshotsPerPost < 1 || snapshotsPerPost > MAX_SNAPSHOTS_PER_POST) {
    throw new RangeError(`snapshotsPerPost must be a whole number from 1 to ${MAX_SNAPSHOTS_PER_POST} (got ${snapshotsPerPost})`);
  }
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1 (got ${days})`);
}

/** Cumulative activity per hour: growing over the campaign, busier in US daytime and on weekdays, with campaign days. */
function activityCurve(start: number, days: number, random: () => number): Float64Array {
  const hours = days * 24;
  const spikeDays = new Set(Array.from({ length: Math.max(1, Math.round(days / 30)) }, () => Math.floor(random() * days)));
  return cumulativeOf(hours, (h) => {
    const at = start + h * HOUR_MS;
    const utcHour = new Date(at).getUTCHours();
    const weekday = new Date(at).getUTCDay();
    const daytime = 0.35 + Math.max(0, Math.sin(((utcHour - 11) / 24) * 2 * Math.PI)) * 1.3;
    const week = weekday === 0 || weekday === 6 ? 0.55 : 1;
    const trend = 0.5 + h / hours;
    const spike = spikeDays.has(Math.floor(h / 24)) ? 5 : 1;
    return daytime * week * trend * spike;
  });
}

/** Cumulative author popularity per network, Zipf-like (exponent 0.9): rank 1 posts most, most accounts post once or twice. */
function authorPopularityOf(posts: number): Map<Network, Float64Array> {
  const popularity = new Map<Network, Float64Array>();
  for (const [network, share] of NETWORK_SHARES) {
    const count = Math.max(10, Math.round(posts * share * 0.15));
    popularity.set(network, cumulativeOf(count, (rank) => 1 / (rank + 1) ** 0.9));
  }
  return popularity;
}

/** The creation time of post `index` of `posts`: inverse CDF of the activity curve, increasing with the index. */
function createdAtOf(activity: Float64Array, range: { start: number; end: number; posts: number }, index: number, u: number): number {
  const hours = activity.length;
  const target = ((index + u) / range.posts) * activity[hours - 1]!;
  const hour = pickCumulative(activity, target / activity[hours - 1]!);
  const before = hour === 0 ? 0 : activity[hour - 1]!;
  const within = (target - before) / (activity[hour]! - before);
  return Math.min(range.end - 1, range.start + Math.floor((hour + Math.min(Math.max(within, 0), 0.999_999)) * HOUR_MS));
}

/** Account `authorIndex` of a network, a pure function of the seed. */
function syntheticAuthor(seed: number, network: Network, authorIndex: number): NormalizedAuthor {
  const random = mulberry32(hashInts(seed, 2, NETWORK_SHARES.findIndex(([n]) => n === network), authorIndex));
  const name = `${NAMES[authorIndex % NAMES.length]}${authorIndex}`;
  // Popular (low-rank) accounts tend to have more followers; everyone spans 30 to about 3 million.
  const followers = Math.floor(30 * 100_000 ** random() * (1 + 50 / (authorIndex + 1)));
  switch (network) {
    case 'x':
      return { networkId: String(10_000_000 + authorIndex), username: `${name}_x`, displayName: `${name} on X`, followers, verified: random() < 0.05 };
    case 'bluesky':
      return { networkId: `did:plc:bench${authorIndex.toString(36)}`, username: `${name}.bsky.social`, displayName: `${name} on Bluesky`, followers, verified: null };
    case 'mastodon':
      return {
        networkId: `https://m${authorIndex % 40}.example/users/${name}`,
        username: `${name}@m${authorIndex % 40}.example`,
        displayName: `${name} on Mastodon`,
        followers,
        verified: null,
      };
    default:
      throw new Error(`the synthetic campaign has no accounts on ${network}`);
  }
}

/** Final counts: Pareto-distributed engagements (alpha 1.1), split into the network's components. */
function finalCounts(network: Network, random: () => number, followers: number | null): MetricReading {
  const total = Math.floor(2 * (1 / (1 - random())) ** (1 / 1.1) * (1 + (followers ?? 0) / 200_000)) - 1;
  const part = (share: number) => Math.floor(total * share * (0.6 + 0.8 * random()));
  const impressions = Math.floor(total * (20 + random() * 60) + (followers ?? 0) * 0.02 * random()) + 10;
  switch (network) {
    case 'x':
      return { likes: part(0.6), reposts: part(0.15), replies: part(0.1), quotes: part(0.05), bookmarks: part(0.1), impressions };
    case 'bluesky':
      return { likes: part(0.65), reposts: part(0.15), replies: part(0.12), quotes: part(0.04), bookmarks: part(0.04), impressions: null };
    case 'mastodon':
      return { likes: part(0.55), reposts: part(0.3), replies: part(0.12), quotes: part(0.03), bookmarks: null, impressions: null };
    default:
      throw new Error(`the synthetic campaign has no counts for ${network}`);
  }
}

function rollKind(random: () => number): PostKind {
  const roll = random();
  return roll < 0.6 ? 'original' : roll < 0.8 ? 'reply' : roll < 0.9 ? 'quote' : 'repost';
}

/** Tracked tags (mostly one), then up to three co-occurring ones, most popular likeliest. */
function rollHashtags(random: () => number): string[] {
  const roll = random();
  const tracked = roll < 0.7 ? ['jobquality'] : roll < 0.85 ? ['fairwork'] : roll < 0.95 ? ['goodjobs'] : ['jobquality', 'fairwork'];
  const coTags = new Set<string>();
  const coTagCount = Math.floor(random() * 4);
  for (let t = 0; t < coTagCount; t += 1) coTags.add(CO_TAGS[pickCumulative(CO_TAG_CUMULATIVE, random())]!);
  return [...tracked, ...coTags];
}

/** The network's id and web address of post `serial` by `author` (account `authorIndex`). */
function postAddress(network: Network, serial: number, authorIndex: number, author: NormalizedAuthor): { networkId: string; url: string } {
  const local = serial.toString(36);
  const name = `${NAMES[authorIndex % NAMES.length]}${authorIndex}`;
  switch (network) {
    case 'x': {
      const networkId = String(1_900_000_000_000_000_000n + BigInt(serial));
      return { networkId, url: `https://x.com/${author.username}/status/${networkId}` };
    }
    case 'bluesky':
      return { networkId: `at://${author.networkId}/app.bsky.feed.post/3b${local}`, url: `https://bsky.app/profile/${author.username}/post/3b${local}` };
    default:
      return { networkId: `https://m${authorIndex % 40}.example/users/${name}/statuses/${serial}`, url: `https://m${authorIndex % 40}.example/@${name}/${serial}` };
  }
}

/** When each reading of a post is taken and what it reads. */
interface ReadingSchedule {
  observedAt(post: SyntheticPost, reading: number): number;
  readingsTaken(post: SyntheticPost): number;
  reading(post: SyntheticPost, reading: number): MetricReading;
}

function readingSchedule(start: number, end: number, readingAges: readonly number[]): ReadingSchedule {
  function observedAt(post: SyntheticPost, readingIndex: number): number {
    const due = post.createdAt + readingAges[readingIndex]!;
    const offset = NETWORK_OFFSET_MS[post.network] ?? 0;
    return Math.max(start, Math.ceil((due - offset) / TICK_MS) * TICK_MS) + offset;
  }
  const isDue = (post: SyntheticPost, readingIndex: number) => observedAt(post, readingIndex) - (NETWORK_OFFSET_MS[post.network] ?? 0) <= end;
  return {
    observedAt,
    readingsTaken(post) {
      let due = 0;
      while (due < readingAges.length && isDue(post, due)) due += 1;
      return due;
    },
    reading(post, readingIndex) {
      // Counts rise quickly, then level off; `+ readingIndex` on likes makes every reading differ from the last.
      const share = 1 - Math.exp(-(observedAt(post, readingIndex) - post.createdAt) / (18 * HOUR_MS));
      const grow = (value: number | null) => (value === null ? null : Math.floor(value * share));
      const { final } = post;
      if (!hasOwnCounts(post)) return NO_COUNTS;
      return {
        likes: grow(final.likes)! + readingIndex,
        reposts: grow(final.reposts),
        replies: grow(final.replies),
        quotes: grow(final.quotes),
        bookmarks: grow(final.bookmarks),
        impressions: grow(final.impressions),
      };
    },
  };
}

/** Validates options and builds the campaign's lookup tables (activity curve, author popularity). */
export function createCampaign(options: CampaignOptions): Campaign {
  validateOptions(options);
  const { posts, snapshotsPerPost, days, seed } = options;
  const end = Math.floor(options.now / TICK_MS) * TICK_MS;
  const start = end - days * DAY_MS;
  const readingAges = readingAgesFor(snapshotsPerPost);
  const activity = activityCurve(start, days, mulberry32(hashInts(seed, 1)));
  const authorPopularity = authorPopularityOf(posts);
  const schedule = readingSchedule(start, end, readingAges);
  const author = (network: Network, authorIndex: number) => syntheticAuthor(seed, network, authorIndex);

  function build(index: number, serial: number, createdAtOverride: number | null): SyntheticPost {
    const random = mulberry32(hashInts(seed, 3, serial));
    const createdAt = createdAtOverride ?? createdAtOf(activity, { start, end, posts }, index, random());
    const network = NETWORK_SHARES[pickCumulative(NETWORK_CUMULATIVE, random())]![0];
    const authorIndex = pickCumulative(authorPopularity.get(network)!, random());
    const postAuthor = author(network, authorIndex);
    const kind = rollKind(random);
    const hashtags = rollHashtags(random);
    const phrase = CAMPAIGN_PHRASES[Math.floor(random() * CAMPAIGN_PHRASES.length)]!;
    const text = `${phrase} ${hashtags.map((tag) => `#${tag}`).join(' ')}`;
    const { networkId, url } = postAddress(network, serial, authorIndex, postAuthor);
    const final = finalCounts(network, random, postAuthor.followers);
    const deleted = random() < DELETED_SHARE && snapshotsPerPost > DELETED_AT_READING;
    const links = random() < 0.3 ? [`https://jobquality.example/pledge?utm_source=${network}`] : [];
    const refreshRef = network === 'mastodon' ? String(serial) : networkId;
    const metrics: MetricReading = { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: null, impressions: null };
    const post: SyntheticPost = {
      index,
      network,
      authorIndex,
      createdAt,
      normalized: { network, networkId, refreshRef, url, createdAt, text, lang: 'en', kind, hashtags, links, author: postAuthor, metrics },
      matchedHashtags: matchTrackedHashtags(hashtags, TRACKED_HASHTAGS),
      final: network === 'x' && kind === 'repost' ? NO_COUNTS : final,
      deletedAtReading: deleted ? DELETED_AT_READING : null,
    };
    post.normalized.metrics = schedule.reading(post, 0);
    return post;
  }

  return {
    options,
    start,
    end,
    readingAges,
    refreshOffsets: readingAges.slice(1),
    hashtags: TRACKED_HASHTAGS,
    post: (index) => {
      if (!Number.isInteger(index) || index < 0 || index >= posts) throw new RangeError(`post index ${index} is outside 0..${posts - 1}`);
      return build(index, index, null);
    },
    extraPost: (serial, createdAt) => build(posts + serial, posts + serial, createdAt),
    author,
    ...schedule,
    runOffset: (network) => NETWORK_OFFSET_MS[network] ?? 0,
    plannedTotals() {
      const totals: PlannedTotals = { posts, removed: 0, snapshots: 0 };
      for (let index = 0; index < posts; index += 1) {
        const post = build(index, index, null);
        const due = schedule.readingsTaken(post);
        if (post.deletedAtReading !== null && due > post.deletedAtReading) totals.removed += 1;
        else if (hasOwnCounts(post)) totals.snapshots += due;
      }
      return totals;
    },
  };
}
