// X numbers that hold on the real network, through the real collector against the fake X API:
// retweets counted once per original, long and escaped text, edit chains, the usage cap, and empty
// pages that still carry a next_token.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import type { Config } from '../../cli/config.js';
import { collectOnce } from '../../collector/collect-once.js';
import { engagementsOf } from '../../core/metrics.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { getCheckpoint } from '../../db/checkpoints.js';
import { getKpis } from '../../db/analytics.js';
import { getGainedSeries } from '../../db/analytics-series.js';
import { getTopContributors, getTopPosts } from '../../db/analytics-top.js';
import { currentUsageCap } from '../../db/status.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { makePost, reading } from '../helpers/posts.js';
import { createDashboardServer } from '../../dashboard/server/server.js';
import type { FakeXServer, FakeXServerOptions } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { FAIR_WORK_ORG, SHIFT_WORKER, startFakeXCollection, type FakeXCollection } from '../helpers/fake-x-collection.js';
import { referenceUrl } from '../helpers/reference.js';

const TOKEN = 'x-numbers-secret-bearer-4417';
const FAST = { baseDelayMs: 5, maxDelayMs: 20 };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const X_ONLY = { networks: ['x'] as const, hashtag: null };

let x: FakeXServer;
let db: Db;
const started: Array<{ close(): Promise<void>; config: FakeXCollection['config'] }> = [];

async function start(options: FakeXServerOptions = {}): Promise<void> {
  const unionRep = { id: '300', username: 'union_rep', name: 'Union Rep', followers: 40 };
  const setup = await startFakeXCollection({
    token: TOKEN,
    users: [FAIR_WORK_ORG, SHIFT_WORKER, unionRep],
    folderPrefix: 'jq-x-numbers-',
    server: options,
    baseEnv: { RATE_LIMIT_MAX_WAIT_SECONDS: '5' },
  });
  started.push(setup);
  ({ x, db } = setup);
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((setup) => setup.close()));
});

const config = (env: Record<string, string> = {}): Config => started.at(-1)!.config(env);

const collect = (refresh: 'none' | 'all' = 'none', env: Record<string, string> = {}, log = captureLogger().log) =>
  collectOnce(config(env), db, log, { refresh, retryPolicy: FAST });

const ago = (ms: number) => new Date(Date.now() - ms);
const everything = { start: 0, end: Date.now() + DAY };

interface Row {
  network_id: string;
  kind: string;
  text: string | null;
  likes: number | null;
  reposts: number | null;
  impressions: number | null;
  refresh_ref: string;
  url: string;
  repost_of: string | null;
}

const rows = () =>
  db
    .prepare(
      `SELECT p.network_id, p.kind, p.text, p.likes, p.reposts, p.impressions, p.refresh_ref, p.url, o.network_id AS repost_of
       FROM posts p LEFT JOIN posts o ON o.id = p.repost_of_post_id ORDER BY p.created_at, p.id`,
    )
    .all() as Row[];
const row = (networkId: string) => rows().find((r) => r.network_id === networkId);
const snapshotsOf = (networkId: string) =>
  db.prepare('SELECT count(*) FROM metric_snapshots s JOIN posts p ON p.id = s.post_id WHERE p.network_id = ?').pluck().get(networkId) as number;

describe('X retweets are amplification', () => {
  test('the recorded kpop page served again counts each original once, with the originals on top', async () => {
    const recording = JSON.parse(readFileSync(new URL('x-api/recorded/x-search-recent-kpop.twarc-csv.json', referenceUrl('')), 'utf8'));
    // The fake's clock is the moment of the recording, so its 7-day window is the one X searched.
    await start({ now: () => Date.parse(recording.__twarc.retrieved_at) + MINUTE });
    x.loadRecorded(recording);
    const [run] = await collect('none', { TRACK_HASHTAGS: 'kpop' });
    expect(run).toMatchObject({ status: 'ok' });

    // What the page says, computed straight from the recording: counted post by post (as before) and once per original.
    type Tweet = { id: string; referenced_tweets?: Array<{ type: string }>; public_metrics: Record<string, number> };
    const counts = (tweet: Tweet) => ({ likes: tweet.public_metrics.like_count, reposts: tweet.public_metrics.retweet_count, replies: tweet.public_metrics.reply_count, quotes: tweet.public_metrics.quote_count });
    const isRetweet = (tweet: Tweet) => (tweet.referenced_tweets ?? []).some((ref) => ref.type === 'retweeted');
    const postByPost = (recording.data as Tweet[]).reduce((sum, tweet) => sum + engagementsOf('x', counts(tweet)), 0);
    const originals = new Map<string, Tweet>();
    for (const tweet of [...(recording.data as Tweet[]), ...(recording.includes.tweets as Tweet[])]) if (!isRetweet(tweet)) originals.set(tweet.id, tweet);
    const oncePerOriginal = [...originals.values()].reduce((sum, tweet) => sum + engagementsOf('x', counts(tweet)), 0);
    expect([postByPost, originals.size, oncePerOriginal]).toEqual([82_870, 43, 68_325]);

    const kpis = getKpis(db, everything, X_ONLY);
    expect(kpis.engagements).toBe(oncePerOriginal);
    expect(kpis.posts).toEqual({ total: 121, original: 43, reply: 0, quote: 0, repost: 78 });
    // The people who amplified still count, each once.
    const authors = new Set([...recording.data, ...recording.includes.tweets].map((tweet: { author_id: string }) => tweet.author_id));
    expect(kpis.contributors).toBe(authors.size);

    // The growth charts (gains from snapshots) add up to the same once-per-original total.
    expect(getGainedSeries(db, [everything], X_ONLY).engagements).toEqual([oncePerOriginal]);
    const top = getTopPosts(db, everything, X_ONLY, { by: 'engagements', limit: 5, offset: 0 });
    const best = [...originals.values()].sort((a, b) => engagementsOf('x', counts(b)) - engagementsOf('x', counts(a))).slice(0, 5);
    expect(top.posts.map((post) => [post.id, post.kind, post.engagements])).toEqual(best.map((tweet) => [tweet.id, 'original', engagementsOf('x', counts(tweet))]));

    // Every retweet is a repost linked to its original, with no counts or snapshots of its own.
    const reposts = rows().filter((r) => r.kind === 'repost');
    expect(reposts).toHaveLength(78);
    for (const repost of reposts) {
      expect(repost).toMatchObject({ likes: null, reposts: null, impressions: null, repost_of: expect.any(String) });
      expect(snapshotsOf(repost.network_id)).toBe(0);
    }
    const asked = x.requests.find((request) => request.path === '/2/tweets/search/recent')!.query;
    expect(asked.get('expansions')!.split(',')).toEqual(expect.arrayContaining(['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id']));
    expect(asked.get('tweet.fields')!.split(',')).toContain('note_tweet');
  });

  test('an original the search did not return is kept once with its own counts, and its retweets add none', async () => {
    await start();
    // Eight days old: outside recent search, yet retweeted today.
    const original = x.addPost({ authorId: '100', text: 'Secure hours are #JobQuality', createdAt: ago(8 * DAY), metrics: { like: 40, retweet: 2, reply: 3, quote: 1, bookmark: 4, impression: 900 } });
    const first = x.addPost({ authorId: '200', kind: 'repost', referencedId: original, text: 'RT @fairwork_org: Secure hours are #JobQuality', createdAt: ago(20 * MINUTE) });
    const second = x.addPost({ authorId: '300', kind: 'repost', referencedId: original, text: 'RT @fairwork_org: Secure hours are #JobQuality', createdAt: ago(10 * MINUTE) });
    const quote = x.addPost({ authorId: '300', kind: 'quote', referencedId: original, text: 'This, exactly #JobQuality', createdAt: ago(5 * MINUTE), metrics: { like: 6, retweet: 1 } });
    const [run] = await collect();
    expect(run).toMatchObject({ status: 'ok', postsNew: 4 });
    expect(row(original)).toMatchObject({ kind: 'original', likes: 40, reposts: 2, impressions: 900, repost_of: null });
    for (const id of [first, second]) expect(row(id)).toMatchObject({ kind: 'repost', likes: null, reposts: null, impressions: null, repost_of: original });
    // A quote post is a post of its own, with its own counts.
    expect(row(quote)).toMatchObject({ kind: 'quote', likes: 6, reposts: 1, repost_of: null });

    const kpis = getKpis(db, everything, X_ONLY);
    expect(kpis.engagements).toBe(40 + 2 + 3 + 1 + 4 + (6 + 1));
    expect(kpis.impressions).toBe(900);
    expect(kpis.posts).toMatchObject({ original: 1, quote: 1, repost: 2 });
    // Those who amplified are contributors with their reach, but earn no engagements.
    const people = getTopContributors(db, everything, X_ONLY, { by: 'posts', limit: 10 });
    expect(people.find((person) => person.username === 'shiftworker')).toMatchObject({ posts: 1, engagements: 0 });
    expect(kpis.potentialReach).toBe(1200 + 80 + 40);

    // A refresh re-reads the original's own counts; the reposts stay without counts.
    x.setMetrics(original, { like: 55 });
    const [refreshed] = await collect('all');
    expect(refreshed).toMatchObject({ status: 'ok', postsNew: 0 });
    expect(row(original)).toMatchObject({ likes: 55 });
    expect(row(first)).toMatchObject({ likes: null, reposts: null, repost_of: original });
    expect(getKpis(db, everything, X_ONLY).engagements).toBe(55 + 2 + 3 + 1 + 4 + (6 + 1));
  });
});

describe('X text', () => {
  test('a long post is stored with its whole text, asked for as note_tweet', async () => {
    await start();
    const whole = `Good jobs mean ${'predictable hours, fair pay and a voice at work; '.repeat(8)}#JobQuality #LongRead`;
    const id = x.addPost({ authorId: '100', text: whole, createdAt: ago(5 * MINUTE) });
    await collect();
    expect(row(id)!.text).toBe(whole);
    const stored = db.prepare("SELECT tag FROM post_hashtags h JOIN posts p ON p.id = h.post_id WHERE p.network_id = ? ORDER BY tag").pluck().all(id);
    // The tags after the first 280 characters are only in the note's entities.
    expect(stored).toEqual(['jobquality', 'longread']);
  });

  test('what the author typed is stored, not X’s HTML escaping of &, < and >', async () => {
    await start();
    const typed = 'Pay & hours <both> matter; R&amp;D staff too #JobQuality';
    const id = x.addPost({ authorId: '100', text: typed, createdAt: ago(5 * MINUTE) });
    await collect();
    expect(row(id)!.text).toBe(typed);
  });
});

describe('X edits', () => {
  test('an edited post stays one post with its latest text and counts', async () => {
    await start();
    const first = x.addPost({ authorId: '100', text: 'Job quality matters #JobQuality', createdAt: ago(30 * MINUTE), metrics: { like: 3 } });
    await collect();
    const latest = x.editPost(first, 'Job quality matters to everyone #JobQuality #FairWork', ago(20 * MINUTE));
    x.setMetrics(latest, { like: 9 });
    const [run] = await collect();
    expect(run).toMatchObject({ status: 'ok', postsNew: 0, postsUpdated: 1 });
    expect(rows()).toHaveLength(1);
    expect(row(first)).toMatchObject({ text: 'Job quality matters to everyone #JobQuality #FairWork', likes: 9, refresh_ref: latest, url: expect.stringContaining(`/status/${latest}`) });
    const tags = db.prepare('SELECT tag FROM post_hashtags ORDER BY tag').pluck().all();
    expect(tags).toEqual(['fairwork', 'jobquality']);
    expect(getKpis(db, everything, X_ONLY).posts.total).toBe(1);
  });

  for (const mode of ['latest', 'requested-version'] as const) {
    test(`a refresh that meets an older version id follows the chain (lookup answers the ${mode} version)`, async () => {
      await start({ lookupOfEditedId: mode });
      const first = x.addPost({ authorId: '100', text: 'Draft #JobQuality', createdAt: ago(40 * MINUTE), metrics: { like: 1 } });
      await collect();
      // Edited twice after collection, and no new search pass has seen it: only the refresh can.
      const second = x.editPost(first, 'Second go #JobQuality', ago(30 * MINUTE));
      const third = x.editPost(second, 'Final words #JobQuality', ago(25 * MINUTE));
      x.setMetrics(third, { like: 12 });
      const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'all', collectNew: false, retryPolicy: FAST });
      expect(run).toMatchObject({ status: 'ok', postsUpdated: 1, postsRemoved: 0 });
      expect(rows()).toEqual([expect.objectContaining({ network_id: first, text: 'Final words #JobQuality', likes: 12, refresh_ref: third })]);
    });
  }
});

describe('X edits in the store', () => {
  test('a version older than the one stored, met again later, changes nothing', () => {
    db = openDatabase(':memory:');
    onTestFinished(() => void db.close());
    const store = (refreshRef: string, chain: string[], text: string, likes: number) => {
      const post = makePost('11', { refreshRef, editHistoryIds: chain, text, metrics: reading({ likes }) });
      return storeCollectedPost(db, { post, authorId: upsertAuthor(db, 'x', post.author, 1), matchedHashtags: ['jobquality'], now: 1, nextRefreshAt: null });
    };
    expect(store('13', ['11', '12', '13'], 'latest', 9)).toBe('new');
    // The old version, served with the whole chain or with the chain as it stood then.
    expect(store('11', ['11', '12', '13'], 'first', 1)).toBe('unchanged');
    expect(store('12', ['11', '12'], 'second', 2)).toBe('unchanged');
    expect(db.prepare('SELECT network_id, refresh_ref, text, likes FROM posts').all()).toEqual([{ network_id: '11', refresh_ref: '13', text: 'latest', likes: 9 }]);
  });
});

describe('X usage cap', () => {
  test('a spent usage cap stops X at once without waiting or retrying, and status says so', async () => {
    await start();
    for (let i = 0; i < 150; i += 1) x.addPost({ authorId: '100', text: `Post ${i} #JobQuality`, createdAt: ago((160 - i) * MINUTE) });
    x.injectFault({ kind: 'usage-cap', period: 'Monthly' }, { endpoint: 'search', after: 1 });
    const logs = captureLogger();
    const [run] = await collect('none', {}, logs.log);
    expect(run).toMatchObject({ status: 'failed', postsNew: 100, rateLimitPauses: 0, usageCapPeriod: 'Monthly' });
    expect(run!.error).toContain("x plan's monthly usage cap was reached");
    expect(run!.error).toContain('Usage cap exceeded: Monthly product cap');
    // One request met the cap and nothing was asked after it, though its headers still showed quota.
    const searches = x.requests.filter((request) => request.path === '/2/tweets/search/recent');
    expect(searches.map((request) => request.status)).toEqual([200, 429]);
    expect(x.requests.filter((request) => request.path === '/2/tweets')).toHaveLength(0);
    expect(logs.text()).not.toContain('rate-limited');
    expect(currentUsageCap(db, 'x')).toEqual({ at: run!.startedAt, period: 'Monthly' });

    const { app } = createDashboardServer({ db, hashtags: ['jobquality'], timeZone: 'UTC', staticDir: null, reportsDir: null, demo: false, log: captureLogger().log, enabledNetworks: ['x'] });
    const status = (await (await app.request('/api/status')).json()) as { networks: Array<{ network: string; lastRun: { usageCapPeriod: string | null; error: string } }> };
    expect(status.networks.find((network) => network.network === 'x')!.lastRun).toMatchObject({ usageCapPeriod: 'Monthly', error: run!.error });
    // The bearer token is in no log line, run row or API answer.
    expect(logs.text()).not.toContain(TOKEN);
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    const csv = await (await app.request('/api/posts.csv?from=2020-01-01')).text();
    expect(csv.split('\r\n').length).toBeGreaterThan(100);
    expect(csv).not.toContain(TOKEN);
    expect(JSON.stringify(db.prepare('SELECT * FROM collection_runs').all())).not.toContain(TOKEN);

    // The next run resumes the unfinished range once the cap is lifted, and the cap no longer shows.
    const [next] = await collect();
    expect(next).toMatchObject({ status: 'ok', postsNew: 50, usageCapPeriod: null });
    expect(currentUsageCap(db, 'x')).toBeNull();
  });
});

describe('X usage cap during a refresh', () => {
  test('a cap met while re-reading counts stops the refresh at once and keeps what was stored', async () => {
    await start();
    const id = x.addPost({ authorId: '100', text: 'Counts #JobQuality', createdAt: ago(90 * MINUTE), metrics: { like: 4 } });
    await collect();
    x.setMetrics(id, { like: 8 });
    x.injectFault({ kind: 'usage-cap', period: 'Daily' }, { endpoint: 'lookup' });
    const [run] = await collectOnce(config(), db, captureLogger().log, { refresh: 'all', collectNew: false, retryPolicy: FAST });
    expect(run).toMatchObject({ status: 'failed', usageCapPeriod: 'Daily', requests: 1, postsUpdated: 0 });
    expect(run!.error).toContain("x plan's daily usage cap was reached");
    expect(row(id)).toMatchObject({ likes: 4 });
  });
});

describe('X empty pages', () => {
  test('an empty page that still carries a next_token neither ends the pass nor moves the checkpoint', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 250; i += 1) ids.unshift(x.addPost({ authorId: '200', text: `Post ${i} #JobQuality`, createdAt: ago((260 - i) * MINUTE) }));
    // An empty first page, and another between pages two and three.
    x.injectFault({ kind: 'empty-page' }, { endpoint: 'search' });
    x.injectFault({ kind: 'empty-page' }, { endpoint: 'search', after: 2 });
    const [run] = await collect();
    expect(run).toMatchObject({ status: 'ok', postsNew: 250, requests: 5 });
    expect(getCheckpoint(db, 'x', '#jobquality')).toEqual({ sinceId: ids[0], pass: null });
  });

  test('an interrupted pass whose last answer was an empty page resumes from the last stored page', async () => {
    await start();
    const ids: string[] = [];
    for (let i = 0; i < 150; i += 1) ids.unshift(x.addPost({ authorId: '200', text: `Post ${i} #JobQuality`, createdAt: ago((160 - i) * MINUTE) }));
    x.injectFault({ kind: 'empty-page' }, { endpoint: 'search', after: 1 });
    x.injectFault({ kind: 'status', status: 429, resetInSeconds: 900 }, { endpoint: 'search', after: 1 });
    const [limited] = await collect();
    expect(limited).toMatchObject({ status: 'rate_limited', postsNew: 100 });
    expect(getCheckpoint(db, 'x', '#jobquality')).toEqual({ sinceId: null, pass: { newestId: ids[0], untilId: ids[99], sinceId: null } });
    const [resumed] = await collect();
    expect(resumed).toMatchObject({ status: 'ok', postsNew: 50 });
  });
});
