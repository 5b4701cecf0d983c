// The demo's simulated campaign: deterministic, plausible, and consistent with how the networks behave.
import { describe, expect, test } from 'vitest';
import { CAST } from '../../demo/campaign-cast.js';
import { CampaignSimulation, countsAt, type DemoPost } from '../../demo/campaign-simulation.js';
import { msUntilNextTick } from '../../demo/start-demo.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2025-03-12T15:20:00Z');

function campaign(seed = 7, startMs = START): { simulation: CampaignSimulation; backlog: DemoPost[] } {
  const simulation = new CampaignSimulation({ seed, startMs });
  return { simulation, backlog: simulation.backlog() };
}

describe('campaign simulation', () => {
  test('the same seed and the same times play out the same campaign', () => {
    const a = campaign(42);
    const b = campaign(42);
    expect(a.backlog).toEqual(b.backlog);
    expect(a.simulation.advance(START + 5 * MINUTE)).toEqual(b.simulation.advance(START + 5 * MINUTE));
    expect(campaign(43).backlog).not.toEqual(a.backlog);
  });

  test('the backlog fills the week before the start on all three networks, inside X’s 7-day search window', () => {
    const { backlog } = campaign();
    expect(backlog.length).toBeGreaterThan(500);
    for (const post of backlog) {
      expect(post.createdAtMs).toBeLessThanOrEqual(START);
      expect(post.createdAtMs).toBeGreaterThan(START - 7 * DAY);
    }
    const perNetwork = (network: string) => backlog.filter((post) => post.network === network).length;
    for (const network of ['x', 'bluesky', 'mastodon']) expect(perNetwork(network)).toBeGreaterThan(50);
    // Every day of the week has posts, so the dashboard's charts are not empty anywhere.
    const days = new Set(backlog.map((post) => Math.floor((START - post.createdAtMs) / DAY)));
    expect([...days].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The campaign picks up: the last day is busier than the first.
    const first = backlog.filter((post) => post.createdAtMs < START - 6 * DAY).length;
    const last = backlog.filter((post) => post.createdAtMs >= START - DAY).length;
    expect(last).toBeGreaterThan(first);
  });

  test('every post carries #jobquality and a few carry the co-occurring campaign tags and links', () => {
    const { backlog } = campaign();
    for (const post of backlog) expect(post.text).toMatch(/#jobquality\b/i);
    expect(backlog.some((post) => /#(goodjobs|futureofwork|fairwork|fixwork)\b/i.test(post.text))).toBe(true);
    const linked = backlog.filter((post) => post.link);
    expect(linked.length).toBeGreaterThan(0);
    for (const post of linked.filter((item) => item.network !== 'x')) expect(post.text).toContain(post.link!.url);
  });

  test('replies, quotes and reposts refer to an earlier post on the same network that the author’s server can see', () => {
    const { simulation, backlog } = campaign();
    const kinds = new Set(backlog.map((post) => post.kind));
    expect(kinds).toEqual(new Set(['original', 'reply', 'quote', 'repost']));
    for (const post of backlog) {
      if (post.kind === 'original') {
        expect(post.refersTo).toBeNull();
        continue;
      }
      const target = simulation.post(post.refersTo!)!;
      expect(target.network).toBe(post.network);
      expect(target.createdAtMs).toBeLessThan(post.createdAtMs);
      expect(target.author.key).not.toBe(post.author.key);
      if (post.network === 'mastodon') expect(target.author.server === post.author.server || target.federated).toBe(true);
    }
    // Mastodon boosts are not posts; Bluesky reposts are not either.
    expect(backlog.filter((post) => post.kind === 'repost').every((post) => post.network === 'x')).toBe(true);
  });

  test('counts start at zero, never fall, and approach the post’s potential as it ages', () => {
    const { backlog } = campaign();
    const popular = backlog.filter((post) => post.potential.likes > 20);
    expect(popular.length).toBeGreaterThan(0);
    for (const post of popular) {
      expect(countsAt(post, post.createdAtMs).likes).toBe(0);
      let previous = countsAt(post, post.createdAtMs);
      for (const age of [MINUTE, 30 * MINUTE, 2 * 60 * MINUTE, DAY]) {
        const now = countsAt(post, post.createdAtMs + age);
        for (const key of Object.keys(now) as Array<keyof typeof now>) expect(now[key]).toBeGreaterThanOrEqual(previous[key]);
        previous = now;
      }
      expect(countsAt(post, post.createdAtMs + 3 * DAY)).toEqual(post.potential);
    }
  });

  test('each minute brings at least one new post after the previous step, and deletions only hit earlier posts', () => {
    const { simulation } = campaign();
    let from = START;
    let deleted = 0;
    for (let minute = 1; minute <= 120; minute++) {
      const to = START + minute * MINUTE;
      const step = simulation.advance(to);
      expect(step.published.length).toBeGreaterThanOrEqual(1);
      for (const post of step.published) {
        expect(post.createdAtMs).toBeGreaterThan(from);
        expect(post.createdAtMs).toBeLessThanOrEqual(to);
      }
      for (const post of step.deleted) {
        expect(post.createdAtMs).toBeLessThanOrEqual(from);
        expect(post.deletedAtMs).toBe(to);
      }
      deleted += step.deleted.length;
      from = to;
    }
    expect(deleted).toBeGreaterThan(0);
    expect(simulation.livePosts().length).toBe(simulation.posts.length - deleted);
  });

  test('the cast’s account names are valid on their networks', () => {
    expect(CAST.length).toBeGreaterThanOrEqual(35);
    for (const member of CAST) {
      if (member.accounts.x) expect(member.accounts.x.username).toMatch(/^[A-Za-z0-9_]{1,15}$/);
      if (member.accounts.bluesky) expect(member.accounts.bluesky.username).toMatch(/^[a-z0-9-]+\.bsky\.social$/);
      if (member.accounts.mastodon) expect(member.accounts.mastodon.username).toMatch(/^[A-Za-z0-9_]+$/);
    }
    const servers = new Set(CAST.flatMap((member) => (member.accounts.mastodon ? [member.accounts.mastodon.server] : [])));
    expect(servers).toEqual(new Set([0, 1]));
  });

  test('live ticks land on the half minute, between the collector’s on-the-minute runs', () => {
    for (const offset of [0, 1, 29_999, 30_000, 45_000, 59_999]) {
      const now = START + offset;
      const next = now + msUntilNextTick(now);
      expect(next % MINUTE).toBe(30_000);
      expect(next - now).toBeGreaterThan(0);
      expect(next - now).toBeLessThanOrEqual(MINUTE);
    }
  });
});
