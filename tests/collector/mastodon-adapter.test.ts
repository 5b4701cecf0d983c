// Drives the Mastodon adapter against fake Mastodon servers the way the run loop does (each page's
// checkpoint committed before the next page is asked for): backfill, incremental runs, dedupe across
// servers, HTML to text, rate limits, retries, auth, refresh, crash and resume, malformed answers.
import { describe, expect, test } from 'vitest';
import type { CollectedPage, NetworkAdapter, RefreshedBatch } from '../../collector/adapter.js';
import { AuthError, MalformedResponseError, RateLimitedError } from '../../collector/errors.js';
import { createMastodonAdapter, type MastodonAdapterOptions } from '../../collector/networks/mastodon/mastodon-adapter.js';
import { homeCopy } from '../../collector/networks/mastodon/mastodon-normalize.js';
import type { NormalizedPost } from '../../core/types.js';
import type { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { fakeMastodonStarter } from '../helpers/fake-servers.js';
import { createTestRunContext, FAST_RETRY_POLICY, type TestRunContext } from '../helpers/run-context.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TOKEN = 'mastodon-secret-token-123';

const startServer = fakeMastodonStarter();

function adapterFor(servers: FakeMastodonServer[], extra: Partial<MastodonAdapterOptions> = {}): NetworkAdapter {
  return createMastodonAdapter({ instances: servers.map((server) => server.baseUrl), token: null, retryPolicy: FAST_RETRY_POLICY, ...extra });
}

interface Collected {
  posts: NormalizedPost[];
  pages: CollectedPage[];
  error: unknown;
}

/**
 * Runs collect as the run loop would, committing each page. `crashBeforePage` stops iterating when
 * that page (0-based) arrives, without committing it, as a process dying mid-transaction would.
 */
async function collect(adapter: NetworkAdapter, ctx: TestRunContext, crashBeforePage?: number): Promise<Collected> {
  const result: Collected = { posts: [], pages: [], error: null };
  try {
    for await (const page of adapter.collect(ctx)) {
      if (result.pages.length === crashBeforePage) break;
      ctx.commit(page);
      result.pages.push(page);
      result.posts.push(...page.posts);
    }
  } catch (error) {
    result.error = error;
  }
  return result;
}

/** A new run's context that starts from the checkpoints an earlier run committed. */
function nextRun(previous: TestRunContext, options: Parameters<typeof createTestRunContext>[0] = {}): TestRunContext {
  const ctx = createTestRunContext({ hashtags: [...previous.hashtags], ...options });
  for (const [scope, state] of previous.checkpoints) ctx.checkpoints.set(scope, state);
  return ctx;
}

/** Posts `n` #jobquality statuses by @ana, `spacingMs` apart, the newest `newestAgoMs` old; returns their uris newest first. */
function postMany(server: FakeMastodonServer, n: number, spacingMs = 10 * MINUTE, newestAgoMs = MINUTE): string[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => server.post({ account: 'ana', text: `Good jobs change lives, post ${i} #JobQuality`, createdAt: new Date(now - newestAgoMs - i * spacingMs) }).uri);
}

const uris = (posts: readonly NormalizedPost[]) => posts.map((post) => post.networkId);
const timelineRequests = (server: FakeMastodonServer) => server.requests.filter((request) => request.path.startsWith('/api/v1/timelines/tag/'));

async function refreshAll(adapter: NetworkAdapter, ctx: TestRunContext, posts: readonly NormalizedPost[]): Promise<RefreshedBatch[]> {
  const batches: RefreshedBatch[] = [];
  for await (const batch of adapter.refresh(posts.map((post) => ({ networkId: post.networkId, refreshRef: post.refreshRef })), ctx)) batches.push(batch);
  return batches;
}

describe('mastodon adapter', () => {
  test('the first run follows Link pages back to the backfill horizon and no further', async () => {
    const server = await startServer();
    const recent = postMany(server, 95, 45 * MINUTE);
    for (const daysAgo of [8, 9, 10]) server.post({ account: 'ana', text: `Old news #jobquality`, createdAt: new Date(Date.now() - daysAgo * DAY) });
    const ctx = createTestRunContext();
    const { posts, error } = await collect(adapterFor([server]), ctx);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...recent].sort());
    const requests = timelineRequests(server);
    expect(requests[0]!.query.get('limit')).toBe('40');
    expect(requests[0]!.query.has('max_id')).toBe(false);
    // Pages 2 and 3 continue below the oldest status of the page before; the third crosses the horizon.
    const paged = requests.filter((request) => request.query.has('max_id'));
    expect(paged).toHaveLength(2);
    expect(ctx.meter.postsRead).toBeGreaterThanOrEqual(98);
    expect(ctx.meter.requests).toBe(requests.length);
  });

  test('the next run pages forward from the checkpoint and yields only posts it has not yielded before', async () => {
    const server = await startServer();
    const first = postMany(server, 50, 20 * MINUTE, 2 * HOUR);
    const run1 = createTestRunContext();
    expect(uris((await collect(adapterFor([server]), run1)).posts).sort()).toEqual([...first].sort());
    const later = postMany(server, 45, MINUTE, MINUTE);
    const before = timelineRequests(server).length;
    const run2 = nextRun(run1);
    const { posts, error } = await collect(adapterFor([server]), run2);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...later].sort());
    const incremental = timelineRequests(server).slice(before);
    expect(incremental.every((request) => request.query.has('min_id') && !request.query.has('max_id'))).toBe(true);
  });

  test('a post seen on its home server and on a remote server is kept once, with the home counts and a home refresh reference', async () => {
    const home = await startServer();
    const remote = await startServer();
    const post = home.post({ account: 'ana', text: 'Predictable shifts #jobquality', counts: { favourites: 12, reblogs: 5, replies: 3, quotes: 1 } });
    remote.receive(home, post.id, { counts: { favourites: 2, reblogs: 1, replies: 0, quotes: 0 }, followers: 90 });
    // The remote server is listed first, so its copy is read first.
    const ctx = createTestRunContext();
    const { posts, error } = await collect(adapterFor([remote, home]), ctx);
    expect(error).toBeNull();
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      networkId: post.uri,
      metrics: { likes: 12, reposts: 5, replies: 3, quotes: 1, bookmarks: null, impressions: null },
      author: { username: `ana@${home.host}`, followers: 120 },
    });
    expect(JSON.parse(posts[0]!.refreshRef)).toEqual({ server: home.baseUrl, id: post.id });
  });

  test('a post whose home server is not watched is kept from the first watched server that has it', async () => {
    const elsewhere = await startServer();
    const a = await startServer();
    const b = await startServer();
    const post = elsewhere.post({ account: 'ana', text: 'Union news #jobquality', counts: { favourites: 9 } });
    const copyA = a.receive(elsewhere, post.id, { counts: { favourites: 4 } });
    b.receive(elsewhere, post.id, { counts: { favourites: 7 } });
    const { posts } = await collect(adapterFor([a, b]), createTestRunContext());
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ networkId: post.uri, url: post.url, metrics: { likes: 4 }, author: { username: `ana@${elsewhere.host}` } });
    // The post's url names the home server and its id there, kept for refreshing the counts from home.
    expect(JSON.parse(posts[0]!.refreshRef)).toEqual({ server: a.baseUrl, id: copyA.id, home: { server: elsewhere.baseUrl, id: post.id } });
    expect(posts[0]!.countsSource).toBe(a.host);
  });

  test('counts of a post whose home server is not watched are refreshed from the home server\'s public API, saying where they came from', async () => {
    const home = await startServer();
    const watched = await startServer({ requireAuth: true, accessTokens: ['watched-token'] });
    const post = home.post({ account: 'ana', text: 'Home counts #jobquality', counts: { favourites: 3 } });
    const copy = watched.receive(home, post.id, { counts: { favourites: 1, reblogs: 0, replies: 0, quotes: 0 } });
    const ctx = createTestRunContext();
    const target = adapterFor([watched], { tokens: { [watched.baseUrl]: 'watched-token' } });
    const { posts } = await collect(target, ctx);
    expect(posts[0]).toMatchObject({ metrics: { likes: 1 }, countsSource: watched.host });
    home.setCounts(post.id, { favourites: 25, reblogs: 6, replies: 2 });
    watched.setCounts(copy.id, { favourites: 2 });
    const batches = await refreshAll(target, ctx, posts);
    expect(batches.flatMap((batch) => batch.readings)).toEqual([
      { networkId: post.uri, metrics: expect.objectContaining({ likes: 25, reposts: 6, replies: 2 }), author: expect.objectContaining({ username: `ana@${home.host}`, followers: 120 }), countsSource: home.host },
    ]);
    // Asked by its local id, anonymously: the watched server's token never leaves the watched server.
    const asked = home.requests.filter((request) => request.path.startsWith('/api/v1/statuses'));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.query.getAll('id[]').length + (asked[0]!.path.endsWith(post.id) ? 1 : 0)).toBe(1);
    expect(home.requests.every((request) => request.token === null)).toBe(true);
    expect(watched.requests.filter((request) => request.path.startsWith('/api/v1/statuses'))).toEqual([]);
  });

  test('when the home server does not answer, the counts come from the watched copy, and say so', async () => {
    const home = await startServer();
    const watched = await startServer();
    const post = home.post({ account: 'ana', text: 'Home is down #jobquality' });
    const copy = watched.receive(home, post.id, { counts: { favourites: 1 } });
    const ctx = createTestRunContext();
    const target = adapterFor([watched]);
    const { posts } = await collect(target, ctx);
    watched.setCounts(copy.id, { favourites: 5 });
    home.injectFault({ kind: 'status', status: 503 }, { times: 10 });
    const batches = await refreshAll(target, ctx, posts);
    expect(batches.flatMap((batch) => batch.readings)).toEqual([expect.objectContaining({ networkId: post.uri, metrics: expect.objectContaining({ likes: 5 }), countsSource: watched.host })]);
    // Asked once, not retried: a home server's trouble only costs one request.
    expect(home.requests).toHaveLength(1);
    expect(ctx.logLines.join('\n')).toContain('counts of its posts come from the watched copies');
  });

  test('a home server is only ever read from an address on the author\'s own host', () => {
    const status = {
      id: '9',
      uri: 'https://home.example/users/ana/statuses/111',
      url: 'http://169.254.169.254/@ana/111',
      created_at: new Date().toISOString(),
      account: { id: '1', username: 'ana', acct: 'ana@home.example', display_name: '', followers_count: 0 },
      content: '',
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      tags: [],
    };
    // The url points elsewhere, so it is ignored; the uri names the author's host and its id there.
    expect(homeCopy(status)).toEqual({ server: 'https://home.example', id: '111' });
    expect(homeCopy({ ...status, uri: 'tag:home.example,2026:111' })).toBeNull();
    expect(homeCopy({ ...status, url: 'https://home.example/@ana/111' })).toEqual({ server: 'https://home.example', id: '111' });
    // A local account has no other home.
    expect(homeCopy({ ...status, account: { ...status.account, acct: 'ana' } })).toBeNull();
  });

  test('boosts of tagged posts are not collected as posts', async () => {
    const server = await startServer();
    server.addAccount({ username: 'bo' });
    const original = server.post({ account: 'ana', text: 'Safe workplaces #jobquality', createdAt: new Date(Date.now() - 5 * MINUTE) });
    server.reblog({ account: 'bo', statusId: original.id });
    server.reblog({ account: 'ana', statusId: original.id });
    const ctx = createTestRunContext();
    const { posts } = await collect(adapterFor([server]), ctx);
    expect(uris(posts)).toEqual([original.uri]);
    expect(posts[0]!.kind).toBe('original');
    // Boosts are still statuses the server sent, so they count as read.
    expect(ctx.meter.postsRead).toBeGreaterThanOrEqual(3);
  });

  test('posts carrying two tracked hashtags are yielded once', async () => {
    const server = await startServer();
    const both = server.post({ account: 'ana', text: 'Both #jobquality #fairwork' });
    const one = server.post({ account: 'ana', text: 'Only #fairwork' });
    const { posts } = await collect(adapterFor([server]), createTestRunContext({ hashtags: ['jobquality', 'fairwork'] }));
    expect(uris(posts).sort()).toEqual([both.uri, one.uri].sort());
    expect(posts.find((post) => post.networkId === both.uri)!.hashtags.sort()).toEqual(['fairwork', 'jobquality']);
  });

  test('content HTML becomes plain text: no markup survives, entities are decoded, line breaks are kept', async () => {
    const server = await startServer();
    const host = server.baseUrl;
    const html =
      `<p>Decent work &amp; fair pay &lt;3 <a href="${host}/tags/jobquality" class="mention hashtag" rel="tag">#<span>JobQuality</span></a></p>` +
      `<p>Line one<br>Line two <img src=x onerror=alert(1)><script>alert(2)</script>` +
      `<span class="h-card"><a href="${host}/@bo" class="u-url mention">@<span>bo</span></a></span> ` +
      `read <a href="https://example.org/report?a=1&amp;b=2" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">example.org/report?a=1&amp;b=2</span><span class="invisible"></span></a> ünïcödé 🎉</p>`;
    const status = server.post({ account: 'ana', html, tags: ['JobQuality'], language: 'de', card: { url: 'https://example.org/card' } });
    const { posts } = await collect(adapterFor([server]), createTestRunContext());
    const [post] = posts;
    expect(post!.text).toBe('Decent work & fair pay <3 #JobQuality\n\nLine one\nLine two @bo read https://example.org/report?a=1&b=2 ünïcödé 🎉');
    expect(post!.text).not.toMatch(/<img|onerror|<script|alert\(2\)|<p>|<br|<a |<span/);
    expect(post).toMatchObject({
      network: 'mastodon',
      networkId: status.uri,
      url: status.url,
      lang: 'de',
      kind: 'original',
      hashtags: ['jobquality'],
      links: ['https://example.org/report?a=1&b=2', 'https://example.org/card'],
      author: { networkId: `${host}/users/ana`, username: `ana@${server.host}`, displayName: 'Ana Organizes', followers: 120, verified: null },
    });
  });

  test('replies and quotes are told apart from originals, and the creation time is kept', async () => {
    const server = await startServer();
    const createdAt = new Date(Date.now() - 30 * MINUTE);
    const original = server.post({ account: 'ana', text: 'Start #jobquality', createdAt });
    const reply = server.post({ account: 'ana', text: 'A reply #jobquality', inReplyTo: original.id });
    const quote = server.post({ account: 'ana', text: 'A quote #jobquality', quoteOf: original.id });
    const { posts } = await collect(adapterFor([server]), createTestRunContext());
    const byUri = new Map(posts.map((post) => [post.networkId, post]));
    expect(byUri.get(original.uri)).toMatchObject({ kind: 'original', createdAt: createdAt.getTime() });
    expect(byUri.get(reply.uri)!.kind).toBe('reply');
    expect(byUri.get(quote.uri)!.kind).toBe('quote');
  });

  test('a 429 whose reset is near is waited out and the run completes', async () => {
    const server = await startServer();
    const all = postMany(server, 60);
    server.injectFault({ kind: 'status', status: 429, resetInMs: 100 }, { endpoint: 'timeline', after: 1 });
    const ctx = createTestRunContext();
    const { posts, error } = await collect(adapterFor([server]), ctx);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...all].sort());
    expect(ctx.meter.rateLimitPauses).toBe(1);
    expect(ctx.logLines.some((line) => line.includes('rate-limited, resuming at'))).toBe(true);
  });

  test('a 429 whose reset is far away stops cleanly, and the next run resumes where the checkpoint is', async () => {
    const server = await startServer();
    const all = postMany(server, 100);
    server.injectFault({ kind: 'status', status: 429, resetInMs: HOUR }, { endpoint: 'timeline', after: 1 });
    const run1 = createTestRunContext();
    const first = await collect(adapterFor([server]), run1);
    expect(first.error).toBeInstanceOf(RateLimitedError);
    expect(first.posts).toHaveLength(40);
    const run2 = nextRun(run1);
    const second = await collect(adapterFor([server]), run2);
    expect(second.error).toBeNull();
    const together = uris([...first.posts, ...second.posts]);
    expect(together).toHaveLength(100);
    expect(together.sort()).toEqual([...all].sort());
  });

  test('when X-RateLimit-Remaining reaches 0 with a near reset, the adapter waits instead of getting a 429', async () => {
    const server = await startServer({ rateLimit: { limit: 2, periodMs: 300 } });
    const all = postMany(server, 100);
    const ctx = createTestRunContext();
    const { posts, error } = await collect(adapterFor([server]), ctx);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...all].sort());
    expect(ctx.meter.rateLimitPauses).toBeGreaterThanOrEqual(1);
    expect(server.requests.map((request) => request.status)).not.toContain(429);
  });

  test('when X-RateLimit-Remaining reaches 0 with a distant reset, the adapter stops before asking again', async () => {
    const server = await startServer({ rateLimit: { limit: 2, periodMs: DAY } });
    const all = postMany(server, 100);
    const run1 = createTestRunContext();
    const first = await collect(adapterFor([server]), run1);
    expect(first.error).toBeInstanceOf(RateLimitedError);
    expect(server.requests).toHaveLength(2);
    expect(first.posts).toHaveLength(80);
    server.resetRateLimit();
    const second = await collect(adapterFor([server]), nextRun(run1));
    expect(uris([...first.posts, ...second.posts]).sort()).toEqual([...all].sort());
  });

  test('server errors and dropped connections are retried and the run still completes', async () => {
    const server = await startServer();
    const all = postMany(server, 50);
    server.injectFault({ kind: 'status', status: 503 }, { endpoint: 'timeline', times: 2 });
    server.injectFault({ kind: 'drop' }, { endpoint: 'timeline', after: 1 });
    const ctx = createTestRunContext();
    const { posts, error } = await collect(adapterFor([server]), ctx);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...all].sort());
    // Every attempt is a request, the failed ones included.
    expect(ctx.meter.requests).toBe(server.requests.length);
  });

  test('errors that outlast the retries fail the server with the cause', async () => {
    const server = await startServer();
    postMany(server, 3);
    server.injectFault({ kind: 'status', status: 502 }, { times: 10 });
    const { posts, error } = await collect(adapterFor([server]), createTestRunContext());
    expect(posts).toEqual([]);
    expect((error as Error).name).toBe('TransientFailureError');
    expect((error as Error).message).toContain(`${server.baseUrl} GET /api/v1/timelines/tag/:hashtag answered HTTP 502`);
    expect(server.requests).toHaveLength(FAST_RETRY_POLICY.maxAttempts);
  });

  test('a server closed to anonymous readers (422) fails without a token, with a message naming the server and the variable to set', async () => {
    const server = await startServer({ requireAuth: true, accessTokens: [TOKEN] });
    postMany(server, 3);
    const { posts, error } = await collect(adapterFor([server]), createTestRunContext());
    expect(posts).toEqual([]);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain(`mastodon server ${server.baseUrl} requires an access token (HTTP 422 "This method requires an authenticated user")`);
    expect((error as Error).message).toContain(`set MASTODON_TOKENS=${server.host}=<token>`);
    expect(timelineRequests(server).map((request) => request.status)).toEqual([422]);
  });

  test('a server answering 422 is asked again with its own token, and each token only ever reaches its own server', async () => {
    const open = await startServer({ accessTokens: [] });
    const a = await startServer({ requireAuth: true, accessTokens: ['token-of-a'] });
    const b = await startServer({ requireAuth: true, accessTokens: ['token-of-b'] });
    const posted = [...postMany(open, 2), ...postMany(a, 2), ...postMany(b, 2)];
    const ctx = createTestRunContext();
    const tokens = { [a.baseUrl]: 'token-of-a', [b.baseUrl]: 'token-of-b' };
    const { posts, error } = await collect(adapterFor([open, a, b], { tokens }), ctx);
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...posted].sort());
    expect(open.requests.every((request) => request.token === null)).toBe(true);
    expect(a.requests.map((request) => request.token)).toEqual([null, ...a.requests.slice(1).map(() => 'token-of-a')]);
    expect(b.requests.map((request) => request.token)).toEqual([null, ...b.requests.slice(1).map(() => 'token-of-b')]);
    expect(b.requests.some((request) => request.token === 'token-of-a')).toBe(false);
    expect(ctx.logLines.join('\n')).not.toMatch(/token-of-[ab]/);
  });

  test('MASTODON_TOKEN belongs to the first watched server and is never sent to another one', async () => {
    const first = await startServer({ requireAuth: true, accessTokens: [TOKEN] });
    const second = await startServer({ requireAuth: true, accessTokens: ['token-of-second'] });
    const fromFirst = postMany(first, 2);
    postMany(second, 2);
    const { posts, error } = await collect(adapterFor([first, second], { token: TOKEN }), createTestRunContext());
    expect(uris(posts).sort()).toEqual([...fromFirst].sort());
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain(`set MASTODON_TOKENS=${second.host}=<token>`);
    expect(second.requests.every((request) => request.token === null)).toBe(true);
  });

  test('a refused token fails with a message saying so, and the token appears in no message or log line', async () => {
    const server = await startServer({ requireAuth: true, accessTokens: ['the-right-one'] });
    postMany(server, 3);
    const ctx = createTestRunContext();
    const { error } = await collect(adapterFor([server], { token: TOKEN }), ctx);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain(`mastodon server ${server.baseUrl} refused its token (HTTP 401)`);
    expect((error as Error).message).not.toContain(TOKEN);
    expect(ctx.logLines.join('\n')).not.toContain(TOKEN);
  });

  test('one failing server does not lose the other servers\' posts; its failure is rethrown at the end', async () => {
    const broken = await startServer({ requireAuth: true });
    const working = await startServer();
    postMany(broken, 2);
    const fine = postMany(working, 3);
    const ctx = createTestRunContext();
    const { posts, pages, error } = await collect(adapterFor([broken, working]), ctx);
    expect(uris(posts).sort()).toEqual([...fine].sort());
    expect(pages.every((page) => page.checkpoint!.scope.startsWith(working.baseUrl))).toBe(true);
    expect(error).toBeInstanceOf(AuthError);
    expect(ctx.logLines.some((line) => line.includes('other servers carry on'))).toBe(true);
  });

  test('a crash between backfill pages followed by a new run loses nothing and yields nothing twice', async () => {
    const server = await startServer();
    const all = postMany(server, 100);
    const run1 = createTestRunContext();
    const crashed = await collect(adapterFor([server]), run1, 1);
    expect(crashed.posts).toHaveLength(40);
    const resumed = await collect(adapterFor([server]), nextRun(run1));
    expect(resumed.error).toBeNull();
    const together = uris([...crashed.posts, ...resumed.posts]);
    expect(together).toHaveLength(100);
    expect(together.sort()).toEqual([...all].sort());
  });

  test('a crash between incremental pages followed by a new run loses nothing and yields nothing twice', async () => {
    const server = await startServer();
    const old = postMany(server, 10, 10 * MINUTE, 3 * HOUR);
    const run1 = createTestRunContext();
    await collect(adapterFor([server]), run1);
    const fresh = postMany(server, 90, 20_000, MINUTE);
    const run2 = nextRun(run1);
    const crashed = await collect(adapterFor([server]), run2, 1);
    expect(crashed.posts.length).toBeGreaterThan(0);
    const run3 = nextRun(run2);
    const resumed = await collect(adapterFor([server]), run3);
    const together = uris([...crashed.posts, ...resumed.posts]);
    expect(together).toHaveLength(90);
    expect(together.sort()).toEqual([...fresh].sort());
    expect(together.some((uri) => old.includes(uri))).toBe(false);
  });

  test('a federated status that arrives late, with an id older than posts already read, is collected by the next run', async () => {
    const watched = await startServer();
    const elsewhere = await startServer();
    postMany(watched, 3, 2 * MINUTE, MINUTE);
    const run1 = createTestRunContext();
    await collect(adapterFor([watched]), run1);
    // Written four minutes ago elsewhere, delivered only now: Mastodon dates its id by creation time.
    const late = elsewhere.post({ account: 'ana', text: 'Late but here #jobquality', createdAt: new Date(Date.now() - 4 * MINUTE) });
    watched.receive(elsewhere, late.id);
    const { posts } = await collect(adapterFor([watched]), nextRun(run1));
    expect(uris(posts)).toEqual([late.uri]);
  });

  test('with the default late-arrival window, a status federated two hours late is collected by the next run, and only once', async () => {
    const watched = await startServer();
    const elsewhere = await startServer();
    postMany(watched, 3, 2 * MINUTE, MINUTE);
    watched.post({ account: 'ana', text: 'Yesterday-ish #jobquality', createdAt: new Date(Date.now() - 5 * HOUR) });
    const run1 = createTestRunContext();
    await collect(adapterFor([watched]), run1);
    // Written two hours ago on a server we do not watch, delivered only now (federation lag).
    const late = elsewhere.post({ account: 'ana', text: 'Two hours on the way #jobquality', createdAt: new Date(Date.now() - 2 * HOUR) });
    watched.receive(elsewhere, late.id);
    const run2 = nextRun(run1);
    expect(uris((await collect(adapterFor([watched]), run2)).posts)).toEqual([late.uri]);
    const run3 = nextRun(run2);
    expect((await collect(adapterFor([watched]), run3)).posts).toEqual([]);
  });

  test('the late-arrival window is configurable: a status delivered later than the window is not read again', async () => {
    const watched = await startServer();
    const elsewhere = await startServer();
    // Read 40 to 80 minutes after they were written: older than the window, so the next pass starts above them.
    postMany(watched, 3, 20 * MINUTE, 40 * MINUTE);
    const run1 = createTestRunContext();
    await collect(adapterFor([watched], { lateArrivalWindowMs: 30 * MINUTE }), run1);
    const late = elsewhere.post({ account: 'ana', text: 'Too late #jobquality', createdAt: new Date(Date.now() - 2 * HOUR) });
    watched.receive(elsewhere, late.id);
    expect((await collect(adapterFor([watched], { lateArrivalWindowMs: 30 * MINUTE }), nextRun(run1))).posts).toEqual([]);
  });

  test('an empty backfill page that still carries Link next does not end the pass or commit a checkpoint', async () => {
    const server = await startServer();
    const all = postMany(server, 100);
    server.injectFault({ kind: 'empty-page' }, { endpoint: 'timeline', after: 1 });
    const ctx = createTestRunContext();
    const { posts, pages, error } = await collect(adapterFor([server]), ctx);
    expect(error).toBeNull();
    // Page one, the empty page with a link (nothing yielded for it), the 20 oldest statuses past it,
    // and the empty page without a link that ends the pass and commits the finished backfill.
    expect(pages.map((page) => page.posts.length)).toEqual([40, 20, 0]);
    expect(timelineRequests(server).filter((request) => !request.query.has('min_id'))).toHaveLength(4);
    expect(uris(posts)).toEqual([...all.slice(0, 40), ...all.slice(80)]);
  });

  test('an empty incremental page that still carries Link prev does not end the pass, and what it hid is read by the next run', async () => {
    const server = await startServer();
    postMany(server, 10, 10 * MINUTE, 3 * HOUR);
    const run1 = createTestRunContext();
    await collect(adapterFor([server]), run1);
    const fresh = postMany(server, 45, 20_000, MINUTE);
    server.injectFault({ kind: 'empty-page' }, { endpoint: 'timeline' });
    const run2 = nextRun(run1);
    const second = await collect(adapterFor([server]), run2);
    expect(second.error).toBeNull();
    expect(uris(second.posts).sort()).toEqual([...fresh.slice(0, 5)].sort());
    const third = await collect(adapterFor([server]), nextRun(run2));
    expect(uris([...second.posts, ...third.posts]).sort()).toEqual([...fresh].sort());
  });

  test('a malformed body fails without yielding anything from it or moving the checkpoint', async () => {
    const server = await startServer();
    postMany(server, 5);
    server.injectFault({ kind: 'malformed' }, { endpoint: 'timeline' });
    const ctx = createTestRunContext();
    const { pages, error } = await collect(adapterFor([server]), ctx);
    expect(pages).toEqual([]);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as Error).message).toContain(server.baseUrl);
    expect(ctx.checkpoints.size).toBe(0);
    // Not retried: the same answer would come back.
    expect(server.requests).toHaveLength(1);
  });

  test('a hashtag the server has never seen is not an error', async () => {
    const server = await startServer();
    const tagged = postMany(server, 2);
    const { posts, error } = await collect(adapterFor([server]), createTestRunContext({ hashtags: ['nobodyuses', 'jobquality'] }));
    expect(error).toBeNull();
    expect(uris(posts).sort()).toEqual([...tagged].sort());
  });

  test('collection stops when the read budget is spent and resumes from the checkpoint later', async () => {
    const server = await startServer();
    const all = postMany(server, 100);
    const run1 = createTestRunContext({ readsRemaining: 50 });
    const first = await collect(adapterFor([server]), run1);
    expect(first.error).toBeNull();
    expect(run1.meter.postsRead).toBe(50);
    expect(timelineRequests(server).map((request) => request.query.get('limit'))).toEqual(['40', '10']);
    const second = await collect(adapterFor([server]), nextRun(run1));
    expect(uris([...first.posts, ...second.posts]).sort()).toEqual([...all].sort());
  });

  test('shutdown between pages stops collection after the page in hand', async () => {
    const server = await startServer();
    postMany(server, 100);
    const controller = new AbortController();
    const ctx = createTestRunContext({ signal: controller.signal });
    let pages = 0;
    for await (const page of adapterFor([server]).collect(ctx)) {
      ctx.commit(page);
      pages += 1;
      controller.abort();
    }
    expect(pages).toBe(1);
    expect(timelineRequests(server)).toHaveLength(1);
  });

  test('refresh reads current counts in batches and reports deleted statuses as removed', async () => {
    const server = await startServer();
    const statuses = Array.from({ length: 25 }, (_, i) => server.post({ account: 'ana', text: `Post ${i} #jobquality`, createdAt: new Date(Date.now() - (i + 1) * MINUTE) }));
    const ctx = createTestRunContext();
    const { posts } = await collect(adapterFor([server]), ctx);
    server.setCounts(statuses[0]!.id, { favourites: 40, reblogs: 9, replies: 4, quotes: 2 });
    server.setFollowers('ana', 150);
    server.deleteStatus(statuses[1]!.id);
    server.deleteStatus(statuses[24]!.id);
    const before = server.requests.length;
    const batches = await refreshAll(adapterFor([server]), ctx, posts);
    const readings = batches.flatMap((batch) => batch.readings);
    const removed = batches.flatMap((batch) => batch.removed);
    expect(readings).toHaveLength(23);
    expect(readings.find((reading) => reading.networkId === statuses[0]!.uri)).toMatchObject({
      metrics: { likes: 40, reposts: 9, replies: 4, quotes: 2, bookmarks: null, impressions: null },
      author: { username: `ana@${server.host}`, followers: 150 },
    });
    expect(removed.map((gone) => gone.networkId).sort()).toEqual([statuses[1]!.uri, statuses[24]!.uri].sort());
    const lookups = server.requests.slice(before);
    // Two batches (20 + 5), plus one single look-up per status the batches left out.
    expect(lookups.filter((request) => request.path === '/api/v1/statuses')).toHaveLength(2);
    expect(lookups.filter((request) => request.path.startsWith('/api/v1/statuses/'))).toHaveLength(2);
  });

  test('refresh falls back to single look-ups on a server without the batch endpoint', async () => {
    const server = await startServer({ batchLookup: false });
    const statuses = Array.from({ length: 3 }, (_, i) => server.post({ account: 'ana', text: `Post ${i} #jobquality` }));
    const ctx = createTestRunContext();
    const { posts } = await collect(adapterFor([server]), ctx);
    server.setCounts(statuses[2]!.id, { favourites: 8 });
    server.deleteStatus(statuses[0]!.id);
    const adapter = adapterFor([server]);
    const batches = await refreshAll(adapter, ctx, posts);
    expect(batches.flatMap((batch) => batch.removed).map((gone) => gone.networkId)).toEqual([statuses[0]!.uri]);
    expect(batches.flatMap((batch) => batch.readings).find((reading) => reading.networkId === statuses[2]!.uri)!.metrics.likes).toBe(8);
  });

  test('a 404 that does not come from Mastodon never marks a post removed', async () => {
    const server = await startServer();
    server.post({ account: 'ana', text: 'Kept #jobquality' });
    const ctx = createTestRunContext();
    const { posts } = await collect(adapterFor([server]), ctx);
    server.injectFault({ kind: 'status', status: 404 }, { endpoint: 'status' });
    const batches: RefreshedBatch[] = [];
    let failure: unknown = null;
    try {
      for await (const batch of adapterFor([server]).refresh(posts.map((post) => ({ networkId: post.networkId, refreshRef: post.refreshRef })), ctx)) batches.push(batch);
    } catch (error) {
      failure = error;
    }
    expect(batches.flatMap((batch) => batch.removed)).toEqual([]);
    expect((failure as Error).message).toContain('answered HTTP 404');
  });
});
