// Proves the fake X server answers like X: bodies checked against X's OpenAPI spec and recorded
// responses, X's rules for auth, paging, windows and limits, and twitter-api-v2 talking to it.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, TwitterApi, type TwitterApiReadOnly } from 'twitter-api-v2';
import { FakeXServer, type FakeXServerOptions } from '../../fakes/x/fake-x-server.js';
import { checkAgainstSchema, type OpenApiDocument } from './x/openapi-checker.js';
import { bearer, closeFakesAfterEach, readReply, type FakeReply } from '../helpers/fake-servers.js';
import { referenceUrl } from '../helpers/reference.js';

const REFERENCE = referenceUrl('x-api/');
const spec = JSON.parse(readFileSync(new URL('openapi-2.159.json', REFERENCE), 'utf8')) as OpenApiDocument;

/** A recorded X answer without the keys the recording tools added. */
function recorded(file: string): Record<string, any> {
  const raw = JSON.parse(readFileSync(new URL(`recorded/${file}`, REFERENCE), 'utf8'));
  if (file.endsWith('.tweepy-cassette.json')) return raw.body;
  delete raw.__twarc;
  delete raw._origin;
  return raw;
}

const TOKEN = 'test-bearer-token';
const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const COLLECTOR_TWEET_FIELDS = 'created_at,public_metrics,lang,conversation_id,referenced_tweets,entities,author_id';
const COLLECTOR_USER_FIELDS = 'public_metrics,username,name,verified';

/** The X id for a post created at `ms`, computed as X documents it (independently of the fake). */
const snowflake = (ms: number) => ((BigInt(ms) - 1_288_834_974_657n) << 22n).toString();
const iso = (ms: number) => new Date(ms).toISOString();

let clock = NOW;
const track = closeFakesAfterEach<FakeXServer>();

async function startFake(options: FakeXServerOptions = {}): Promise<FakeXServer> {
  clock = NOW;
  const fake = track(await FakeXServer.start({ now: () => clock, ...options }));
  fake.addUser({ id: '1001', username: 'fair_work_org', name: 'Fair Work', followers: 1200, verified: true });
  fake.addUser({ id: '1002', username: 'ana_organizes', name: 'Ana', followers: 85 });
  return fake;
}

type Reply = FakeReply;

async function call(fake: FakeXServer, path: string, params: Record<string, string> = {}, token: string | null = TOKEN): Promise<Reply> {
  const url = new URL(path, fake.baseUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return readReply(await fetch(url, { headers: bearer(token) }));
}

const search = (fake: FakeXServer, params: Record<string, string>, token?: string | null) => call(fake, '/2/tweets/search/recent', params, token);
const lookup = (fake: FakeXServer, params: Record<string, string>, token?: string | null) => call(fake, '/2/tweets', params, token);
const ids = (reply: Reply): string[] => (reply.body.data ?? []).map((post: { id: string }) => post.id);

/** Adds `count` #jobquality posts a minute apart, newest first, and returns their ids. */
function addCampaignPosts(fake: FakeXServer, count: number, newestAt = NOW - MINUTE): string[] {
  return Array.from({ length: count }, (_, i) =>
    fake.addPost({ authorId: i % 2 ? '1001' : '1002', text: `Post ${i} on #JobQuality`, createdAt: new Date(newestAt - i * MINUTE) }),
  );
}

describe('FakeXServer', () => {
  describe('fidelity to X', () => {
    test('the schema checker accepts X’s recorded answers and rejects broken or invented shapes', () => {
      // Known drift between 2021 recordings and the 2.159 spec: the two counters X added in 2022, and one
      // bio mention longer than a username may be. Everything else in the real answers must conform.
      const drift = /public_metrics: missing required key "(impression|bookmark)_count"|description\.mentions\[\d+\]\.username/;
      const cases: Array<[string, string]> = [
        ['x-search-recent-kpop.twarc-csv.json', 'Get2TweetsSearchRecentResponse'],
        ['x-search-recent.tweepy-cassette.json', 'Get2TweetsSearchRecentResponse'],
        ['x-tweets-lookup-with-errors.twarc-csv.json', 'Get2TweetsResponse'],
        ['x-tweets-lookup.tweepy-cassette.json', 'Get2TweetsResponse'],
        ['x-errors-array-examples.twarc-csv.json', 'Get2TweetsResponse'],
      ];
      for (const [file, schema] of cases) {
        expect(checkAgainstSchema(spec, schema, recorded(file), { strict: true }).filter((problem) => !drift.test(problem)), file).toEqual([]);
      }

      const page = recorded('x-search-recent.tweepy-cassette.json');
      page.data[0].id = '12x';
      page.data[1].id = 12345;
      page.errors = [{ title: 'Not Found Error' }];
      page.meta.invented = true;
      expect(checkAgainstSchema(spec, 'Get2TweetsSearchRecentResponse', page)).toEqual([
        'data[0].id: "12x" does not match ^[0-9]{1,19}$',
        'data[1].id: expected a string, got 12345',
        'errors[0]: missing required key "type"',
      ]);
      expect(checkAgainstSchema(spec, 'Get2TweetsSearchRecentResponse', page, { strict: true })).toContain('meta: key "invented" is not in the spec');
    });

    test('a search page with replies, quotes, reposts, links and expansions conforms to the OpenAPI schema', async () => {
      const fake = await startFake();
      const original = fake.addPost({ authorId: '1001', text: 'Decent pay is #JobQuality 💼 https://fair.example/report', createdAt: new Date(NOW - 30 * MINUTE), metrics: { like: 4, impression: 90 } });
      fake.addPost({ authorId: '1002', text: '@fair_work_org agreed! #jobquality', createdAt: new Date(NOW - 20 * MINUTE), kind: 'reply', referencedId: original });
      fake.addPost({ authorId: '1002', text: 'Worth reading #JobQuality', createdAt: new Date(NOW - 10 * MINUTE), kind: 'quote', urls: [{ expanded: 'https://news.example/articles/2026/job-quality-index' }] });
      fake.addPost({ authorId: '1001', text: 'RT @ana_organizes: Worth reading #JobQuality', createdAt: new Date(NOW - 5 * MINUTE), kind: 'repost', lang: 'und' });
      const reply = await search(fake, {
        query: '#jobquality',
        max_results: '10',
        expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id,entities.mentions.username',
        'tweet.fields': `${COLLECTOR_TWEET_FIELDS},in_reply_to_user_id,possibly_sensitive,reply_settings,edit_controls,display_text_range`,
        'user.fields': `${COLLECTOR_USER_FIELDS},created_at,description,protected,profile_image_url,url,location,verified_type`,
      });
      expect(reply.status).toBe(200);
      expect(reply.body.data).toHaveLength(4);
      expect(reply.body.includes.tweets.map((post: { id: string }) => post.id)).toEqual([original]);
      // The quote and repost point at posts that were never stored, so X reports them in errors[].
      expect(reply.body.errors).toHaveLength(2);
      expect(checkAgainstSchema(spec, 'Get2TweetsSearchRecentResponse', reply.body, { strict: true })).toEqual([]);
    });

    test('a lookup answer with found, deleted and protected posts conforms to the OpenAPI schema', async () => {
      const fake = await startFake();
      const [kept, deleted, hidden] = addCampaignPosts(fake, 3);
      fake.deletePost(deleted!);
      fake.protectPost(hidden!);
      const reply = await lookup(fake, { ids: [kept, deleted, hidden, '20'].join(','), expansions: 'author_id', 'tweet.fields': COLLECTOR_TWEET_FIELDS, 'user.fields': COLLECTOR_USER_FIELDS });
      expect(reply.status).toBe(200);
      expect(checkAgainstSchema(spec, 'Get2TweetsResponse', reply.body, { strict: true })).toEqual([]);
    });

    test('asked the way a recorded call asked, posts, users and meta carry only keys X sent', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 12);
      fake.addPost({ authorId: '1001', text: 'Thread #JobQuality https://fairwork.org/a', createdAt: new Date(NOW - 30_000), kind: 'reply' });
      const real = JSON.parse(readFileSync(new URL('recorded/x-search-recent-kpop.twarc-csv.json', REFERENCE), 'utf8'));
      const params = Object.fromEntries(new URL(real.__twarc.url).searchParams);
      const reply = await search(fake, { ...params, query: '#jobquality', max_results: '10' });
      expect(reply.status).toBe(200);

      const keysOf = (objects: object[]) => new Set(objects.flatMap((object) => Object.keys(object)));
      // Posts in the recorded lookup include a reply, which has keys no post of the search page needed.
      const realPostKeys = keysOf([...real.data, ...real.includes.tweets, ...recorded('x-tweets-lookup-with-errors.twarc-csv.json').data]);
      // Keys every recorded post has, minus `source` (removed by X in 2022) and context annotations (X's classifier).
      const alwaysThere = [...realPostKeys].filter((key) => real.data.every((post: object) => key in post) && key !== 'source');
      for (const post of reply.body.data) {
        // edit_history_tweet_ids arrived with edits in 2022, after this recording; the tweepy recordings have it.
        expect(Object.keys(post).filter((key) => !realPostKeys.has(key) && key !== 'edit_history_tweet_ids')).toEqual([]);
        expect(alwaysThere.filter((key) => !(key in post))).toEqual([]);
      }
      const realUserKeys = keysOf(real.includes.users);
      for (const user of reply.body.includes.users) expect(Object.keys(user).filter((key) => !realUserKeys.has(key))).toEqual([]);
      expect(Object.keys(reply.body.meta).sort()).toEqual(Object.keys(real.meta).sort());
      expect(Object.keys(reply.body.includes.users[0].public_metrics).sort()).toEqual(Object.keys(real.includes.users[0].public_metrics).sort());
      // The reply points at an unstored post: its errors[] entry has the recorded Not Found keys.
      expect(Object.keys(reply.body.errors[0]).sort()).toEqual(Object.keys(recorded('x-tweets-lookup-with-errors.twarc-csv.json').errors[0]).sort());
    });

    test('answers carry X’s headers', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 1);
      const reply = await search(fake, { query: '#jobquality' });
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.headers.get('x-access-level')).toBe('read');
      expect(reply.headers.get('api-version')).toMatch(/^2\.\d+$/);
      expect(reply.headers.get('x-rate-limit-limit')).toBe('450');
    });
  });

  describe('authentication', () => {
    test('a missing or wrong bearer token gets X’s 401 problem and is recorded as unauthorized', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 1);
      for (const token of [null, 'not-the-token']) {
        const reply = await search(fake, { query: '#jobquality' }, token);
        expect(reply.status).toBe(401);
        expect(reply.headers.get('content-type')).toBe('application/problem+json');
        expect(reply.body).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
      }
      expect((await search(fake, { query: '#jobquality' })).status).toBe(200);
      expect(fake.requests.map(({ authorized, status }) => ({ authorized, status }))).toEqual([
        { authorized: false, status: 401 },
        { authorized: false, status: 401 },
        { authorized: true, status: 200 },
      ]);
    });

    test('a custom bearer token replaces the default one', async () => {
      const fake = await startFake({ bearerToken: 'campaign-token' });
      expect((await search(fake, { query: '#jobquality' })).status).toBe(401);
      expect((await search(fake, { query: '#jobquality' }, 'campaign-token')).status).toBe(200);
    });
  });

  describe('recent search parameters', () => {
    test('max_results outside 10–100 gets X’s Invalid Request body; inside, it caps the page', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 120);
      const tooFew = await search(fake, { query: '#jobquality', max_results: '5' });
      expect(tooFew.status).toBe(400);
      expect(tooFew.body).toEqual({
        errors: [{ parameters: { max_results: ['5'] }, message: 'The `max_results` query parameter value [5] is not between 10 and 100' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
      expect((await search(fake, { query: '#jobquality', max_results: '101' })).status).toBe(400);
      expect(ids(await search(fake, { query: '#jobquality' }))).toHaveLength(10);
      expect(ids(await search(fake, { query: '#jobquality', max_results: '100' }))).toHaveLength(100);
    });

    test('unknown parameters, unknown field names and an over-long query are refused', async () => {
      const fake = await startFake();
      const refused: Array<Record<string, string>> = [
        { query: '#jobquality', count: '20' },
        { query: '#jobquality', 'tweet.fields': 'created_at,likes' },
        { query: '#jobquality', 'user.fields': 'followers' },
        { query: '#jobquality', expansions: 'author' },
        { query: `#jobquality ${'x'.repeat(501)}` },
        { max_results: '10' },
      ];
      for (const params of refused) {
        const reply = await search(fake, params);
        expect(reply.status, JSON.stringify(params)).toBe(400);
        expect(reply.body.title).toBe('Invalid Request');
        expect(checkAgainstSchema(spec, 'InvalidRequestProblem', reply.body, { strict: true })).toEqual([]);
      }
      const unknown = await search(fake, { query: '#jobquality', 'tweet.fields': 'likes' });
      expect(unknown.body.errors[0].parameters).toEqual({ 'tweet.fields': ['likes'] });
    });

    test('hashtags match case-insensitively and exactly, never as part of a longer tag or a plain word', async () => {
      const fake = await startFake();
      const wanted = [
        fake.addPost({ authorId: '1001', text: 'Security matters #JobQuality', createdAt: new Date(NOW - 1 * MINUTE) }),
        fake.addPost({ authorId: '1002', text: '#jobquality, everyone', createdAt: new Date(NOW - 2 * MINUTE) }),
        fake.addPost({ authorId: '1002', text: 'Café workers #JOBQUALITY!', createdAt: new Date(NOW - 3 * MINUTE) }),
      ];
      fake.addPost({ authorId: '1001', text: 'Different tag #JobQualityIndex', createdAt: new Date(NOW - 4 * MINUTE) });
      fake.addPost({ authorId: '1001', text: 'No tag, just jobquality as a word', createdAt: new Date(NOW - 5 * MINUTE) });
      fake.addPost({ authorId: '1001', text: 'Inside a link https://example.org/#jobquality', createdAt: new Date(NOW - 6 * MINUTE) });
      expect(ids(await search(fake, { query: '#jobquality' }))).toEqual(wanted);
    });

    test('OR, parentheses, implicit AND and negation combine as X documents', async () => {
      const fake = await startFake();
      const post = (text: string, minutesAgo: number, kind?: 'reply' | 'repost') =>
        fake.addPost({ authorId: '1002', text, createdAt: new Date(NOW - minutesAgo * MINUTE), ...(kind ? { kind } : {}) });
      const both = post('#jobquality and #fairpay', 1);
      const onlyFair = post('just #fairpay', 2);
      const payReply = post('#fairpay #wages', 3, 'reply');
      const payRepost = post('RT #fairpay #wages', 4, 'repost');
      const wages = post('#wages alone', 5);
      expect(ids(await search(fake, { query: '#jobquality OR #wages' }))).toEqual([both, payReply, payRepost, wages]);
      // AND binds tighter than OR: (#fairpay #wages) OR #jobquality.
      expect(ids(await search(fake, { query: '#fairpay #wages OR #jobquality' }))).toEqual([both, payReply, payRepost]);
      expect(ids(await search(fake, { query: '#fairpay (#wages OR #jobquality)' }))).toEqual([both, payReply, payRepost]);
      expect(ids(await search(fake, { query: '#fairpay -is:retweet -is:reply' }))).toEqual([both, onlyFair]);
      expect(ids(await search(fake, { query: '#fairpay -#wages' }))).toEqual([both, onlyFair]);
    });

    test('a query X cannot parse is refused with an Invalid Request naming the query', async () => {
      const fake = await startFake();
      for (const query of ['(#jobquality OR #fairpay', '#jobquality OR', '-#jobquality', 'nonsense:thing #jobquality']) {
        const reply = await search(fake, { query });
        expect(reply.status, query).toBe(400);
        expect(reply.body.errors[0].parameters).toEqual({ query: [query] });
      }
    });

    test('since_id and until_id are exclusive bounds', async () => {
      const fake = await startFake();
      const [newest, newer, middle, older, oldest] = addCampaignPosts(fake, 5);
      expect(ids(await search(fake, { query: '#jobquality', since_id: older!, until_id: newer! }))).toEqual([middle]);
      expect(ids(await search(fake, { query: '#jobquality', since_id: middle! }))).toEqual([newest, newer]);
      expect(ids(await search(fake, { query: '#jobquality', until_id: middle! }))).toEqual([older, oldest]);
      expect((await search(fake, { query: '#jobquality', since_id: newest! })).body).toEqual({ meta: { result_count: 0 } });
      const malformed = await search(fake, { query: '#jobquality', since_id: '12ab' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].parameters).toEqual({ since_id: ['12ab'] });
    });

    test('start_time is inclusive and end_time exclusive', async () => {
      const fake = await startFake();
      const at = (minutesAgo: number) => fake.addPost({ authorId: '1001', text: `#jobquality ${minutesAgo}`, createdAt: new Date(NOW - minutesAgo * MINUTE) });
      const [, thirty, forty] = [at(20), at(30), at(40), at(50)];
      const reply = await search(fake, { query: '#jobquality', start_time: iso(NOW - 40 * MINUTE), end_time: iso(NOW - 20 * MINUTE) });
      expect(ids(reply)).toEqual([thirty, forty]);
    });

    test('an empty result is exactly {"meta":{"result_count":0}}', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 3);
      const reply = await search(fake, { query: '#nothingtosee', expansions: 'author_id', 'tweet.fields': COLLECTOR_TWEET_FIELDS });
      expect(reply.status).toBe(200);
      expect(reply.text).toBe('{"meta":{"result_count":0}}');
    });
  });

  describe('pagination', () => {
    test('next_token pages cover every match exactly once, newest first, even while new posts arrive', async () => {
      const fake = await startFake();
      const stored = addCampaignPosts(fake, 37);
      const sinceId = fake.addPost({ authorId: '1001', text: 'Last run’s newest #jobquality', createdAt: new Date(NOW - 3 * DAY) });
      fake.addPost({ authorId: '1001', text: 'Unrelated #weather', createdAt: new Date(NOW - 2 * MINUTE) });
      const seen: string[] = [];
      const pages: Array<Record<string, unknown>> = [];
      let nextToken: string | undefined;
      do {
        const reply = await search(fake, { query: '#jobquality', since_id: sinceId, max_results: '10', ...(nextToken ? { next_token: nextToken } : {}) });
        expect(reply.status).toBe(200);
        pages.push(reply.body.meta);
        seen.push(...ids(reply));
        nextToken = reply.body.meta.next_token;
        // A post arriving mid-pass belongs to the next pass, not to this one's older pages.
        fake.addPost({ authorId: '1002', text: 'Fresh #jobquality', createdAt: new Date(NOW - 10_000 + pages.length) });
      } while (nextToken);
      expect(seen).toEqual(stored);
      expect(pages.map((meta) => meta.result_count)).toEqual([10, 10, 10, 7]);
      expect(pages.every((meta, i) => (i < 3 ? typeof meta.next_token === 'string' : !('next_token' in meta)))).toBe(true);
      expect(pages[0]).toMatchObject({ newest_id: stored[0], oldest_id: stored[9] });
    });

    test('a next_token reused with a different query or made up is refused', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 15);
      const first = await search(fake, { query: '#jobquality' });
      const token = first.body.meta.next_token as string;
      expect(token).toMatch(/^[0-9a-z]+$/);
      const other = await search(fake, { query: '#fairpay', next_token: token });
      expect(other.status).toBe(400);
      expect(other.body.errors[0].parameters).toEqual({ next_token: [token] });
      expect((await search(fake, { query: '#jobquality', next_token: 'b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul' })).status).toBe(400);
      expect(ids(await search(fake, { query: '#jobquality', next_token: token }))).toHaveLength(5);
    });
  });

  describe('field selection', () => {
    test('posts carry only id, text and edit_history_tweet_ids unless tweet.fields asks for more', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 2);
      const bare = await search(fake, { query: '#jobquality' });
      expect(bare.body.data.map((post: object) => Object.keys(post).sort())).toEqual([
        ['edit_history_tweet_ids', 'id', 'text'],
        ['edit_history_tweet_ids', 'id', 'text'],
      ]);
      expect(bare.body.includes).toBeUndefined();
      const rich = await search(fake, { query: '#jobquality', 'tweet.fields': 'created_at,public_metrics' });
      expect(Object.keys(rich.body.data[0]).sort()).toEqual(['created_at', 'edit_history_tweet_ids', 'id', 'public_metrics', 'text']);
    });

    test('expansions=author_id adds users with id, name and username only unless user.fields asks for more', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 2);
      const plain = await search(fake, { query: '#jobquality', expansions: 'author_id' });
      expect(plain.body.data[0].author_id).toBeUndefined();
      expect(plain.body.includes.users).toEqual([
        { id: '1002', name: 'Ana', username: 'ana_organizes' },
        { id: '1001', name: 'Fair Work', username: 'fair_work_org' },
      ]);
      const counted = await search(fake, { query: '#jobquality', expansions: 'author_id', 'user.fields': 'public_metrics,verified' });
      expect(counted.body.includes.users[1]).toMatchObject({ verified: true, public_metrics: { followers_count: 1200 } });
    });

    test('metrics, kinds and entities appear as X encodes them, with code-point offsets', async () => {
      const fake = await startFake();
      const parent = fake.addPost({ authorId: '1001', text: 'Parent #fairpay', createdAt: new Date(NOW - 9 * MINUTE) });
      const id = fake.addPost({
        authorId: '1002',
        text: '🎉👩‍🔧 Yes @fair_work_org #JobQuality see fairwork.org/pay',
        createdAt: new Date(NOW - 5 * MINUTE),
        kind: 'reply',
        referencedId: parent,
        urls: [{ expanded: 'https://fairwork.org/a/very/long/path/to/the/report' }],
        metrics: { like: 7, retweet: 2, reply: 1, quote: 0, bookmark: 3, impression: 250 },
      });
      fake.setMetrics(id, { like: 9 });
      const [post] = (await lookup(fake, { ids: id, 'tweet.fields': COLLECTOR_TWEET_FIELDS })).body.data;
      expect(post.public_metrics).toEqual({ retweet_count: 2, reply_count: 1, like_count: 9, quote_count: 0, bookmark_count: 3, impression_count: 250 });
      expect(post.referenced_tweets).toEqual([{ type: 'replied_to', id: parent }]);
      expect(post.conversation_id).toBe(parent);
      expect(post.created_at).toBe(iso(NOW - 5 * MINUTE));
      const chars = [...post.text];
      const slice = (entity: { start: number; end: number }) => chars.slice(entity.start, entity.end).join('');
      expect(post.entities.hashtags.map(slice)).toEqual(['#JobQuality']);
      expect(post.entities.hashtags[0].tag).toBe('JobQuality');
      expect(post.entities.mentions).toEqual([expect.objectContaining({ username: 'fair_work_org', id: '1001' })]);
      expect(post.entities.mentions.map(slice)).toEqual(['@fair_work_org']);
      // Links in the text and extra links both become t.co links; the originals survive as expanded_url.
      expect(post.text).not.toContain('fairwork.org');
      expect(post.entities.urls.map((url: { url: string }) => url.url)).toEqual(post.entities.urls.map(slice));
      expect(post.entities.urls).toEqual([
        expect.objectContaining({ expanded_url: 'http://fairwork.org/pay', display_url: 'fairwork.org/pay' }),
        expect.objectContaining({ expanded_url: 'https://fairwork.org/a/very/long/path/to/the/report', display_url: 'fairwork.org/a/very/long/pa…' }),
      ]);
      for (const url of post.entities.urls) expect(url.url).toMatch(/^https:\/\/t\.co\/[A-Za-z0-9]{10}$/);
    });

    test('generated ids are Snowflakes of the creation time, unique even within one millisecond', async () => {
      const fake = await startFake();
      const at = NOW - 42 * MINUTE;
      const first = fake.addPost({ authorId: '1001', text: 'a #jobquality', createdAt: new Date(at) });
      const second = fake.addPost({ authorId: '1001', text: 'b #jobquality', createdAt: iso(at) });
      expect(first).toBe(snowflake(at));
      expect(second).not.toBe(first);
      expect(Number((BigInt(second) >> 22n) + 1_288_834_974_657n)).toBe(at);
    });
  });

  describe('the 7-day window', () => {
    test('search reaches only the last 7 days while lookups still find older posts', async () => {
      const fake = await startFake();
      const old = fake.addPost({ authorId: '1001', text: 'Old #jobquality', createdAt: new Date(NOW - 8 * DAY) });
      const recent = fake.addPost({ authorId: '1001', text: 'Recent #jobquality', createdAt: new Date(NOW - 6 * DAY) });
      expect(ids(await search(fake, { query: '#jobquality' }))).toEqual([recent]);
      expect(ids(await lookup(fake, { ids: old }))).toEqual([old]);
      clock += 2 * DAY;
      expect((await search(fake, { query: '#jobquality' })).body).toEqual({ meta: { result_count: 0 } });
    });

    test('a since_id, until_id or start_time older than 7 days is refused', async () => {
      const fake = await startFake();
      const tooOld = NOW - 7 * DAY - MINUTE;
      const tooOldParams: Array<Record<string, string>> = [{ since_id: snowflake(tooOld) }, { until_id: snowflake(tooOld) }, { start_time: iso(tooOld) }];
      for (const params of tooOldParams) {
        const reply = await search(fake, { query: '#jobquality', ...params });
        expect(reply.status, JSON.stringify(params)).toBe(400);
        expect(reply.body.errors[0].parameters).toEqual(Object.fromEntries(Object.entries(params).map(([key, value]) => [key, [value]])));
      }
      const inside = NOW - 7 * DAY + MINUTE;
      expect((await search(fake, { query: '#jobquality', since_id: snowflake(inside) })).status).toBe(200);
      expect((await search(fake, { query: '#jobquality', start_time: iso(inside) })).status).toBe(200);
    });

    test('posts created after the fake’s clock do not exist yet', async () => {
      const fake = await startFake();
      const later = fake.addPost({ authorId: '1001', text: 'Tomorrow #jobquality', createdAt: new Date(NOW + DAY) });
      expect(ids(await search(fake, { query: '#jobquality' }))).toEqual([]);
      clock += 2 * DAY;
      expect(ids(await search(fake, { query: '#jobquality' }))).toEqual([later]);
    });
  });

  describe('lookup by ids', () => {
    test('deleted and protected posts are reported in errors[] with a 200, in X’s words', async () => {
      const fake = await startFake();
      const [kept, deleted, hidden] = addCampaignPosts(fake, 3);
      fake.deletePost(deleted!);
      fake.protectPost(hidden!);
      const reply = await lookup(fake, { ids: [hidden, kept, deleted].join(',') });
      expect(reply.status).toBe(200);
      expect(ids(reply)).toEqual([kept]);
      expect(reply.body.errors).toEqual([
        {
          resource_id: hidden,
          parameter: 'ids',
          resource_type: 'tweet',
          section: 'data',
          title: 'Authorization Error',
          value: hidden,
          detail: `Sorry, you are not authorized to see the Tweet with ids: [${hidden}].`,
          type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
        },
        {
          value: deleted,
          detail: `Could not find tweet with ids: [${deleted}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: deleted,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        },
      ]);
      expect(ids(await search(fake, { query: '#jobquality' }))).toEqual([kept]);
    });

    test('a lookup where nothing is found has errors[] and no data', async () => {
      const fake = await startFake();
      const reply = await lookup(fake, { ids: '1111111111111111111,2222', expansions: 'author_id' });
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body)).toEqual(['errors']);
      expect(reply.body.errors.map((error: { resource_id: string }) => error.resource_id)).toEqual(['1111111111111111111', '2222']);
    });

    test('more than 100 ids, malformed ids or no ids are refused', async () => {
      const fake = await startFake();
      const hundredAndOne = Array.from({ length: 101 }, (_, i) => String(1000 + i)).join(',');
      expect((await lookup(fake, { ids: hundredAndOne })).status).toBe(400);
      expect((await lookup(fake, { ids: Array.from({ length: 100 }, (_, i) => String(1000 + i)).join(',') })).status).toBe(200);
      expect((await lookup(fake, { ids: '123,abc' })).status).toBe(400);
      expect((await lookup(fake, {})).status).toBe(400);
    });
  });

  describe('rate limits', () => {
    test('headers count down per endpoint and a spent window answers 429 until it resets', async () => {
      const fake = await startFake({ rateLimits: { search: 3, lookup: 5 } });
      const [id] = addCampaignPosts(fake, 1);
      const reset = String(Math.ceil((NOW + 15 * MINUTE) / 1000));
      const remaining: Array<string | null> = [];
      for (let i = 0; i < 3; i += 1) {
        const reply = await search(fake, { query: '#jobquality' });
        expect(reply.status).toBe(200);
        expect(reply.headers.get('x-rate-limit-limit')).toBe('3');
        expect(reply.headers.get('x-rate-limit-reset')).toBe(reset);
        remaining.push(reply.headers.get('x-rate-limit-remaining'));
        clock += MINUTE;
      }
      expect(remaining).toEqual(['2', '1', '0']);

      const limited = await search(fake, { query: '#jobquality' });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
      expect([limited.headers.get('x-rate-limit-remaining'), limited.headers.get('x-rate-limit-reset')]).toEqual(['0', reset]);

      const other = await lookup(fake, { ids: id! });
      expect([other.status, other.headers.get('x-rate-limit-limit'), other.headers.get('x-rate-limit-remaining')]).toEqual([200, '5', '4']);

      clock = NOW + 15 * MINUTE;
      const refilled = await search(fake, { query: '#jobquality' });
      expect([refilled.status, refilled.headers.get('x-rate-limit-remaining')]).toEqual([200, '2']);
    });
  });

  describe('injected faults', () => {
    test('a 429 fault carries X’s body, remaining 0 and the chosen reset', async () => {
      const fake = await startFake();
      fake.injectFault({ kind: 'status', status: 429, resetInSeconds: 120 });
      const reply = await search(fake, { query: '#jobquality' });
      expect(reply.status).toBe(429);
      expect(reply.body).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
      expect(reply.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(reply.headers.get('x-rate-limit-reset')).toBe(String(Math.ceil(NOW / 1000) + 120));
      expect((await search(fake, { query: '#jobquality' })).status).toBe(200);
    });

    test('faults apply to their endpoint after the given number of successes, as many times as asked', async () => {
      const fake = await startFake();
      const [id] = addCampaignPosts(fake, 1);
      fake.injectFault({ kind: 'status', status: 503 }, { endpoint: 'search', after: 1, times: 2 });
      fake.injectFault({ kind: 'status', status: 502 }, { endpoint: 'lookup' });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await search(fake, { query: '#jobquality' })).status);
      statuses.push((await lookup(fake, { ids: id! })).status, (await lookup(fake, { ids: id! })).status);
      expect(statuses).toEqual([200, 503, 503, 200, 502, 200]);
      const failed = fake.requests.find((request) => request.status === 503)!;
      expect(failed).toMatchObject({ method: 'GET', path: '/2/tweets/search/recent', authorized: true });
      expect(failed.query.get('query')).toBe('#jobquality');
    });

    test('server, auth and access faults answer with X-shaped problem bodies', async () => {
      const fake = await startFake();
      for (const status of [500, 502, 503, 401, 403] as const) {
        fake.injectFault({ kind: 'status', status });
        const reply = await search(fake, { query: '#jobquality' });
        expect(reply.status).toBe(status);
        expect(checkAgainstSchema(spec, 'Problem', reply.body), String(status)).toEqual([]);
      }
    });

    test('a malformed answer is a complete 200 JSON response whose body does not parse', async () => {
      const fake = await startFake();
      addCampaignPosts(fake, 3);
      fake.injectFault({ kind: 'malformed' }, { endpoint: 'any' });
      const reply = await search(fake, { query: '#jobquality' });
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(reply.text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(reply.text)).toThrow();
    });

    test('a dropped connection gets no answer at all and is recorded with status 0', async () => {
      const fake = await startFake();
      fake.injectFault({ kind: 'drop' });
      await expect(search(fake, { query: '#jobquality' })).rejects.toThrow();
      expect(fake.requests.at(-1)?.status).toBe(0);
      expect((await search(fake, { query: '#jobquality' })).status).toBe(200);
    });
  });

  describe('through twitter-api-v2', () => {
    function client(fake: FakeXServer, token = TOKEN): TwitterApiReadOnly {
      return new TwitterApi(token, {
        plugins: [
          {
            onBeforeRequestConfig({ params }) {
              params.url = params.url.replace('https://api.x.com/', `${fake.baseUrl}/`);
            },
          },
        ],
        httpAgent: new http.Agent(),
      }).readOnly;
    }

    test('the library reads a search page, with its rate limit, from the fake', async () => {
      const fake = await startFake();
      const stored = addCampaignPosts(fake, 12);
      const response = await client(fake).v2.get(
        'tweets/search/recent',
        { query: '#jobquality', max_results: 10, expansions: 'author_id', 'tweet.fields': COLLECTOR_TWEET_FIELDS, 'user.fields': COLLECTOR_USER_FIELDS },
        { fullResponse: true },
      );
      expect(response.data.data.map((post: { id: string }) => post.id)).toEqual(stored.slice(0, 10));
      expect(response.data.includes.users).toHaveLength(2);
      expect(response.rateLimit).toEqual({ limit: 450, remaining: 449, reset: Math.ceil((NOW + 15 * MINUTE) / 1000) });
      // The library asks for compression, and X compresses.
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(fake.requests[0]).toMatchObject({ path: '/2/tweets/search/recent', authorized: true, status: 200 });
    });

    test('the library sees faults the way it would see them from X', async () => {
      const fake = await startFake();
      const api = client(fake);
      fake.injectFault({ kind: 'status', status: 429, resetInSeconds: 60 });
      const limited = await api.v2.get('tweets/search/recent', { query: '#jobquality' }).catch((error: unknown) => error);
      expect(limited).toBeInstanceOf(ApiResponseError);
      expect((limited as ApiResponseError).rateLimitError).toBe(true);
      expect((limited as ApiResponseError).rateLimit?.remaining).toBe(0);

      fake.injectFault({ kind: 'malformed' });
      const malformed = await api.v2.get('tweets/search/recent', { query: '#jobquality' }).catch((error: unknown) => error);
      expect(malformed).toBeInstanceOf(ApiPartialResponseError);
      expect((malformed as Error).message).toContain('parse error');

      fake.injectFault({ kind: 'drop' });
      expect(await api.v2.get('tweets/search/recent', { query: '#jobquality' }).catch((error: unknown) => error)).toBeInstanceOf(ApiRequestError);

      const refused = await client(fake, 'revoked').v2.get('tweets', { ids: '20' }).catch((error: unknown) => error);
      expect((refused as ApiResponseError).code).toBe(401);
    });
  });
});

describe('FakeXServer: retweets, long posts, escaping, edits, usage caps and empty pages', () => {
  const RT_FIELDS = { expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id', 'tweet.fields': COLLECTOR_TWEET_FIELDS, 'user.fields': COLLECTOR_USER_FIELDS };

  test('the recorded kpop page loaded into the fake is served again with X’s text, references and counts', async () => {
    const real = recorded('x-search-recent-kpop.twarc-csv.json');
    const raw = JSON.parse(readFileSync(new URL('recorded/x-search-recent-kpop.twarc-csv.json', REFERENCE), 'utf8'));
    clock = Date.parse(raw.__twarc.retrieved_at) + MINUTE;
    const fake = track(await FakeXServer.start({ now: () => clock }));
    fake.loadRecorded(real);
    const reply = await search(fake, { query: '#kpop', max_results: '100', ...RT_FIELDS });
    expect(reply.status).toBe(200);
    // The newest 100 #kpop posts are the recorded page, in X's order, with X's escaped text and references.
    const fourCounts = ({ retweet_count, reply_count, like_count, quote_count }: Record<string, number>) => ({ retweet_count, reply_count, like_count, quote_count });
    const shape = (post: any) => ({ id: post.id, text: post.text, referenced_tweets: post.referenced_tweets, counts: fourCounts(post.public_metrics) });
    expect(reply.body.data.map(shape)).toEqual(real.data.map(shape));
    // Each retweet's counts come from its original (the fake stores none for it): so X serves them too.
    expect(real.data.filter((post: any) => post.referenced_tweets).every((post: any) => post.public_metrics.like_count === 0)).toBe(true);
    const distinct = [...new Set(real.includes.tweets.map((post: { id: string }) => post.id))].sort();
    expect(reply.body.includes.tweets.map((post: { id: string }) => post.id).sort()).toEqual(distinct);
    expect(checkAgainstSchema(spec, 'Get2TweetsSearchRecentResponse', reply.body, { strict: true })).toEqual([]);
  });

  test('a retweet carries its original’s retweet_count and no counts of its own; a quote keeps its own', async () => {
    const fake = await startFake();
    const original = fake.addPost({ authorId: '1001', text: 'Fair pay #JobQuality', createdAt: new Date(NOW - 30 * MINUTE), metrics: { like: 12, retweet: 5, reply: 2, impression: 400 } });
    const retweet = fake.addPost({ authorId: '1002', kind: 'repost', referencedId: original, text: 'RT @fair_work_org: Fair pay #JobQuality', createdAt: new Date(NOW - 10 * MINUTE), metrics: { like: 99 } });
    const quote = fake.addPost({ authorId: '1002', kind: 'quote', referencedId: original, text: 'Yes #JobQuality', createdAt: new Date(NOW - 5 * MINUTE), metrics: { like: 3, retweet: 1 } });
    const reply = await lookup(fake, { ids: [retweet, quote].join(','), ...RT_FIELDS });
    const [rt, q] = reply.body.data;
    expect(rt.public_metrics).toEqual({ retweet_count: 5, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 });
    expect(rt.referenced_tweets).toEqual([{ type: 'retweeted', id: original }]);
    expect(q.public_metrics).toMatchObject({ like_count: 3, retweet_count: 1 });
    expect(reply.body.includes.tweets).toEqual([expect.objectContaining({ id: original, public_metrics: expect.objectContaining({ like_count: 12 }) })]);
    expect(reply.body.includes.users.map((user: { id: string }) => user.id).sort()).toEqual(['1001', '1002']);
    // Search finds a retweet by its original's tags, as X does: its own text may be cut short before them.
    fake.addPost({ authorId: '1002', kind: 'repost', referencedId: original, text: 'RT @fair_work_org: Fair pay…', createdAt: new Date(NOW - 2 * MINUTE) });
    expect(ids(await search(fake, { query: '#jobquality' }))).toHaveLength(4);
  });

  test('a long post gets note_tweet only when asked for, and text stops at 280 characters', async () => {
    const fake = await startFake();
    const whole = `${'Decent work, decent pay. '.repeat(14)}#JobQuality`;
    const id = fake.addPost({ authorId: '1001', text: whole, createdAt: new Date(NOW - MINUTE) });
    const plain = (await lookup(fake, { ids: id, 'tweet.fields': COLLECTOR_TWEET_FIELDS })).body.data[0];
    expect(plain.note_tweet).toBeUndefined();
    expect(plain.text.endsWith('…')).toBe(true);
    expect(plain.text.length).toBeLessThanOrEqual(281);
    expect(plain.entities).toBeUndefined();
    const asked = await lookup(fake, { ids: id, 'tweet.fields': `${COLLECTOR_TWEET_FIELDS},note_tweet` });
    expect(asked.body.data[0].note_tweet).toEqual({ text: whole, entities: { hashtags: [expect.objectContaining({ tag: 'JobQuality' })] } });
    expect(checkAgainstSchema(spec, 'Get2TweetsResponse', asked.body, { strict: true })).toEqual([]);
    // A short post has no note, asked or not; and search reads a long post whole.
    const short = fake.addPost({ authorId: '1001', text: 'Short #JobQuality', createdAt: new Date(NOW - 2 * MINUTE) });
    expect((await lookup(fake, { ids: short, 'tweet.fields': 'note_tweet' })).body.data[0].note_tweet).toBeUndefined();
    expect(ids(await search(fake, { query: '#jobquality' }))).toEqual([id, short]);
  });

  test('text is served with &, < and > HTML-escaped, as X does, and nothing else escaped', async () => {
    const fake = await startFake();
    const id = fake.addPost({ authorId: '1001', text: 'Pay & "hours" <matter> R&amp;D #JobQuality', createdAt: new Date(NOW - MINUTE) });
    const [post] = (await lookup(fake, { ids: id })).body.data;
    expect(post.text).toBe('Pay &amp; "hours" &lt;matter&gt; R&amp;amp;D #JobQuality');
  });

  test('an edit is a new id in one chain: search serves the latest, a lookup of an old id answers with the latest', async () => {
    const fake = await startFake();
    const first = fake.addPost({ authorId: '1001', text: 'Draft #JobQuality', createdAt: new Date(NOW - 20 * MINUTE), metrics: { like: 2 } });
    const second = fake.editPost(first, 'Final #JobQuality', new Date(NOW - 10 * MINUTE));
    expect(second).toBe(snowflake(NOW - 10 * MINUTE));
    const found = await search(fake, { query: '#jobquality' });
    expect(found.body.data).toEqual([expect.objectContaining({ id: second, text: 'Final #JobQuality', edit_history_tweet_ids: [first, second] })]);
    const old = await lookup(fake, { ids: first, 'tweet.fields': COLLECTOR_TWEET_FIELDS });
    expect(old.body.data).toEqual([expect.objectContaining({ id: second, edit_history_tweet_ids: [first, second], public_metrics: expect.objectContaining({ like_count: 2 }) })]);
    expect(checkAgainstSchema(spec, 'Get2TweetsResponse', old.body, { strict: true })).toEqual([]);
    // Deleting any version deletes the whole chain.
    fake.deletePost(first);
    expect((await lookup(fake, { ids: second })).body.errors[0]).toMatchObject({ resource_id: second, title: 'Not Found Error' });
  });

  test('asked to, a lookup of an old id answers with that version and the whole chain', async () => {
    const fake = await startFake({ lookupOfEditedId: 'requested-version' });
    const first = fake.addPost({ authorId: '1001', text: 'Draft #JobQuality', createdAt: new Date(NOW - 20 * MINUTE) });
    const second = fake.editPost(first, 'Final #JobQuality');
    const old = await lookup(fake, { ids: first });
    expect(old.body.data).toEqual([expect.objectContaining({ id: first, text: 'Draft #JobQuality', edit_history_tweet_ids: [first, second] })]);
  });

  test('a spent usage cap answers 429 UsageCapExceeded while the rate-limit headers still show quota', async () => {
    const fake = await startFake();
    fake.injectFault({ kind: 'usage-cap', period: 'Monthly' });
    const reply = await search(fake, { query: '#jobquality' });
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({
      title: 'UsageCapExceeded',
      period: 'Monthly',
      scope: 'Product',
      detail: 'Usage cap exceeded: Monthly product cap',
      type: 'https://api.twitter.com/2/problems/usage-capped',
    });
    expect(checkAgainstSchema(spec, 'UsageCapExceededProblem', reply.body, { strict: true })).toEqual([]);
    expect(Number(reply.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
  });

  test('an empty page may still carry a next_token, which continues where that page would have started', async () => {
    const fake = await startFake();
    const stored = addCampaignPosts(fake, 15);
    fake.injectFault({ kind: 'empty-page' }, { endpoint: 'search' });
    const empty = await search(fake, { query: '#jobquality' });
    expect(empty.body).toEqual({ meta: { result_count: 0, next_token: expect.stringMatching(/^[a-z0-9]{45}$/) } });
    expect(checkAgainstSchema(spec, 'Get2TweetsSearchRecentResponse', empty.body, { strict: true })).toEqual([]);
    const next = await search(fake, { query: '#jobquality', next_token: empty.body.meta.next_token });
    expect(ids(next)).toEqual(stored.slice(0, 10));
  });
});
