// The Bluesky adapter end to end against the fake Bluesky service: backfill and incremental
// collection, hashtag matching by facets, sessions, rate limits, faults, resume and refresh.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CollectedPage, NetworkAdapter } from '../../collector/adapter.js';
import { runCollection } from '../../collector/run-collection.js';
import { checkPostsStillExist } from '../../collector/check-posts-exist.js';
import { collectOnce } from '../../collector/collect-once.js';
import { loadConfig } from '../../cli/config.js';
import { getRunLedger } from '../../db/analytics-coverage.js';
import { countPostsByNetwork } from '../../db/status.js';
import { createLogger } from '../../core/logger.js';
import { openDatabase } from '../../db/connection.js';
import { AuthError, MalformedResponseError, RateLimitedError, TransientFailureError } from '../../collector/errors.js';
import { createBlueskyAdapter, type BlueskyAdapterOptions } from '../../collector/networks/bluesky/bluesky-adapter.js';
import type { NormalizedPost } from '../../core/types.js';
import { FakeBlueskyServer, type FakeBlueskyServerOptions } from '../../fakes/bluesky/fake-bluesky-server.js';
import { createTestRunContext, FAST_RETRY_POLICY, type TestRunContext } from '../helpers/run-context.js';

const HANDLE = 'tracker.bsky.social';
const APP_PASSWORD = 'abcd-efgh-ijkl-mnop';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SEARCH = 'app.bsky.feed.searchPosts';

let bsky: FakeBlueskyServer;

async function startFake(options: FakeBlueskyServerOptions = {}): Promise<void> {
  bsky = await FakeBlueskyServer.start(options);
  bsky.addAccount({ handle: HANDLE, appPasswords: [APP_PASSWORD], password: 'the-main-password', emailAuthFactor: true });
  bsky.addAccount({ handle: 'ana.bsky.social', displayName: 'Ana Organizes', followers: 120 });
  bsky.addAccount({ handle: 'fairwork.org', displayName: 'Fair Work', followers: 5400, verified: true });
}

beforeEach(async () => {
  await startFake();
});

afterEach(async () => {
  await bsky.close();
});

function adapter(options: Partial<BlueskyAdapterOptions> = {}): NetworkAdapter {
  return createBlueskyAdapter({ service: bsky.baseUrl, handle: HANDLE, appPassword: APP_PASSWORD, retryPolicy: FAST_RETRY_POLICY, ...options });
}

/** Stored posts keyed by at:// URI, upserted as the real store does; counts first-time inserts. */
class Store {
  readonly posts = new Map<string, NormalizedPost>();
  inserted = 0;
  save(page: CollectedPage): number {
    let fresh = 0;
    for (const post of page.posts) {
      if (!this.posts.has(post.networkId)) fresh += 1;
      this.posts.set(post.networkId, post);
    }
    this.inserted += fresh;
    return fresh;
  }
  ids(): string[] {
    return [...this.posts.keys()].sort();
  }
}

interface RunResult {
  pages: CollectedPage[];
  inserted: number;
  error: unknown;
}

/** Drives collect() as the run loop does: each page is stored and its checkpoint committed before the next is asked for. */
async function collect(target: NetworkAdapter, ctx: TestRunContext, store: Store, afterPage?: (page: CollectedPage) => void): Promise<RunResult> {
  const result: RunResult = { pages: [], inserted: 0, error: null };
  try {
    for await (const page of target.collect(ctx)) {
      result.inserted += store.save(page);
      ctx.commit(page);
      result.pages.push(page);
      afterPage?.(page);
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

/** Adds `n` tagged posts one a minute, the newest `newestMinutesAgo` ago; returns their URIs newest first. */
function addCampaignPosts(n: number, newestMinutesAgo = 5): string[] {
  const uris: string[] = [];
  for (let i = 0; i < n; i += 1) {
    uris.push(
      bsky.addPost({
        author: i % 3 === 0 ? 'fairwork.org' : 'ana.bsky.social',
        text: `Good jobs change lives, post ${i} #${i % 2 ? 'JobQuality' : 'jobquality'}`,
        createdAt: new Date(Date.now() - (newestMinutesAgo + n - 1 - i) * MINUTE),
        counts: { like: i, repost: 1, reply: 2, quote: 0, bookmark: 3 },
      }),
    );
  }
  return uris.reverse();
}

const searches = () => bsky.requestsTo(SEARCH).filter((entry) => entry.status === 200);
const rkeyOf = (uri: string) => uri.split('/').pop();

describe('Bluesky collection', () => {
  test('a first run backfills every page of tagged posts from the last seven days and nothing else', async () => {
    const uris = addCampaignPosts(230);
    bsky.addPost({ author: 'ana.bsky.social', text: 'old news #jobquality', createdAt: new Date(Date.now() - 8 * DAY) });
    bsky.addPost({ author: 'ana.bsky.social', text: 'another campaign #goodjobsnow', createdAt: new Date(Date.now() - 2 * MINUTE) });
    const ctx = createTestRunContext();
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...uris].sort());
    expect(run.pages).toHaveLength(3);

    const [first, second] = searches();
    expect(first!.query.get('q')).toBe('#jobquality');
    expect(first!.query.getAll('tag')).toEqual(['jobquality']);
    expect(first!.query.get('sort')).toBe('latest');
    expect(first!.query.get('limit')).toBe('100');
    expect(Math.abs(Date.parse(first!.query.get('since')!) - (Date.now() - 7 * DAY))).toBeLessThan(MINUTE);
    expect(second!.query.get('cursor')).toEqual(expect.any(String));

    const newest = store.posts.get(uris[0]!)!;
    expect(newest).toMatchObject({
      network: 'bluesky',
      refreshRef: uris[0],
      kind: 'original',
      lang: 'en',
      hashtags: ['jobquality'],
      author: { username: 'ana.bsky.social', displayName: 'Ana Organizes', followers: 120 },
      metrics: { likes: 229, reposts: 1, replies: 2, quotes: 0, bookmarks: 3, impressions: null },
    });
    expect(newest.url).toBe(`https://bsky.app/profile/ana.bsky.social/post/${rkeyOf(uris[0]!)}`);
    expect(newest.author.networkId).toMatch(/^did:plc:/);
    expect(store.posts.get(uris[229]!)!.author).toMatchObject({ username: 'fairwork.org', followers: 5400, verified: true });
    // Two authors across three pages: one profile lookup, thanks to the cache.
    expect(bsky.requestsTo('app.bsky.actor.getProfiles')).toHaveLength(1);
    expect(ctx.meter).toMatchObject({ requests: 5, postsRead: 230 });
    expect(ctx.checkpoints.get('#jobquality')).toMatchObject({ pass: null });
  });

  test('the next run reads only recent posts and stores each post once', async () => {
    const first = addCampaignPosts(30, 60);
    const ctx = createTestRunContext();
    const store = new Store();
    await collect(adapter(), ctx, store);
    const later = addCampaignPosts(4, 2);
    const next = createTestRunContext();
    for (const [scope, state] of ctx.checkpoints) next.checkpoints.set(scope, state);
    // A short late-arrival window, so the re-read stretch before the first run's newest post is small.
    const run = await collect(adapter({ lateArrivalWindowMs: 10 * MINUTE }), next, store);
    expect(run.error).toBeNull();
    expect(run.inserted).toBe(4);
    expect(store.ids()).toEqual([...first, ...later].sort());
    const since = Date.parse(searches().at(-1)!.query.get('since')!);
    // Not the 7-day backfill again: the search starts near the newest post of the first run.
    expect(since).toBeGreaterThan(Date.now() - 2 * 60 * MINUTE);
    expect(next.meter.postsRead).toBeLessThan(34);
  });

  test('a post indexed after the previous run but dated just before its newest post is still collected', async () => {
    addCampaignPosts(10, 5);
    const ctx = createTestRunContext();
    const store = new Store();
    await collect(adapter(), ctx, store);
    const late = bsky.addPost({ author: 'ana.bsky.social', text: 'sent from a slow connection #jobquality', createdAt: new Date(Date.now() - 7 * MINUTE) });
    await collect(adapter(), ctx, store);
    expect(store.posts.has(late)).toBe(true);
  });

  test('with the default late-arrival window, a post the search index shows two hours late is collected, and stored once', async () => {
    addCampaignPosts(10, 5);
    const ctx = createTestRunContext();
    const store = new Store();
    await collect(adapter(), ctx, store);
    // Written two hours ago, indexed only now: search sorts it by its creation time, far below the checkpoint.
    const late = bsky.addPost({ author: 'ana.bsky.social', text: 'stuck in the indexing queue #jobquality', createdAt: new Date(Date.now() - 2 * 60 * MINUTE), indexedAt: new Date() });
    const second = await collect(adapter(), ctx, store);
    expect(second.error).toBeNull();
    expect(store.posts.has(late)).toBe(true);
    expect(second.inserted).toBe(1);
    const third = await collect(adapter(), ctx, store);
    expect(third.inserted).toBe(0);
    expect(store.posts.size).toBe(11);
  });

  test('a post indexed later than the configured late-arrival window is not collected', async () => {
    addCampaignPosts(10, 5);
    const ctx = createTestRunContext();
    const store = new Store();
    await collect(adapter({ lateArrivalWindowMs: 30 * MINUTE }), ctx, store);
    const late = bsky.addPost({ author: 'ana.bsky.social', text: 'too late #jobquality', createdAt: new Date(Date.now() - 2 * 60 * MINUTE), indexedAt: new Date() });
    await collect(adapter({ lateArrivalWindowMs: 30 * MINUTE }), ctx, store);
    expect(store.posts.has(late)).toBe(false);
  });

  test('an empty search page that still carries a cursor does not end the pass or move the checkpoint', async () => {
    // A page of hits by an author who blocked the tracker: search pages over them, then drops them.
    bsky.addAccount({ handle: 'blocker.bsky.social' });
    const newer = addCampaignPosts(100, 5);
    Array.from({ length: 100 }, (_, i) => bsky.addPost({ author: 'blocker.bsky.social', text: `hidden ${i} #jobquality`, createdAt: new Date(Date.now() - (200 + i) * MINUTE) }));
    const older = addCampaignPosts(30, 400);
    bsky.hideAccount('blocker.bsky.social', 'blocks-viewer');
    const ctx = createTestRunContext();
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...newer, ...older].sort());
    // Pages 1 and 3 are committed; the empty page 2 commits nothing.
    expect(searches().map((entry) => entry.query.has('cursor'))).toEqual([false, true, true]);
    expect(run.pages.map((page) => page.posts.length)).toEqual([100, 30]);
    expect(ctx.checkpoints.get('#jobquality')).toMatchObject({ pass: null });
  });

  test('an empty first page with a cursor is followed, even before anything is known', async () => {
    bsky.addAccount({ handle: 'blocker.bsky.social' });
    Array.from({ length: 100 }, (_, i) => bsky.addPost({ author: 'blocker.bsky.social', text: `hidden ${i} #jobquality`, createdAt: new Date(Date.now() - (1 + i) * MINUTE) }));
    const visible = addCampaignPosts(5, 300);
    bsky.hideAccount('blocker.bsky.social', 'takendown');
    const store = new Store();
    const run = await collect(adapter(), createTestRunContext(), store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...visible].sort());
  });

  test('only posts that declare the hashtag count, whatever the text says and however the tag is cased', async () => {
    await bsky.close();
    // A search service that also matches the bare word, as the real one may.
    await startFake({ looseSearch: true });
    const at = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
    bsky.addPost({ author: 'ana.bsky.social', text: 'Talking about jobquality today', createdAt: at(4) });
    bsky.addPost({ author: 'ana.bsky.social', text: '#jobquality typed in a client that adds no facets', facets: 'none', createdAt: at(3) });
    const faceted = bsky.addPost({ author: 'ana.bsky.social', text: 'Decent work for all #JOBQUALITY', createdAt: at(2) });
    const tagsField = bsky.addPost({ author: 'ana.bsky.social', text: 'The tag rides outside the text', tags: ['JobQuality'], createdAt: at(1) });
    const store = new Store();
    const run = await collect(adapter(), createTestRunContext(), store);
    expect(run.error).toBeNull();
    expect(searches()[0]!.query.get('since')).not.toBeNull();
    expect(store.ids()).toEqual([faceted, tagsField].sort());
    expect(store.posts.get(faceted)!.hashtags).toEqual(['jobquality']);
  });

  test('hashtags and links are read from facets in text full of emoji and accents', async () => {
    const uri = bsky.addPost({
      author: 'ana.bsky.social',
      text: 'Trabajo digno 💪🏽 para todas — ¡sí! #TrabajoDécente y #JobQuality ✊ lee https://example.org/informe?año=2026 🌍',
      createdAt: new Date(Date.now() - MINUTE),
      langs: ['es'],
      linkCard: { uri: 'https://example.org/campaña' },
    });
    const store = new Store();
    await collect(adapter(), createTestRunContext(), store);
    expect(store.posts.get(uri)).toMatchObject({
      lang: 'es',
      hashtags: ['trabajodécente', 'jobquality'],
      links: ['https://example.org/informe?año=2026', 'https://example.org/campaña'],
    });
  });

  test('replies and quotes are told apart from originals, and a client clock that makes no sense is not trusted', async () => {
    const at = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
    const original = bsky.addPost({ author: 'fairwork.org', text: 'Original #jobquality', createdAt: at(6) });
    const reply = bsky.addPost({ author: 'ana.bsky.social', text: 'Agreed #jobquality', createdAt: at(5), reply: original });
    const quote = bsky.addPost({ author: 'ana.bsky.social', text: 'Read this #jobquality', createdAt: at(4), quote: original });
    const quoteWithCard = bsky.addPost({ author: 'ana.bsky.social', text: 'And this #jobquality', createdAt: at(3), quote: original, linkCard: { uri: 'https://example.org/r' } });
    const indexedAt = at(2);
    const oddClock = bsky.addPost({ author: 'ana.bsky.social', text: 'Clock trouble #jobquality', createdAt: 'not a date', indexedAt });
    const store = new Store();
    await collect(adapter(), createTestRunContext(), store);
    expect([original, reply, quote, quoteWithCard].map((uri) => store.posts.get(uri)!.kind)).toEqual(['original', 'reply', 'quote', 'quote']);
    expect(store.posts.get(quoteWithCard)!.links).toEqual(['https://example.org/r']);
    expect(store.posts.get(oddClock)!.createdAt).toBe(indexedAt.getTime());
  });

  test('each tracked hashtag has its own checkpoint, and a post carrying both is stored once', async () => {
    const both = bsky.addPost({ author: 'ana.bsky.social', text: 'Both #jobquality #goodjobs', createdAt: new Date(Date.now() - MINUTE) });
    const only = bsky.addPost({ author: 'ana.bsky.social', text: 'Just #GoodJobs', createdAt: new Date(Date.now() - 2 * MINUTE) });
    const ctx = createTestRunContext({ hashtags: ['jobquality', 'goodjobs'] });
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(store.ids()).toEqual([both, only].sort());
    expect(run.inserted).toBe(2);
    expect([...ctx.checkpoints.keys()].sort()).toEqual(['#goodjobs', '#jobquality']);
  });

  test('an expired access token is refreshed and the run carries on with one login', async () => {
    await bsky.close();
    await startFake({ accessTokenUses: 1 });
    const uris = addCampaignPosts(250);
    const store = new Store();
    const run = await collect(adapter(), createTestRunContext(), store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...uris].sort());
    expect(bsky.requestsTo('com.atproto.server.createSession')).toHaveLength(1);
    const refreshes = bsky.requestsTo('com.atproto.server.refreshSession');
    expect(refreshes.length).toBeGreaterThanOrEqual(2);
    expect(refreshes.every((entry) => entry.auth === 'refresh' && entry.status === 200)).toBe(true);
  });

  test('a refresh token that no longer works leads to a fresh login instead of a failed run', async () => {
    addCampaignPosts(150);
    const store = new Store();
    const run = await collect(adapter(), createTestRunContext(), store, () => bsky.expireTokens('all'));
    expect(run.error).toBeNull();
    expect(store.posts.size).toBe(150);
    expect(bsky.requestsTo('com.atproto.server.createSession')).toHaveLength(2);
  });

  test('a wrong app password fails with an AuthError that says what to fix and never shows the password', async () => {
    addCampaignPosts(3);
    const ctx = createTestRunContext();
    const run = await collect(adapter({ appPassword: 'wrong-pass-9999' }), ctx, new Store());
    expect(run.error).toBeInstanceOf(AuthError);
    const message = (run.error as Error).message;
    expect(message).toContain('BLUESKY_HANDLE');
    expect(message).toContain('app password');
    expect(message).toContain(HANDLE);
    expect(message).not.toContain('wrong-pass-9999');
    expect(ctx.logLines.join('\n')).not.toContain('wrong-pass-9999');
    expect(bsky.requestsTo(SEARCH)).toHaveLength(0);
    // Refused credentials are not retried.
    expect(bsky.requestsTo('com.atproto.server.createSession')).toHaveLength(1);
  });

  test('the main password of an account with email sign-in codes is refused with advice to use an app password', async () => {
    const run = await collect(adapter({ appPassword: 'the-main-password' }), createTestRunContext(), new Store());
    expect(run.error).toBeInstanceOf(AuthError);
    expect((run.error as Error).message).toMatch(/main password.*app password/s);
    expect((run.error as Error).message).not.toContain('the-main-password');
  });

  test('a rate limit that resets soon is waited out and logged', async () => {
    const uris = addCampaignPosts(120);
    bsky.injectFault({ kind: 'status', status: 429, resetInSeconds: 0 }, { method: SEARCH, after: 1 });
    const ctx = createTestRunContext();
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...uris].sort());
    expect(ctx.meter.rateLimitPauses).toBe(1);
    expect(ctx.logLines.join('\n')).toMatch(/bluesky rate-limited, resuming at \d\d:\d\d:\d\d/);
  });

  test('a rate limit that resets much later ends the run, and the next run fills the older range first', async () => {
    const uris = addCampaignPosts(250);
    bsky.injectFault({ kind: 'status', status: 429, resetInSeconds: 900 }, { method: SEARCH, after: 1 });
    const ctx = createTestRunContext();
    const store = new Store();
    const limited = await collect(adapter(), ctx, store);
    expect(limited.error).toBeInstanceOf(RateLimitedError);
    expect(store.posts.size).toBe(100);
    expect(ctx.checkpoints.get('#jobquality')).toMatchObject({ newest: null, pass: { from: expect.any(String) } });

    const resumed = await collect(adapter(), ctx, store);
    expect(resumed.error).toBeNull();
    const resumeSearch = searches().find((entry) => entry.query.has('until'))!;
    expect(Date.parse(resumeSearch.query.get('until')!)).toBeLessThanOrEqual(store.posts.get(uris[99]!)!.createdAt + 1);
    expect(store.ids()).toEqual([...uris].sort());
    expect(store.inserted).toBe(250);
    expect(ctx.checkpoints.get('#jobquality')).toEqual({ newest: new Date(store.posts.get(uris[0]!)!.createdAt).toISOString(), pass: null });
  });

  test('a server error is retried and the run still completes', async () => {
    const uris = addCampaignPosts(15);
    bsky.injectFault({ kind: 'status', status: 503 }, { method: SEARCH });
    const ctx = createTestRunContext();
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeNull();
    expect(store.ids()).toEqual([...uris].sort());
    expect(bsky.requestsTo(SEARCH).map((entry) => entry.status)).toEqual([503, 200]);
    // createSession, the failed search, its retry, getProfiles.
    expect(ctx.meter.requests).toBe(4);
  });

  test('a crash between pages followed by a new run leaves no gap and no duplicate', async () => {
    const uris = addCampaignPosts(250);
    // The connection drops on every attempt at page two: the run dies after storing page one.
    bsky.injectFault({ kind: 'drop' }, { method: SEARCH, after: 1, times: FAST_RETRY_POLICY.maxAttempts });
    const ctx = createTestRunContext();
    const store = new Store();
    const crashed = await collect(adapter(), ctx, store);
    expect(crashed.error).toBeInstanceOf(TransientFailureError);
    expect(store.posts.size).toBe(100);
    const resumed = await collect(adapter(), ctx, store);
    expect(resumed.error).toBeNull();
    expect(store.ids()).toEqual([...uris].sort());
    expect(crashed.inserted + resumed.inserted).toBe(250);
    expect(ctx.checkpoints.get('#jobquality')).toMatchObject({ pass: null });
  });

  test.each(['malformed', 'wrong-shape'] as const)('a %s answer fails the run without yielding anything or moving the checkpoint', async (kind) => {
    addCampaignPosts(20, 60);
    const ctx = createTestRunContext();
    const store = new Store();
    await collect(adapter(), ctx, store);
    const checkpoint = ctx.checkpoints.get('#jobquality');
    addCampaignPosts(5, 10);
    bsky.injectFault({ kind }, { method: SEARCH });
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeInstanceOf(MalformedResponseError);
    expect((run.error as Error).message).toContain('does not match the API');
    expect(run.pages).toHaveLength(0);
    expect(ctx.checkpoints.get('#jobquality')).toEqual(checkpoint);
  });

  test('a shutdown between pages stops the run, and the next run completes the range', async () => {
    const uris = addCampaignPosts(250);
    const shutdown = new AbortController();
    const ctx = createTestRunContext({ signal: shutdown.signal });
    const store = new Store();
    const stopped = await collect(adapter(), ctx, store, () => shutdown.abort());
    expect(stopped.pages).toHaveLength(1);
    const next = createTestRunContext();
    for (const [scope, state] of ctx.checkpoints) next.checkpoints.set(scope, state);
    await collect(adapter(), next, store);
    expect(store.ids()).toEqual([...uris].sort());
  });

  test('the read budget is never exceeded', async () => {
    addCampaignPosts(250);
    const ctx = createTestRunContext({ readsRemaining: 150 });
    const store = new Store();
    const run = await collect(adapter(), ctx, store);
    expect(run.error).toBeNull();
    expect(ctx.meter.postsRead).toBe(150);
    expect(ctx.logLines.join('\n')).toContain('read budget reached');
  });
});

describe('Bluesky refresh', () => {
  test('refresh reports grown counts and follower counts, and deleted posts as removed', async () => {
    const uris = addCampaignPosts(30, 120);
    const ctx = createTestRunContext();
    const store = new Store();
    const target = adapter({ followersMaxAgeMs: 0 });
    await collect(target, ctx, store);
    bsky.setCounts(uris[0]!, { like: 500, repost: 40 });
    bsky.setFollowers('ana.bsky.social', 999);
    bsky.deletePost(uris[1]!);
    const requests = uris.map((uri) => ({ networkId: uri, refreshRef: store.posts.get(uri)!.refreshRef }));
    const batches = [];
    for await (const batch of target.refresh(requests, ctx)) batches.push(batch);

    expect(target.refreshBatchSize).toBe(25);
    expect(batches).toHaveLength(2);
    expect(bsky.requestsTo('app.bsky.feed.getPosts').map((entry) => entry.query.getAll('uris').length)).toEqual([25, 5]);
    const readings = batches.flatMap((batch) => batch.readings);
    expect(readings).toHaveLength(29);
    expect(readings.find((reading) => reading.networkId === uris[0])).toMatchObject({
      metrics: { likes: 500, reposts: 40, impressions: null },
      author: { username: 'ana.bsky.social', followers: 999 },
    });
    expect(batches.flatMap((batch) => batch.removed)).toEqual([{ networkId: uris[1], reason: expect.stringContaining('deleted') }]);
  });

  test.each(['blocks-viewer', 'takendown', 'deactivated'] as const)(
    'a post whose author is hidden (%s) is reported unavailable, not removed, after getRecord finds it',
    async (why) => {
      bsky.addAccount({ handle: 'hidden.bsky.social', followers: 10 });
      const kept = bsky.addPost({ author: 'hidden.bsky.social', text: 'Still here #jobquality', createdAt: new Date(Date.now() - 10 * MINUTE) });
      const gone = bsky.addPost({ author: 'ana.bsky.social', text: 'Deleted later #jobquality', createdAt: new Date(Date.now() - 9 * MINUTE) });
      const ctx = createTestRunContext();
      const store = new Store();
      const target = adapter();
      await collect(target, ctx, store);
      bsky.hideAccount('hidden.bsky.social', why);
      bsky.deletePost(gone);
      const batches = [];
      for await (const batch of target.refresh([kept, gone].map((uri) => ({ networkId: uri, refreshRef: uri })), ctx)) batches.push(batch);
      expect(batches.flatMap((batch) => batch.removed)).toEqual([{ networkId: gone, reason: expect.stringContaining('deleted') }]);
      expect(batches.flatMap((batch) => batch.unavailable ?? [])).toEqual([{ networkId: kept, reason: expect.stringContaining('not deleted') }]);
      const lookups = bsky.requestsTo('com.atproto.repo.getRecord');
      expect(lookups.map((entry) => [entry.query.get('repo'), entry.query.get('collection'), entry.status])).toEqual([
        [kept.split('/')[2], 'app.bsky.feed.post', 200],
        [gone.split('/')[2], 'app.bsky.feed.post', 400],
      ]);
      // getRecord needs no session: no token is sent with it.
      expect(lookups.every((entry) => entry.auth === 'none')).toBe(true);
    },
  );

  test('a server error from getRecord fails the refresh instead of guessing either way', async () => {
    const uri = bsky.addPost({ author: 'ana.bsky.social', text: 'Soon gone #jobquality', createdAt: new Date(Date.now() - MINUTE) });
    const ctx = createTestRunContext();
    const target = adapter();
    await collect(target, ctx, new Store());
    bsky.deletePost(uri);
    bsky.injectFault({ kind: 'status', status: 503 }, { method: 'com.atproto.repo.getRecord', times: FAST_RETRY_POLICY.maxAttempts });
    const batches = [];
    let failure: unknown = null;
    try {
      for await (const batch of target.refresh([{ networkId: uri, refreshRef: uri }], ctx)) batches.push(batch);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(TransientFailureError);
    expect(batches).toEqual([]);
  });
});

describe('Bluesky through the run loop', () => {
  test('runs interrupted and resumed store each post once, and refresh purges a deleted post', async () => {
    const uris = addCampaignPosts(180, 90);
    const db = openDatabase(':memory:');
    try {
      const options = { db, hashtags: ['jobquality'], refreshOffsetsMs: [3_600_000], log: createLogger({ level: 'silent' }) };
      bsky.injectFault({ kind: 'status', status: 429, resetInSeconds: 900 }, { method: SEARCH, after: 1 });
      const [limited] = await runCollection({ ...options, adapters: [adapter()], refresh: 'none' });
      expect(limited).toMatchObject({ network: 'bluesky', status: 'rate_limited', postsNew: 100 });
      bsky.deletePost(uris[0]!);
      const [resumed] = await runCollection({ ...options, adapters: [adapter()], refresh: 'all' });
      expect(resumed).toMatchObject({ status: 'ok', postsNew: 80, postsRemoved: 1 });
      const rows = db.prepare(`SELECT network_id, removed_reason FROM posts WHERE network = 'bluesky'`).all() as Array<{ network_id: string; removed_reason: string | null }>;
      expect(rows.map((row) => row.network_id).sort()).toEqual([...uris].sort());
      expect(rows.find((row) => row.network_id === uris[0])!.removed_reason).toContain('deleted');
    } finally {
      db.close();
    }
  });

  test('a hidden post keeps its text and last counts, is counted apart in the run log and the coverage ledger, and returns when shown again', async () => {
    bsky.addAccount({ handle: 'hidden.bsky.social', followers: 10 });
    const hidden = bsky.addPost({ author: 'hidden.bsky.social', text: 'Blocked but here #jobquality', createdAt: new Date(Date.now() - 10 * MINUTE), counts: { like: 7, repost: 2 } });
    const db = openDatabase(':memory:');
    try {
      const options = { db, hashtags: ['jobquality'], refreshOffsetsMs: [3_600_000], log: createLogger({ level: 'silent' }) };
      const target = adapter();
      await runCollection({ ...options, adapters: [target], refresh: 'none' });
      bsky.hideAccount('hidden.bsky.social', 'blocks-viewer');
      bsky.setCounts(hidden, { like: 0, repost: 0 });
      const [marked] = await runCollection({ ...options, adapters: [target], refresh: 'all', collectNew: false });
      expect(marked).toMatchObject({ status: 'ok', postsRemoved: 0, postsUnavailable: 1 });
      const row = () => db.prepare(`SELECT text, likes, reposts, removed_at, unavailable_at, unavailable_reason FROM posts WHERE network_id = ?`).get(hidden) as Record<string, unknown>;
      expect(row()).toMatchObject({ text: 'Blocked but here #jobquality', likes: 7, reposts: 2, removed_at: null, unavailable_at: expect.any(Number) });
      // Still hidden next time: counted once, not again.
      const [again] = await runCollection({ ...options, adapters: [target], refresh: 'all', collectNew: false });
      expect(again!.postsUnavailable).toBe(0);
      const today = [{ start: Date.now() - 86_400_000, end: Date.now() + 60_000 }];
      expect(getRunLedger(db, today, ['bluesky'])[0]).toMatchObject({ postsUnavailable: 1, postsCollected: 1 });
      expect(countPostsByNetwork(db)).toEqual([expect.objectContaining({ network: 'bluesky', live: 1, removed: 0, unavailable: 1 })]);
      bsky.hideAccount('hidden.bsky.social', null);
      await runCollection({ ...options, adapters: [target], refresh: 'all', collectNew: false });
      expect(row()).toMatchObject({ likes: 0, unavailable_at: null, unavailable_reason: null });
    } finally {
      db.close();
    }
  });

  test('a report never quotes a hidden post: it is not confirmed to exist, while a visible one is', async () => {
    bsky.addAccount({ handle: 'hidden.bsky.social' });
    const hidden = bsky.addPost({ author: 'hidden.bsky.social', text: 'Soon taken down #jobquality', createdAt: new Date(Date.now() - 3 * MINUTE) });
    const visible = bsky.addPost({ author: 'ana.bsky.social', text: 'Still visible #jobquality', createdAt: new Date(Date.now() - 2 * MINUTE) });
    const db = openDatabase(':memory:');
    try {
      const config = loadConfig({ JOBQUALITY_DB: ':memory:', MASTODON_INSTANCES: '', BLUESKY_HANDLE: HANDLE, BLUESKY_APP_PASSWORD: APP_PASSWORD, BLUESKY_SERVICE: bsky.baseUrl });
      const log = createLogger({ level: 'silent' });
      await collectOnce(config, db, log, { refresh: 'none', networks: ['bluesky'] });
      bsky.hideAccount('hidden.bsky.social', 'takendown');
      const { confirmed, checkedNetworks } = await checkPostsStillExist(config, db, log, [hidden, visible].map((id) => ({ network: 'bluesky' as const, id })));
      expect([...confirmed]).toEqual([visible]);
      expect([...checkedNetworks]).toEqual(['bluesky']);
      expect(db.prepare('SELECT text FROM posts WHERE network_id = ?').pluck().get(hidden)).toBe('Soon taken down #jobquality');
    } finally {
      db.close();
    }
  });
});
