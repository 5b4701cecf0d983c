// The other conversations the demo's share of voice compares #jobquality with (COMPARE_HASHTAGS):
// posts carrying #fairwork or #livingwage but not #jobquality, by the same cast, at about a third
// of the campaign's pace. Deterministic like the campaign; published to the same fake networks.
import type { PostKind } from '../core/types.js';
import { castAccounts, CAST } from './campaign-cast.js';
import { BACKLOG_MS, postsPerHour, type DemoPost } from './campaign-simulation.js';
import { seededRandom, type Random } from './seeded-random.js';

export const COMPARATOR_HASHTAGS = ['fairwork', 'livingwage'] as const;

const HOUR = 3_600_000;
/** The other conversations run at about this share of the campaign's pace. */
const PACE = 0.35;
const LINES = [
  'Fair work means a voice at work and a contract you can read.',
  'Predictable hours are part of #FairWork, not a perk.',
  'A #LivingWage is the floor: rent, food, and a bit left over.',
  'Employers who pay the #livingwage keep their staff longer.',
  'Our #FairWork charter has 40 new signatories this month.',
  'What would a #LivingWage change for you? Tell us.',
];

const ORIGINAL: PostKind = 'original';

/** Comparator-only posts: a backlog for the week before the start, then new ones as time passes. */
export class ComparatorChatter {
  private readonly random: Random;
  private readonly authors = castAccounts(CAST);
  private readonly all: DemoPost[] = [];
  private lastMs: number;

  /**
   * `quiet`: at the pace of the week before the start throughout (the demo's earlier weeks), not
   * ramping up to the start. `idPrefix` starts every post id, unique across the demo's simulations.
   */
  constructor(
    seed: number,
    private readonly startMs: number,
    private readonly options: { quiet?: boolean; idPrefix?: string } = {},
  ) {
    this.random = seededRandom(seed);
    this.lastMs = startMs - BACKLOG_MS;
  }

  get posts(): readonly DemoPost[] {
    return this.all;
  }

  /** The week before the start (what the comparator's first collection reaches back for). */
  backlog(): DemoPost[] {
    return this.advance(this.startMs);
  }

  /** New comparator posts since the last step, up to `toMs`. */
  advance(toMs: number): DemoPost[] {
    const made = this.between(this.lastMs, toMs);
    this.lastMs = Math.max(this.lastMs, toMs);
    return made;
  }

  /** Comparator posts written in [fromMs, toMs), oldest first. */
  between(fromMs: number, toMs: number): DemoPost[] {
    const made: DemoPost[] = [];
    for (let from = fromMs; from < toMs; from += HOUR) {
      const to = Math.min(from + HOUR, toMs);
      const middle = (from + to) / 2;
      const rate = postsPerHour(middle, this.options.quiet ? middle + 7 * 24 * HOUR : this.startMs);
      const count = this.random.poisson((PACE * rate * (to - from)) / HOUR);
      for (let i = 0; i < count; i += 1) made.push(this.write(Math.min(to - 1, from + 1 + Math.floor(this.random.next() * (to - from)))));
    }
    made.sort((a, b) => a.createdAtMs - b.createdAtMs);
    this.all.push(...made);
    return made;
  }

  private write(createdAtMs: number): DemoPost {
    const { member, network, account } = this.random.weighted(this.authors, (entry) => entry.member.activity);
    const base = Math.sqrt(account.followers) * 0.4 * this.random.logNormal(0, 0.8);
    const line = this.random.pick(LINES);
    return {
      id: `${this.options.idPrefix ?? 'other-'}${createdAtMs}-${Math.floor(this.random.next() * 1e9)}`,
      network,
      author: { key: member.key, name: member.name, username: account.username, followers: account.followers, server: account.server ?? null },
      createdAtMs,
      kind: ORIGINAL,
      // Every post carries one of the comparators and never the campaign's hashtag.
      text: /#/.test(line) ? line : `${line} #FairWork`,
      link: null,
      refersTo: null,
      federated: false,
      potential: { likes: Math.round(base), reposts: Math.round(base * 0.2), replies: Math.round(base * 0.07), quotes: 0, bookmarks: 0, impressions: network === 'x' ? Math.round(account.followers * 0.06) : 0 },
      growthMs: HOUR * this.random.logNormal(0, 0.3),
      deletedAtMs: null,
    };
  }
}
