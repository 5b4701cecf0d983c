// Proves the fake Mastodon server answers like Mastodon: entity shapes checked against the documented
// example, the documented pagination rules and Link headers, auth, rate limits, federation and faults.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FakeMastodonServer, type FakeMastodonServerOptions } from '../../../fakes/mastodon/fake-mastodon-server.js';
import { bearer, closeFakesAfterEach, readReply, type FakeReply } from '../../helpers/fake-servers.js';
import { referenceUrl } from '../../helpers/reference.js';

const REFERENCE = referenceUrl('mastodon-docs/');
const documentedStatus = JSON.parse(readFileSync(new URL('status-example.json', REFERENCE), 'utf8')) as Record<string, unknown>;

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const TOKEN = 'fake-access-token';

const track = closeFakesAfterEach<FakeMastodonServer>();
let clock = NOW;

async function startFake(options: FakeMastodonServerOptions = {}): Promise<FakeMastodonServer> {
  clock = NOW;
  const fake = track(await FakeMastodonServer.start({ now: () => clock, ...options }));
  fake.addAccount({ username: 'ana', displayName: 'Ana Organizes', followers: 120 });
  return fake;
}

type Reply = FakeReply;

async function get(fake: FakeMastodonServer, path: string, params: Array<[string, string]> = [], token?: string): Promise<Reply> {
  const url = new URL(path, fake.baseUrl);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return readReply(await fetch(url, { headers: bearer(token) }));
}

/** Posts `n` #jobquality statuses a minute apart, the last one `endMinutesAgo` before NOW; returns ids oldest first. */
function postMany(fake: FakeMastodonServer, n: number, endMinutesAgo = 1): string[] {
  return Array.from({ length: n }, (_, i) => fake.post({ account: 'ana', text: `Post ${i} #jobquality`, createdAt: new Date(NOW - (endMinutesAgo + n - 1 - i) * MINUTE) }).id);
}

const ids = (reply: Reply) => (reply.body as Array<{ id: string }>).map((status) => status.id);
const TIMELINE = '/api/v1/timelines/tag/jobquality';

describe('FakeMastodonServer', () => {
  test('statuses carry every attribute of the documented Status example, with the documented types', async () => {
    const fake = await startFake();
    fake.post({ account: 'ana', text: 'Living wages matter #JobQuality', card: { url: 'https://example.org/report', title: 'Report' } });
    const { body } = await get(fake, TIMELINE);
    const status = body[0] as Record<string, unknown>;
    const optionalForAnonymous = ['favourited', 'reblogged', 'muted', 'bookmarked'];
    for (const key of Object.keys(documentedStatus).filter((key) => !optionalForAnonymous.includes(key))) {
      expect(status, `attribute ${key}`).toHaveProperty(key);
      const documented = documentedStatus[key];
      if (documented !== null && status[key] !== null) expect(typeof status[key], `type of ${key}`).toBe(typeof documented);
    }
    const account = status.account as Record<string, unknown>;
    for (const key of Object.keys(documentedStatus.account as object)) expect(account, `account attribute ${key}`).toHaveProperty(key);
    expect(status.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(account.acct).toBe('ana');
  });

  test('text is served as Mastodon HTML: escaped, with hashtag and mention links and shortened URLs', async () => {
    const fake = await startFake();
    fake.addAccount({ username: 'bo' });
    fake.post({ account: 'ana', text: 'Pay & <b>respect</b> @bo #JobQuality\nsee https://example.org/a/very/long/path/to/the/report.html\n\nthanks' });
    const [status] = (await get(fake, TIMELINE)).body;
    expect(status.content).toContain('Pay &amp; &lt;b&gt;respect&lt;/b&gt;');
    expect(status.content).toContain(`<a href="${fake.baseUrl}/tags/jobquality" class="mention hashtag" rel="tag">#<span>JobQuality</span></a>`);
    expect(status.content).toContain(`<a href="${fake.baseUrl}/@bo" class="u-url mention">@<span>bo</span></a>`);
    expect(status.content).toContain('<span class="invisible">https://</span><span class="ellipsis">example.org/a/very/long/path/t</span><span class="invisible">o/the/report.html</span>');
    expect(status.content).toMatch(/^<p>.*<br \/>.*<\/p><p>thanks<\/p>$/);
    expect(status.tags).toEqual([{ name: 'jobquality', url: `${fake.baseUrl}/tags/jobquality` }]);
    expect(status.mentions).toEqual([expect.objectContaining({ username: 'bo', acct: 'bo', url: `${fake.baseUrl}/@bo` })]);
  });

  test('a hashtag timeline is newest first, 20 by default and never more than 40', async () => {
    const fake = await startFake();
    const posted = postMany(fake, 45);
    expect(ids(await get(fake, TIMELINE))).toEqual(posted.slice(-20).reverse());
    expect(ids(await get(fake, TIMELINE, [['limit', '100']]))).toHaveLength(40);
    expect(ids(await get(fake, TIMELINE, [['limit', '3']]))).toEqual(posted.slice(-3).reverse());
  });

  test('max_id bounds from above, since_id answers the newest above it, min_id the ones immediately above it', async () => {
    const fake = await startFake();
    const posted = postMany(fake, 10);
    const cursor = posted[3]!;
    expect(ids(await get(fake, TIMELINE, [['max_id', cursor], ['limit', '2']]))).toEqual([posted[2], posted[1]]);
    expect(ids(await get(fake, TIMELINE, [['since_id', cursor], ['limit', '2']]))).toEqual([posted[9], posted[8]]);
    expect(ids(await get(fake, TIMELINE, [['min_id', cursor], ['limit', '2']]))).toEqual([posted[5], posted[4]]);
    expect(ids(await get(fake, TIMELINE, [['min_id', posted[1]!], ['max_id', posted[4]!]]))).toEqual([posted[3], posted[2]]);
  });

  test('the Link header points to older (max_id) and newer (min_id) pages and is absent on an empty page', async () => {
    const fake = await startFake();
    const posted = postMany(fake, 5);
    const reply = await get(fake, TIMELINE, [['limit', '2']]);
    expect(reply.headers.get('link')).toBe(
      `<${fake.baseUrl}${TIMELINE}?limit=2&max_id=${posted[3]}>; rel="next", <${fake.baseUrl}${TIMELINE}?limit=2&min_id=${posted[4]}>; rel="prev"`,
    );
    const empty = await get(fake, TIMELINE, [['min_id', posted[4]!]]);
    expect(empty.body).toEqual([]);
    expect(empty.headers.get('link')).toBeNull();
  });

  test('a hashtag never used on the server answers 404 Record not found', async () => {
    const fake = await startFake();
    const reply = await get(fake, '/api/v1/timelines/tag/nothinghere');
    expect(reply).toMatchObject({ status: 404, body: { error: 'Record not found' } });
  });

  test('boosts appear in the timeline as wrappers with reblog set, and non-public statuses do not appear', async () => {
    const fake = await startFake();
    fake.addAccount({ username: 'bo' });
    const original = fake.post({ account: 'ana', text: 'Original #jobquality', createdAt: new Date(NOW - 10 * MINUTE) });
    fake.post({ account: 'ana', text: 'Unlisted #jobquality', visibility: 'unlisted' });
    const boost = fake.reblog({ account: 'bo', statusId: original.id });
    const { body } = await get(fake, TIMELINE);
    expect(body.map((status: any) => status.id)).toEqual([boost.id, original.id]);
    expect(body[0]).toMatchObject({ content: '', tags: [], reblog: { id: original.id, uri: original.uri }, account: { acct: 'bo' } });
  });

  test('a federated copy has its own id and the remote acct, the same uri and url, and the counts it was given', async () => {
    const home = await startFake();
    const remote = await startFake();
    const post = home.post({ account: 'ana', text: 'Fair rotas #jobquality', counts: { favourites: 10, reblogs: 4, replies: 2, quotes: 1 } });
    const copy = remote.receive(home, post.id, { counts: { favourites: 3 } });
    expect(copy.id).not.toBe(post.id);
    const [seen] = (await get(remote, TIMELINE)).body;
    expect(seen).toMatchObject({ id: copy.id, uri: post.uri, url: post.url, favourites_count: 3, reblogs_count: 4, account: { acct: `ana@${home.host}`, url: `${home.baseUrl}/@ana` } });
    expect(seen).not.toHaveProperty('application');
  });

  test('a status can be looked up alone or in a batch of up to 20, and a deleted one is not found', async () => {
    const fake = await startFake();
    const [a, b, c] = postMany(fake, 3);
    fake.deleteStatus(b!);
    expect(await get(fake, `/api/v1/statuses/${a}`)).toMatchObject({ status: 200, body: { id: a } });
    expect(await get(fake, `/api/v1/statuses/${b}`)).toMatchObject({ status: 404, body: { error: 'Record not found' } });
    const batch = await get(fake, '/api/v1/statuses', [c!, b!, a!].map((id) => ['id[]', id]));
    expect(ids(batch).sort()).toEqual([a, c].sort());
    const tooMany = Array.from({ length: 21 }, (_, i): [string, string] => ['id[]', String(i + 1)]);
    expect((await get(fake, '/api/v1/statuses', tooMany)).status).toBe(422);
  });

  test('a server without batch look-ups answers 404 for it', async () => {
    const fake = await startFake({ batchLookup: false });
    const [a] = postMany(fake, 1);
    expect(await get(fake, '/api/v1/statuses', [['id[]', a!]])).toMatchObject({ status: 404, body: { error: 'Record not found' } });
  });

  test('a server that requires auth answers anonymous readers 422 and wrong tokens 401, and any server refuses a wrong token', async () => {
    const closed = await startFake({ requireAuth: true, accessTokens: [TOKEN] });
    postMany(closed, 1);
    expect(await get(closed, TIMELINE)).toMatchObject({ status: 422, body: { error: 'This method requires an authenticated user' } });
    expect((await get(closed, TIMELINE, [], 'wrong')).status).toBe(401);
    expect((await get(closed, TIMELINE, [], TOKEN)).status).toBe(200);
    const open = await startFake();
    postMany(open, 1);
    expect((await get(open, TIMELINE)).status).toBe(200);
    expect((await get(open, TIMELINE, [], 'foreign-token')).status).toBe(401);
    expect(closed.requests.map((request) => request.auth)).toEqual(['none', 'invalid', 'valid']);
  });

  test('every answer reports the rate limit, and a spent budget answers 429 until the ISO reset time', async () => {
    const fake = await startFake({ rateLimit: { limit: 2, periodMs: 5 * MINUTE } });
    postMany(fake, 1);
    const first = await get(fake, TIMELINE);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-reset')).toBe(new Date(Math.floor(NOW / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE).toISOString());
    await get(fake, TIMELINE);
    const refused = await get(fake, TIMELINE);
    expect(refused).toMatchObject({ status: 429, body: { error: 'Too many requests' } });
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    clock += 5 * MINUTE;
    expect((await get(fake, TIMELINE)).status).toBe(200);
  });

  test('injected faults answer 429 with a reset, gateway errors as HTML, cut-off JSON, or a dropped connection', async () => {
    const fake = await startFake();
    postMany(fake, 1);
    fake.injectFault({ kind: 'status', status: 429, resetInMs: 30_000 });
    fake.injectFault({ kind: 'status', status: 502 });
    fake.injectFault({ kind: 'malformed' });
    fake.injectFault({ kind: 'drop' }, { endpoint: 'status' });
    const limited = await get(fake, TIMELINE);
    expect(limited.status).toBe(429);
    expect(Date.parse(limited.headers.get('x-ratelimit-reset')!)).toBe(NOW + 30_000);
    const gateway = await get(fake, TIMELINE);
    expect(gateway.status).toBe(502);
    expect(gateway.headers.get('content-type')).toBe('text/html');
    const malformed = await get(fake, TIMELINE);
    expect(malformed.status).toBe(200);
    expect(() => JSON.parse(malformed.text)).toThrow();
    await expect(get(fake, '/api/v1/statuses/1')).rejects.toThrow();
    expect((await get(fake, TIMELINE)).status).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([429, 502, 200, 0, 200]);
  });

  test('a fault can wait for earlier requests and repeat', async () => {
    const fake = await startFake();
    postMany(fake, 1);
    fake.injectFault({ kind: 'status', status: 503 }, { endpoint: 'timeline', after: 1, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await get(fake, TIMELINE)).status);
    expect(statuses).toEqual([200, 503, 503, 200]);
  });
});
