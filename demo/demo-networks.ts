// The demo's stand-ins for the real networks: the project's fake X, Bluesky and two Mastodon
// servers (fakes/), with the campaign's accounts, and the simulation's posts, counts and
// deletions published to them. The credentials are made up per run and never shown.
import { randomBytes } from 'node:crypto';
import { FakeBlueskyServer } from '../fakes/bluesky/fake-bluesky-server.js';
import { FakeMastodonServer } from '../fakes/mastodon/fake-mastodon-server.js';
import { FakeXServer } from '../fakes/x/fake-x-server.js';
import { CAST, type CastMember } from './campaign-cast.js';
import { countsAt, MASTODON_REMOTE_LAG_MS, type DemoCounts, type DemoPost } from './campaign-simulation.js';

/** The collector's account on the fake Bluesky service. */
const COLLECTOR_HANDLE = 'demo-collector.bsky.social';
/** Counts stop moving noticeably within a day; older posts are left alone. */
const COUNTS_SETTLED_MS = 2 * 24 * 60 * 60_000;

interface MastodonIds {
  home: 0 | 1;
  homeId: string;
  /** The federated copy's id on the other server. */
  remoteId: string | null;
}

function madeUpSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Bluesky app passwords look like xxxx-xxxx-xxxx-xxxx. */
function madeUpAppPassword(): string {
  const letters = [...randomBytes(16)].map((byte) => 'abcdefghijklmnopqrstuvwxyz234567'[byte % 32]).join('');
  return letters.match(/.{4}/g)!.join('-');
}

export class DemoNetworks {
  private readonly xIds = new Map<string, string>();
  private readonly blueskyUris = new Map<string, string>();
  private readonly mastodonIds = new Map<string, MastodonIds>();

  private constructor(
    readonly x: FakeXServer,
    readonly bluesky: FakeBlueskyServer,
    readonly mastodon: readonly [FakeMastodonServer, FakeMastodonServer],
    private readonly xUserIds: ReadonlyMap<string, string>,
    /** Collector settings (environment variables) that point the real collector at the fakes. */
    readonly collectorEnv: Readonly<Record<string, string>>,
  ) {}

  /**
   * Starts the four fakes on ephemeral 127.0.0.1 ports with the cast's accounts. `clock` is the
   * fakes' clock (default the real one): the demo turns it back while it collects its earlier weeks.
   */
  static async start(cast: readonly CastMember[] = CAST, clock: () => number = Date.now): Promise<DemoNetworks> {
    const xToken = madeUpSecret();
    const appPassword = madeUpAppPassword();
    const started = await Promise.allSettled([
      FakeXServer.start({ bearerToken: xToken, now: clock }),
      FakeBlueskyServer.start({ now: clock }),
      FakeMastodonServer.start({ now: clock }),
      FakeMastodonServer.start({ now: clock }),
    ]);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
      throw failed.reason;
    }
    const [x, bluesky, first, second] = started.map((result) => (result as PromiseFulfilledResult<unknown>).value) as [
      FakeXServer,
      FakeBlueskyServer,
      FakeMastodonServer,
      FakeMastodonServer,
    ];

    bluesky.addAccount({ handle: COLLECTOR_HANDLE, displayName: 'Demo collector', appPasswords: [appPassword] });
    const xUserIds = new Map<string, string>();
    cast.forEach((member, index) => {
      const { x: onX, bluesky: onBluesky, mastodon: onMastodon } = member.accounts;
      if (onX) {
        const id = String(1_000_000 + index);
        x.addUser({ id, username: onX.username, name: member.name, followers: onX.followers, verified: member.kind === 'organisation' });
        xUserIds.set(member.key, id);
      }
      if (onBluesky) bluesky.addAccount({ handle: onBluesky.username, displayName: member.name, followers: onBluesky.followers });
      if (onMastodon) [first, second][onMastodon.server ?? 0]!.addAccount({ username: onMastodon.username, displayName: member.name, followers: onMastodon.followers });
    });

    return new DemoNetworks(x, bluesky, [first, second], xUserIds, {
      X_BEARER_TOKEN: xToken,
      X_API_BASE_URL: x.baseUrl,
      BLUESKY_HANDLE: COLLECTOR_HANDLE,
      BLUESKY_APP_PASSWORD: appPassword,
      BLUESKY_SERVICE: bluesky.baseUrl,
      MASTODON_INSTANCES: `${first.baseUrl},${second.baseUrl}`,
    });
  }

  /** Publishes new posts (oldest first, so replies find their parents) with their counts at `atMs`. */
  publish(posts: readonly DemoPost[], atMs: number): void {
    for (const post of posts) {
      const counts = countsAt(post, atMs);
      const createdAt = new Date(post.createdAtMs);
      switch (post.network) {
        case 'x': {
          const referencedId = post.refersTo ? this.xIds.get(post.refersTo) : undefined;
          const id = this.x.addPost({
            authorId: this.xUserIds.get(post.author.key)!,
            text: post.text,
            createdAt,
            kind: post.kind,
            ...(referencedId ? { referencedId } : {}),
            ...(post.link ? { urls: [{ expanded: post.link.url }] } : {}),
            metrics: xMetrics(counts),
          });
          this.xIds.set(post.id, id);
          break;
        }
        case 'bluesky': {
          const parent = post.refersTo ? this.blueskyUris.get(post.refersTo) : undefined;
          const uri = this.bluesky.addPost({
            author: post.author.username,
            text: post.text,
            createdAt,
            ...(post.kind === 'reply' ? { reply: parent ?? true } : {}),
            ...(post.kind === 'quote' && parent ? { quote: parent } : {}),
            ...(post.link ? { linkCard: { uri: post.link.url, title: post.link.title } } : {}),
            counts: blueskyCounts(counts),
          });
          this.blueskyUris.set(post.id, uri);
          break;
        }
        case 'mastodon':
          this.publishToMastodon(post, counts, atMs);
          break;
      }
    }
  }

  /** Sets every recent live post's counts to what they are at `atMs`. */
  updateCounts(posts: readonly DemoPost[], atMs: number): void {
    for (const post of posts) {
      if (post.deletedAtMs !== null || atMs - post.createdAtMs > COUNTS_SETTLED_MS) continue;
      const counts = countsAt(post, atMs);
      if (post.network === 'x') this.x.setMetrics(this.xIds.get(post.id)!, xMetrics(counts));
      else if (post.network === 'bluesky') this.bluesky.setCounts(this.blueskyUris.get(post.id)!, blueskyCounts(counts));
      else {
        const ids = this.mastodonIds.get(post.id)!;
        this.mastodon[ids.home].setCounts(ids.homeId, mastodonCounts(counts));
        if (ids.remoteId) this.mastodon[other(ids.home)].setCounts(ids.remoteId, mastodonCounts(countsAt(post, atMs - MASTODON_REMOTE_LAG_MS)));
      }
    }
  }

  /** Deletes posts on their network (and a Mastodon status's federated copy too). */
  remove(posts: readonly DemoPost[]): void {
    for (const post of posts) {
      if (post.network === 'x') this.x.deletePost(this.xIds.get(post.id)!);
      else if (post.network === 'bluesky') this.bluesky.deletePost(this.blueskyUris.get(post.id)!);
      else {
        const ids = this.mastodonIds.get(post.id)!;
        this.mastodon[ids.home].deleteStatus(ids.homeId);
        if (ids.remoteId) this.mastodon[other(ids.home)].deleteStatus(ids.remoteId);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.x.close(), this.bluesky.close(), ...this.mastodon.map((server) => server.close())]);
  }

  private publishToMastodon(post: DemoPost, counts: DemoCounts, atMs: number): void {
    const home = post.author.server ?? 0;
    // The post this one answers, as the author's own server knows it: the original or its federated copy.
    let localParent: string | undefined;
    if (post.refersTo) {
      const parent = this.mastodonIds.get(post.refersTo);
      localParent = parent && (parent.home === home ? parent.homeId : (parent.remoteId ?? undefined));
    }
    const status = this.mastodon[home].post({
      account: post.author.username,
      text: post.text,
      createdAt: new Date(post.createdAtMs),
      ...(post.kind === 'reply' && localParent ? { inReplyTo: localParent } : {}),
      ...(post.kind === 'quote' && localParent ? { quoteOf: localParent } : {}),
      ...(post.link ? { card: { url: post.link.url, title: post.link.title } } : {}),
      counts: mastodonCounts(counts),
    });
    const remote = post.federated
      ? this.mastodon[other(home)].receive(this.mastodon[home], status.id, { counts: mastodonCounts(countsAt(post, atMs - MASTODON_REMOTE_LAG_MS)) })
      : null;
    this.mastodonIds.set(post.id, { home, homeId: status.id, remoteId: remote?.id ?? null });
  }
}

function other(server: 0 | 1): 0 | 1 {
  return server === 0 ? 1 : 0;
}

function xMetrics(counts: DemoCounts) {
  return { like: counts.likes, retweet: counts.reposts, reply: counts.replies, quote: counts.quotes, bookmark: counts.bookmarks, impression: counts.impressions };
}

function blueskyCounts(counts: DemoCounts) {
  return { like: counts.likes, repost: counts.reposts, reply: counts.replies, quote: counts.quotes };
}

function mastodonCounts(counts: DemoCounts) {
  return { favourites: counts.likes, reblogs: counts.reposts, replies: counts.replies, quotes: counts.quotes };
}
