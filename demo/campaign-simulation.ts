// The demo's #jobquality campaign as a deterministic simulation: a week of posts before the demo
// starts (the campaign picking up, busier in North American daytime), then new posts, growing
// counts and the odd deletion whenever it is advanced. No I/O and no timers: the same seed and the
// same times give the same campaign; demo/demo-networks.ts publishes it to the fake servers.
import type { MetricCounts, PostKind } from '../core/types.js';
import { castAccounts, CAST, type CastAccount, type CastMember, type DemoNetwork } from './campaign-cast.js';
import { originalPost, quotePost, replyPost, repostText, withLink, type DemoLink } from './campaign-voice.js';
import { seededRandom, type Random } from './seeded-random.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Public counters as the simulation keeps them; each network reports the ones it has. */
export type DemoCounts = MetricCounts;

export interface DemoPost {
  /** The simulation's own id ("p1", "p2", …), in creation order. */
  id: string;
  network: DemoNetwork;
  author: { key: string; name: string; username: string; followers: number; server: 0 | 1 | null };
  createdAtMs: number;
  kind: PostKind;
  /** The text as the author typed it (links in it for Bluesky and Mastodon; X appends its own). */
  text: string;
  link: DemoLink | null;
  /** The post this one replies to, quotes or reposts. */
  refersTo: string | null;
  /** Mastodon: the other demo server received a copy too, so the collector meets it twice. */
  federated: boolean;
  /** What the counts approach as the post ages. */
  potential: DemoCounts;
  /** How fast they get there: about 63% after this long, 95% after three times as long. */
  growthMs: number;
  deletedAtMs: number | null;
}

export interface SimulationOptions {
  seed: number;
  /** When the demo starts: the backlog covers the week before it. */
  startMs: number;
  /**
   * The campaign's ready-made posts per network (from the action page's content file): some
   * supporters post one as written or with a word of their own in front, as real supporters do, so
   * the adoption panel has real attributions to show. None: every post is the supporters' own words.
   */
  readyMade?: Partial<Record<DemoNetwork, readonly string[]>>;
  /** Starts every post id ("p1", "p2", …): a second simulation (the earlier weeks) needs ids of its own. */
  idPrefix?: string;
}

/** Share of original posts that use a ready-made post when there are some. */
export const READY_MADE_SHARE = 0.3;
/** What supporters put in front of a ready-made post when they edit it (short, so attribution still recognises it). */
const READY_MADE_LEADS = ['This!', 'Worth a read:', 'Please share:', 'So true.'];
/** Room left for a lead on networks that count graphemes (Bluesky 300, Mastodon 500); X posts stay as generated. */
const EDIT_LIMITS: Partial<Record<DemoNetwork, number>> = { bluesky: 300, mastodon: 500 };

export interface SimulationStep {
  published: DemoPost[];
  deleted: DemoPost[];
}

/** Posts per hour across the three networks at the campaign's busiest, once it has picked up. */
const PEAK_POSTS_PER_HOUR = 60;
/** A week before the start the campaign ran at a fifth of today's rate. */
const RAMP_MS = (7 * DAY) / Math.log(5);
/** The backlog starts a little inside X's 7-day search window, so the first collection finds all of it. */
export const BACKLOG_MS = 7 * DAY - 30 * MINUTE;
/** Replies, quotes and reposts pick a post from the two days before them. */
const CONVERSATION_WINDOW_MS = 2 * DAY;
/** Deletions pick among posts of the last few hours, as people delete posts soon after posting. */
const DELETION_WINDOW_MS = 6 * HOUR;
const DELETIONS_PER_MINUTE = 0.08;
/** Remote Mastodon servers hear about new favourites and boosts late. */
export const MASTODON_REMOTE_LAG_MS = 20 * MINUTE;

const KIND_ODDS: Record<DemoNetwork, Array<[PostKind, number]>> = {
  x: [['original', 0.58], ['reply', 0.17], ['quote', 0.1], ['repost', 0.15]],
  bluesky: [['original', 0.7], ['reply', 0.2], ['quote', 0.1]],
  // Mastodon boosts are not posts; the collector leaves them out, so the simulation never makes one.
  mastodon: [['original', 0.75], ['reply', 0.2], ['quote', 0.05]],
};
const KIND_REACH: Record<PostKind, number> = { original: 1, quote: 0.6, reply: 0.15, repost: 0 };
const NETWORK_REACH: Record<DemoNetwork, number> = { x: 0.5, bluesky: 0.6, mastodon: 0.4 };
const GROWTH_MS: Record<DemoNetwork, number> = { x: 45 * MINUTE, bluesky: 90 * MINUTE, mastodon: 2 * HOUR };
/** While the demo runs, the campaign is having a push: on average at least this many posts a minute, even at night. */
const LIVE_POSTS_PER_MINUTE = 3;

/**
 * How busy the campaign is at a moment: ramping up over the week before `startMs` and steady after
 * it, with a daily rhythm peaking in the North American afternoon (UTC−5, ignoring daylight saving).
 * Live steps add a floor on top (see `advance`).
 */
export function postsPerHour(atMs: number, startMs: number): number {
  const ramp = Math.exp(Math.min(0, atMs - startMs) / RAMP_MS);
  const localHour = (((atMs / HOUR - 5) % 24) + 24) % 24;
  const daylight = localHour >= 6 && localHour <= 22 ? Math.sin((Math.PI * (localHour - 6)) / 16) : 0;
  return PEAK_POSTS_PER_HOUR * ramp * (0.25 + 0.75 * daylight);
}

/** A post's counters at a moment: none before it exists, then rising towards `potential`, never falling. */
export function countsAt(post: DemoPost, atMs: number): DemoCounts {
  const age = Math.max(0, atMs - post.createdAtMs);
  const share = 1 - Math.exp(-age / post.growthMs);
  const part = (value: number) => Math.round(value * share);
  const { potential } = post;
  return {
    likes: part(potential.likes),
    reposts: part(potential.reposts),
    replies: part(potential.replies),
    quotes: part(potential.quotes),
    bookmarks: part(potential.bookmarks),
    impressions: part(potential.impressions),
  };
}

/**
 * The campaign: `backlog()` once for the week before the start, then `advance(now)` as time passes.
 */
export class CampaignSimulation {
  private readonly random: Random;
  private readonly startMs: number;
  private readonly readyMade: Partial<Record<DemoNetwork, readonly string[]>>;
  private readonly idPrefix: string;
  private readonly authors = castAccounts(CAST);
  private readonly all: DemoPost[] = [];
  private readonly byId = new Map<string, DemoPost>();
  private lastMs: number;
  private backlogMade = false;

  constructor(options: SimulationOptions) {
    this.random = seededRandom(options.seed);
    this.startMs = options.startMs;
    this.readyMade = options.readyMade ?? {};
    this.idPrefix = options.idPrefix ?? 'p';
    this.lastMs = options.startMs;
  }

  /** Every post so far, deleted ones included, oldest first. */
  get posts(): readonly DemoPost[] {
    return this.all;
  }

  post(id: string): DemoPost | undefined {
    return this.byId.get(id);
  }

  /** Posts that have not been deleted. */
  livePosts(): DemoPost[] {
    return this.all.filter((post) => post.deletedAtMs === null);
  }

  /** The week of posts before the start, oldest first. Call once, before any `advance`. */
  backlog(): DemoPost[] {
    if (this.backlogMade || this.all.length > 0) throw new Error('CampaignSimulation.backlog: the backlog is made once, before advancing');
    this.backlogMade = true;
    const times: number[] = [];
    for (let from = this.startMs - BACKLOG_MS; from < this.startMs; from += HOUR) {
      const to = Math.min(from + HOUR, this.startMs);
      // The push began about an hour before the demo, so the first minutes already have fresh posts whose counts grow.
      const push = to > this.startMs - HOUR ? (LIVE_POSTS_PER_MINUTE * (to - from)) / MINUTE : 0;
      times.push(...this.postTimes(from, to, 0, push));
    }
    return this.publishAt(times.sort((a, b) => a - b));
  }

  /**
   * Quieter weeks in [fromMs, toMs), at the rate the campaign ran a week before the start (a fifth
   * of today's, busier in the daytime), oldest first. The demo writes them into its database as
   * weeks collected before it started (demo/demo-history.ts), so alerts and moments have usual weeks
   * to be measured against. Use a simulation of its own (another seed) for them.
   */
  history(fromMs: number, toMs: number): DemoPost[] {
    const times: number[] = [];
    for (let from = fromMs; from < toMs; from += HOUR) {
      const to = Math.min(from + HOUR, toMs);
      const middle = (from + to) / 2;
      // Strictly before `toMs`, where the backlog begins.
      times.push(...this.postTimes(from, to, 0, (postsPerHour(middle, middle + 7 * DAY) * (to - from)) / HOUR).map((at) => Math.min(at, toMs - 1)));
    }
    return this.publishAt(times.sort((a, b) => a - b));
  }

  /**
   * Moves the campaign on to `toMs`: the posts written since the last step (a couple a minute at
   * least, so every tick shows something) and the ones deleted. Counts need no step: `countsAt` reads them at any time.
   */
  advance(toMs: number): SimulationStep {
    const fromMs = this.lastMs;
    if (toMs <= fromMs) return { published: [], deleted: [] };
    this.lastMs = toMs;
    const published = this.publishAt(this.postTimes(fromMs, toMs, 1, (LIVE_POSTS_PER_MINUTE * (toMs - fromMs)) / MINUTE).sort((a, b) => a - b));
    const deleted: DemoPost[] = [];
    const deletions = this.random.poisson((DELETIONS_PER_MINUTE * (toMs - fromMs)) / MINUTE);
    for (let i = 0; i < deletions; i++) {
      const candidates = this.all.filter(
        (post) => post.deletedAtMs === null && post.createdAtMs > toMs - DELETION_WINDOW_MS && post.createdAtMs <= fromMs,
      );
      if (candidates.length === 0) break;
      const post = this.random.pick(candidates);
      post.deletedAtMs = toMs;
      deleted.push(post);
    }
    return { published, deleted };
  }

  /** Creation times for the posts written in (fromMs, toMs]: `atLeast` of them, `meanAtLeast` on average. */
  private postTimes(fromMs: number, toMs: number, atLeast: number, meanAtLeast = 0): number[] {
    const mean = Math.max(meanAtLeast, (postsPerHour((fromMs + toMs) / 2, this.startMs) * (toMs - fromMs)) / HOUR);
    const count = Math.max(atLeast, this.random.poisson(mean));
    // Never exactly at fromMs: the previous step already covered that instant.
    return Array.from({ length: count }, () => Math.min(toMs, fromMs + 1 + Math.floor(this.random.next() * (toMs - fromMs))));
  }

  private publishAt(times: number[]): DemoPost[] {
    return times.map((createdAtMs) => {
      const post = this.writePost(createdAtMs);
      this.all.push(post);
      this.byId.set(post.id, post);
      return post;
    });
  }

  private writePost(createdAtMs: number): DemoPost {
    const random = this.random;
    const { member, network, account } = random.weighted(this.authors, (entry) => entry.member.activity);
    let kind = pickKind(random, network);
    const target = kind === 'original' ? null : this.conversationTarget(network, account, member, createdAtMs);
    if (!target) kind = 'original';

    let text: string;
    let link: DemoLink | null = null;
    if (kind === 'reply') text = replyPost(random, network === 'x' ? target!.author.username : null);
    else if (kind === 'quote') text = quotePost(random);
    else if (kind === 'repost') text = repostText(target!.author.username, target!.text);
    else {
      const readyMade = this.readyMade[network];
      if (readyMade?.length && random.chance(READY_MADE_SHARE)) text = this.supporterCopy(random, network, random.pick(readyMade));
      else ({ text, link } = originalPost(random, member));
    }

    return {
      id: `${this.idPrefix}${this.all.length + 1}`,
      network,
      author: { key: member.key, name: member.name, username: account.username, followers: account.followers, server: account.server ?? null },
      createdAtMs,
      kind,
      text: withLink(network, text, link),
      link,
      refersTo: target?.id ?? null,
      federated: network === 'mastodon' && random.chance(0.4),
      potential: potentialCounts(random, network, kind, account.followers),
      growthMs: GROWTH_MS[network] * random.logNormal(0, 0.3),
      deletedAtMs: null,
    };
  }

  /** A ready-made post as a supporter publishes it: as written, or now and then with a few words of their own in front. */
  private supporterCopy(random: Random, network: DemoNetwork, readyMade: string): string {
    const limit = EDIT_LIMITS[network];
    if (limit === undefined || !random.chance(0.4)) return readyMade;
    const edited = `${random.pick(READY_MADE_LEADS)} ${readyMade}`;
    return [...edited].length <= limit ? edited : readyMade;
  }

  /** A recent live post on the same network by someone else, popular ones more likely; Mastodon needs it on the author's server. */
  private conversationTarget(network: DemoNetwork, account: CastAccount, member: CastMember, atMs: number): DemoPost | null {
    const candidates: DemoPost[] = [];
    for (let i = this.all.length - 1; i >= 0; i--) {
      const post = this.all[i]!;
      if (post.createdAtMs < atMs - CONVERSATION_WINDOW_MS) break;
      if (post.network !== network || post.deletedAtMs !== null || post.author.key === member.key || post.kind === 'repost') continue;
      if (network === 'mastodon' && post.author.server !== account.server && !post.federated) continue;
      candidates.push(post);
    }
    return candidates.length ? this.random.weighted(candidates, (post) => 1 + post.potential.likes) : null;
  }
}

function pickKind(random: Random, network: DemoNetwork): PostKind {
  return random.weighted(KIND_ODDS[network], ([, odds]) => odds)[0];
}

/** Bigger audiences and originals get more; a log-normal spread gives the odd post that takes off. */
function potentialCounts(random: Random, network: DemoNetwork, kind: PostKind, followers: number): DemoCounts {
  const base = Math.sqrt(followers) * NETWORK_REACH[network] * KIND_REACH[kind] * random.logNormal(0, 0.8);
  const share = (ratio: number) => Math.round(base * ratio * random.logNormal(0, 0.3));
  const likes = Math.round(base);
  return {
    likes,
    reposts: share(0.22),
    replies: share(0.08),
    quotes: share(0.03),
    bookmarks: network === 'x' ? share(0.05) : 0,
    impressions: network === 'x' && kind !== 'repost' ? Math.round(followers * 0.08 * random.logNormal(0, 0.6) + likes * 25) : 0,
  };
}
