// Proves the fake Bluesky server answers like Bluesky: bodies checked against the published lexicons,
// facets with UTF-8 byte offsets, XRPC errors for bad parameters and tokens, paging, rate-limit headers.
import { describe, expect, test } from 'vitest';
import { FakeBlueskyServer, type FakeBlueskyServerOptions } from '../../../fakes/bluesky/fake-bluesky-server.js';
import { LexiconChecker } from './lexicon-checker.js';
import { bearer, closeFakesAfterEach, readReply, type FakeReply } from '../../helpers/fake-servers.js';
import { referenceUrl } from '../../helpers/reference.js';

const lexicons = new LexiconChecker(referenceUrl('bluesky-lexicons/'));
const LOGIN = { identifier: 'tracker.bsky.social', password: 'abcd-efgh-ijkl-mnop' };
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

const track = closeFakesAfterEach<FakeBlueskyServer>();

async function startFake(options: FakeBlueskyServerOptions = {}): Promise<FakeBlueskyServer> {
  const fake = track(await FakeBlueskyServer.start({ now: () => NOW, ...options }));
  fake.addAccount({ handle: LOGIN.identifier, appPasswords: [LOGIN.password], password: 'main-password', emailAuthFactor: true });
  fake.addAccount({ handle: 'ana.bsky.social', displayName: 'Ana', followers: 120 });
  return fake;
}

type Reply = FakeReply;

/** XRPC answers are JSON, errors included. */
async function xrpcReply(response: Response): Promise<Reply> {
  const reply = await readReply(response);
  expect(reply.body, `${response.url} answered JSON`).toBeDefined();
  return reply;
}

async function xrpc(fake: FakeBlueskyServer, method: string, params: Record<string, string | string[]> = {}, token?: string): Promise<Reply> {
  const url = new URL(`/xrpc/${method}`, fake.baseUrl);
  for (const [name, value] of Object.entries(params)) for (const item of [value].flat()) url.searchParams.append(name, item);
  return xrpcReply(await fetch(url, { headers: bearer(token) }));
}

async function procedure(fake: FakeBlueskyServer, method: string, body: unknown, token?: string): Promise<Reply> {
  const response = await fetch(new URL(`/xrpc/${method}`, fake.baseUrl), {
    method: 'POST',
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return xrpcReply(response);
}

async function login(fake: FakeBlueskyServer): Promise<{ accessJwt: string; refreshJwt: string }> {
  const reply = await procedure(fake, 'com.atproto.server.createSession', LOGIN);
  expect(reply.status).toBe(200);
  return reply.body;
}

function addPosts(fake: FakeBlueskyServer, n: number, text = (i: number) => `Post ${i} on decent work #JobQuality`): string[] {
  return Array.from({ length: n }, (_, i) => fake.addPost({ author: 'ana.bsky.social', text: text(i), createdAt: new Date(NOW - (n - i) * MINUTE) })).reverse();
}

describe('FakeBlueskyServer', () => {
  test('search answers conform to the searchPosts, postView and post record lexicons', async () => {
    const fake = await startFake();
    const quoted = fake.addPost({ author: 'ana.bsky.social', text: 'Original thought', createdAt: new Date(NOW - 10 * MINUTE) });
    fake.addPost({ author: 'ana.bsky.social', text: 'Quoting with a card #jobquality https://example.org/a', createdAt: new Date(NOW - 5 * MINUTE), quote: quoted, linkCard: { uri: 'https://example.org/report', title: 'Report' } });
    fake.addPost({ author: 'ana.bsky.social', text: 'A reply #jobquality', createdAt: new Date(NOW - 4 * MINUTE), reply: true, tags: ['goodjobs'], counts: { like: 3 } });
    const { accessJwt } = await login(fake);
    const reply = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', tag: 'jobquality', limit: '10' }, accessJwt);
    expect(reply.status).toBe(200);
    expect(reply.body.posts).toHaveLength(2);
    expect(lexicons.checkOutput(reply.body, 'app.bsky.feed.searchPosts')).toEqual([]);
    for (const post of reply.body.posts) {
      expect(lexicons.check(post, 'app.bsky.feed.defs#postView')).toEqual([]);
      expect(lexicons.check(post.record, 'app.bsky.feed.post')).toEqual([]);
      expect(post.uri).toMatch(/^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/);
      expect(post.cid).toMatch(/^bafyrei[a-z2-7]+$/);
    }
    const profiles = await xrpc(fake, 'app.bsky.actor.getProfiles', { actors: ['ana.bsky.social'] }, accessJwt);
    expect(lexicons.checkOutput(profiles.body, 'app.bsky.actor.getProfiles')).toEqual([]);
    expect(profiles.body.profiles[0]).toMatchObject({ handle: 'ana.bsky.social', followersCount: 120 });
  });

  test('facet offsets count UTF-8 bytes, so they land on the hashtag even after emoji and accents', async () => {
    const fake = await startFake();
    const text = 'Trabajo digno 💪🏽 para todas — ¡sí! #TrabajoDécente y #JobQuality ✊ https://example.org/año';
    fake.addPost({ author: 'ana.bsky.social', text, createdAt: new Date(NOW - MINUTE) });
    const { accessJwt } = await login(fake);
    const { body } = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality' }, accessJwt);
    const bytes = new TextEncoder().encode(body.posts[0].record.text);
    const slices = body.posts[0].record.facets.map((facet: any) => ({
      text: new TextDecoder().decode(bytes.slice(facet.index.byteStart, facet.index.byteEnd)),
      feature: facet.features[0],
    }));
    expect(slices).toEqual([
      { text: '#TrabajoDécente', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'TrabajoDécente' } },
      { text: '#JobQuality', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'JobQuality' } },
      { text: 'https://example.org/año', feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.org/año' } },
    ]);
    // The same offsets as JavaScript string indices would point elsewhere.
    expect(text.slice(body.posts[0].record.facets[1].index.byteStart, body.posts[0].record.facets[1].index.byteEnd)).not.toBe('#JobQuality');
  });

  test('tag filtering uses facets and the tags field, not words in the text, and ANDs several tags', async () => {
    const fake = await startFake();
    const faceted = fake.addPost({ author: 'ana.bsky.social', text: 'Shift pay #JobQuality', createdAt: new Date(NOW - 3 * MINUTE) });
    const tagsField = fake.addPost({ author: 'ana.bsky.social', text: 'Tag outside the text', tags: ['jobquality', 'goodjobs'], createdAt: new Date(NOW - 2 * MINUTE) });
    fake.addPost({ author: 'ana.bsky.social', text: 'jobquality mentioned in passing', createdAt: new Date(NOW - MINUTE) });
    fake.addPost({ author: 'ana.bsky.social', text: '#jobquality without a facet', facets: 'none', createdAt: new Date(NOW - MINUTE) });
    const { accessJwt } = await login(fake);
    const one = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', tag: 'jobquality' }, accessJwt);
    expect(one.body.posts.map((post: any) => post.uri)).toEqual([tagsField, faceted]);
    const both = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*', tag: ['JobQuality', 'goodjobs'] }, accessJwt);
    expect(both.body.posts.map((post: any) => post.uri)).toEqual([tagsField]);
  });

  test('the loose mode also returns posts that only mention the word', async () => {
    const fake = await startFake({ looseSearch: true });
    addPosts(fake, 1);
    fake.addPost({ author: 'ana.bsky.social', text: 'jobquality mentioned in passing', createdAt: new Date(NOW - MINUTE / 2) });
    const { accessJwt } = await login(fake);
    const { body } = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', tag: 'jobquality' }, accessJwt);
    expect(body.posts).toHaveLength(2);
  });

  test('pages come newest first, cursors continue without overlap, and a cursor only fits its own query', async () => {
    const fake = await startFake();
    const uris = addPosts(fake, 25);
    const { accessJwt } = await login(fake);
    const seen: string[] = [];
    let cursor: string | undefined;
    let first: Reply | undefined;
    do {
      const reply = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', sort: 'latest', limit: '10', ...(cursor ? { cursor } : {}) }, accessJwt);
      first ??= reply;
      seen.push(...reply.body.posts.map((post: any) => post.uri));
      cursor = reply.body.cursor;
    } while (cursor);
    expect(seen).toEqual(uris);
    const mismatched = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#other', limit: '10', cursor: first!.body.cursor }, accessJwt);
    expect(mismatched).toMatchObject({ status: 400, body: { error: 'BadQueryString' } });
  });

  test('since is inclusive and until exclusive', async () => {
    const fake = await startFake();
    const uris = addPosts(fake, 5); // newest first: NOW-1m … NOW-5m
    const { accessJwt } = await login(fake);
    const { body } = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', since: iso(NOW - 4 * MINUTE), until: iso(NOW - 2 * MINUTE) }, accessJwt);
    expect(body.posts.map((post: any) => post.uri)).toEqual([uris[2], uris[3]]);
  });

  test('posts are hidden from search until indexed and sort by the earlier of createdAt and indexedAt', async () => {
    const fake = await startFake();
    const late = fake.addPost({ author: 'ana.bsky.social', text: 'late #jobquality', createdAt: new Date(NOW - 30 * MINUTE), indexedAt: new Date(NOW + MINUTE) });
    const backdated = fake.addPost({ author: 'ana.bsky.social', text: 'backdated #jobquality', createdAt: new Date(NOW - 20 * MINUTE), indexedAt: new Date(NOW - MINUTE) });
    const future = fake.addPost({ author: 'ana.bsky.social', text: 'future clock #jobquality', createdAt: new Date(NOW + 60 * MINUTE), indexedAt: new Date(NOW - 10 * MINUTE) });
    const { accessJwt } = await login(fake);
    const { body } = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality' }, accessJwt);
    expect(body.posts.map((post: any) => post.uri)).toEqual([future, backdated]);
    expect(body.posts.map((post: any) => post.uri)).not.toContain(late);
  });

  test.each([
    [{ limit: '0' }, 'InvalidRequest'],
    [{ limit: '101' }, 'InvalidRequest'],
    [{ since: 'last tuesday' }, 'BadQueryString'],
  ])('search refuses %o with 400 %s', async (params, error) => {
    const fake = await startFake();
    const { accessJwt } = await login(fake);
    const reply = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', ...params }, accessJwt);
    expect(reply).toMatchObject({ status: 400, body: { error, message: expect.any(String) } });
  });

  test('search without q is refused, since the lexicon requires it', async () => {
    const fake = await startFake();
    const { accessJwt } = await login(fake);
    const reply = await xrpc(fake, 'app.bsky.feed.searchPosts', { tag: 'jobquality' }, accessJwt);
    expect(reply).toMatchObject({ status: 400, body: { error: 'InvalidRequest', message: expect.stringContaining('"q"') } });
  });

  test('logins: app password works, wrong password and main password with email codes are refused', async () => {
    const fake = await startFake();
    const session = await procedure(fake, 'com.atproto.server.createSession', LOGIN);
    expect(session.body).toMatchObject({ handle: LOGIN.identifier, did: expect.stringMatching(/^did:plc:/) });
    for (const token of [session.body.accessJwt, session.body.refreshJwt]) {
      const [header, claims] = token.split('.').slice(0, 2).map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()));
      expect(header.alg).toBe('ES256K');
      expect(claims.sub).toBe(session.body.did);
    }
    const wrong = await procedure(fake, 'com.atproto.server.createSession', { ...LOGIN, password: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' } });
    const main = await procedure(fake, 'com.atproto.server.createSession', { ...LOGIN, password: 'main-password' });
    expect(main).toMatchObject({ status: 401, body: { error: 'AuthFactorTokenRequired' } });
  });

  test('data calls need a live access token', async () => {
    const fake = await startFake();
    const { refreshJwt } = await login(fake);
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' })).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired' } });
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, 'made.up.token')).toMatchObject({ status: 401, body: { error: 'AuthenticationRequired' } });
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, refreshJwt)).toMatchObject({ status: 400, body: { error: 'InvalidToken' } });
  });

  test('access tokens expire after the configured number of calls and refreshSession rotates the pair', async () => {
    const fake = await startFake({ accessTokenUses: 2 });
    const first = await login(fake);
    for (let i = 0; i < 2; i += 1) expect((await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, first.accessJwt)).status).toBe(200);
    expect(await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, first.accessJwt)).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    });
    const renewed = await procedure(fake, 'com.atproto.server.refreshSession', undefined, first.refreshJwt);
    expect(renewed.status).toBe(200);
    expect((await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, renewed.body.accessJwt)).status).toBe(200);
    const reused = await procedure(fake, 'com.atproto.server.refreshSession', undefined, first.refreshJwt);
    expect(reused).toMatchObject({ status: 400, body: { error: 'InvalidToken' } });
  });

  test('every answer carries ratelimit headers and a spent window answers 429', async () => {
    const fake = await startFake({ rateLimits: { 'app.bsky.feed.searchPosts': 2 } });
    const { accessJwt } = await login(fake);
    const first = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, accessJwt);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(first.headers.get('ratelimit-policy')).toBe('2;w=300');
    expect(Number(first.headers.get('ratelimit-reset'))).toBe(Math.ceil((NOW + 300_000) / 1000));
    await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, accessJwt);
    const limited = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '*' }, accessJwt);
    expect(limited).toMatchObject({ status: 429, body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
  });

  test('getPosts leaves out deleted posts and getProfiles leaves out unknown actors; both take at most 25', async () => {
    const fake = await startFake();
    const [kept, gone] = addPosts(fake, 2);
    fake.deletePost(gone!);
    const { accessJwt } = await login(fake);
    const posts = await xrpc(fake, 'app.bsky.feed.getPosts', { uris: [kept!, gone!] }, accessJwt);
    expect(posts.body.posts.map((post: any) => post.uri)).toEqual([kept]);
    const profiles = await xrpc(fake, 'app.bsky.actor.getProfiles', { actors: ['ana.bsky.social', 'nobody.bsky.social'] }, accessJwt);
    expect(profiles.body.profiles.map((profile: any) => profile.handle)).toEqual(['ana.bsky.social']);
    const tooMany = Array.from({ length: 26 }, (_, i) => `user${i}.bsky.social`);
    expect(await xrpc(fake, 'app.bsky.actor.getProfiles', { actors: tooMany }, accessJwt)).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
  });

  test('queued faults apply in order: server errors, a cut-off body, a missing field and a dropped connection', async () => {
    const fake = await startFake();
    addPosts(fake, 1);
    const { accessJwt } = await login(fake);
    const method = 'app.bsky.feed.searchPosts';
    fake.injectFault({ kind: 'status', status: 503 }, { method });
    fake.injectFault({ kind: 'malformed' }, { method });
    fake.injectFault({ kind: 'wrong-shape' }, { method });
    fake.injectFault({ kind: 'drop' }, { method });
    expect(await xrpc(fake, method, { q: '*' }, accessJwt)).toMatchObject({ status: 503, body: { error: 'NotEnoughResources' } });
    const cut = await fetch(new URL(`/xrpc/${method}?q=*`, fake.baseUrl), { headers: { authorization: `Bearer ${accessJwt}` } });
    expect(cut.status).toBe(200);
    await expect(cut.json()).rejects.toThrow();
    const shape = await xrpc(fake, method, { q: '*' }, accessJwt);
    expect(shape.body.posts).toBeUndefined();
    await expect(xrpc(fake, method, { q: '*' }, accessJwt)).rejects.toThrow();
    expect((await xrpc(fake, method, { q: '*' }, accessJwt)).status).toBe(200);
    expect(fake.requestsTo(method).map((entry) => entry.status)).toEqual([503, 200, 200, 0, 200]);
  });

  test('logins are limited per account as the entryway limits them: 30 per 5 minutes, then 100 a day, with the real 429', async () => {
    let now = NOW;
    const fake = await startFake({ now: () => now });
    for (let i = 0; i < 30; i += 1) expect((await procedure(fake, 'com.atproto.server.createSession', LOGIN)).status).toBe(200);
    const tooFast = await procedure(fake, 'com.atproto.server.createSession', LOGIN);
    expect(tooFast).toMatchObject({ status: 429, body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } });
    expect(tooFast.headers.get('ratelimit-policy')).toBe('30;w=300');
    expect((await procedure(fake, 'com.atproto.server.createSession', { ...LOGIN, password: 'nope' })).status).toBe(429);
    for (let minutes = 5; minutes <= 25; minutes += 5) {
      now = NOW + minutes * MINUTE;
      for (let i = 0; i < 30 && fake.logins < 100; i += 1) await procedure(fake, 'com.atproto.server.createSession', LOGIN);
    }
    now += 5 * MINUTE;
    const daily = await procedure(fake, 'com.atproto.server.createSession', LOGIN);
    expect(daily.status).toBe(429);
    expect(daily.headers.get('ratelimit-limit')).toBe('100');
    expect(daily.headers.get('ratelimit-remaining')).toBe('0');
    expect(daily.headers.get('ratelimit-policy')).toBe('100;w=86400');
    expect(Number(daily.headers.get('ratelimit-reset'))).toBe(Math.ceil((NOW + 86_400_000) / 1000));
    expect(fake.logins).toBe(100);
    // Another account has its own budget.
    fake.addAccount({ handle: 'other.bsky.social', appPasswords: ['wxyz-wxyz-wxyz-wxyz'] });
    expect((await procedure(fake, 'com.atproto.server.createSession', { identifier: 'other.bsky.social', password: 'wxyz-wxyz-wxyz-wxyz' })).status).toBe(200);
  });

  test('a hidden author\'s posts leave search and getPosts, and search pages keep their cursor even when a page comes back empty', async () => {
    const fake = await startFake();
    fake.addAccount({ handle: 'hidden.bsky.social' });
    const visible = addPosts(fake, 3);
    const hidden = Array.from({ length: 4 }, (_, i) => fake.addPost({ author: 'hidden.bsky.social', text: `Hidden ${i} #jobquality`, createdAt: new Date(NOW - 30 * MINUTE + i) }));
    fake.hideAccount('hidden.bsky.social', 'blocks-viewer');
    const { accessJwt } = await login(fake);
    const first = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', limit: '3' }, accessJwt);
    expect(first.body.posts.map((post: any) => post.uri)).toEqual(visible);
    const second = await xrpc(fake, 'app.bsky.feed.searchPosts', { q: '#jobquality', limit: '3', cursor: first.body.cursor }, accessJwt);
    expect(second.body.posts).toEqual([]);
    expect(second.body.cursor).toEqual(expect.any(String));
    const posts = await xrpc(fake, 'app.bsky.feed.getPosts', { uris: [visible[0]!, hidden[0]!] }, accessJwt);
    expect(posts.body.posts.map((post: any) => post.uri)).toEqual([visible[0]]);
  });

  test('getRecord conforms to its lexicon, still answers for hidden authors and says RecordNotFound for deleted records', async () => {
    const fake = await startFake();
    const [kept, gone] = addPosts(fake, 2);
    fake.deletePost(gone!);
    fake.hideAccount('ana.bsky.social', 'takendown');
    const parts = (uri: string) => {
      const [, repo, collection, rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri)!;
      return { repo: repo!, collection: collection!, rkey: rkey! };
    };
    const found = await xrpc(fake, 'com.atproto.repo.getRecord', parts(kept!));
    expect(found.status).toBe(200);
    expect(lexicons.checkOutput(found.body, 'com.atproto.repo.getRecord')).toEqual([]);
    expect(found.body.uri).toBe(kept);
    const missing = await xrpc(fake, 'com.atproto.repo.getRecord', parts(gone!));
    expect(missing).toMatchObject({ status: 400, body: { error: 'RecordNotFound', message: `Could not locate record: ${gone}` } });
    expect(await xrpc(fake, 'com.atproto.repo.getRecord', { ...parts(kept!), repo: 'did:plc:nobody' })).toMatchObject({ status: 400, body: { error: 'InvalidRequest' } });
  });
});
