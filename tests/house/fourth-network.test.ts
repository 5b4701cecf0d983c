// The network seam: a fourth network, registered in core/networks.ts with its adapter factory and
// nothing else, flows through collection, the store, the dashboard API and the weekly report.
// "Fedi+" is invented for this test, so its tiny fake server speaks a wire format of its own.
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../cli/config.js';
import type { CollectedPage, NetworkAdapter, RefreshedBatch } from '../../collector/adapter.js';
import { registerAdapterFactory, unregisterAdapterFactory } from '../../collector/build-adapters.js';
import { collectOnce } from '../../collector/collect-once.js';
import { registerNetwork, unregisterNetwork } from '../../core/networks.js';
import type { NormalizedPost } from '../../core/types.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { closeLoopbackServer, startLoopbackServer } from '../../fakes/loopback-server.js';
import { askJson } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const NETWORK = 'fediplus';
const NY = 'America/New_York';
// Wednesday 25 November 2026: the last complete week is 16–22 November (2026-W47).
const NOW = Date.parse('2026-11-25T17:00:00Z');

interface FediplusPost {
  id: string;
  at: string;
  by: { id: string; handle: string; fans: number };
  body: string;
  tags: string[];
  hearts: number;
  echoes: number;
  answers: number;
}

/** Fedi+'s wire format: GET /v1/tag/<tag>?after=<id> answers the posts newer than `after`, oldest first. */
const FEED: FediplusPost[] = [
  { id: '1', at: '2026-11-17T14:00:00Z', by: { id: 'u1', handle: 'ana', fans: 300 }, body: 'Good jobs need fair hours #jobquality', tags: ['jobquality'], hearts: 10, echoes: 4, answers: 2 },
  { id: '2', at: '2026-11-18T09:30:00Z', by: { id: 'u2', handle: 'ben', fans: 120 }, body: 'Pay transparency now #jobquality #fairwork', tags: ['jobquality', 'fairwork'], hearts: 5, echoes: 1, answers: 0 },
  { id: '3', at: '2026-11-19T20:15:00Z', by: { id: 'u1', handle: 'ana', fans: 300 }, body: 'Our survey results #jobquality', tags: ['jobquality'], hearts: 7, echoes: 9, answers: 3 },
];

let server: http.Server;
let baseUrl: string;
const requests: string[] = [];

function toNormalized(post: FediplusPost): NormalizedPost {
  return {
    network: NETWORK,
    networkId: post.id,
    refreshRef: post.id,
    url: `${baseUrl}/p/${post.id}`,
    createdAt: Date.parse(post.at),
    text: post.body,
    lang: null,
    kind: 'original',
    hashtags: post.tags,
    links: [],
    author: { networkId: post.by.id, username: post.by.handle, displayName: null, followers: post.by.fans, verified: null },
    // Echoes are reported but, like Mastodon's quotes, left out of Fedi+'s engagement formula below.
    metrics: { likes: post.hearts, reposts: post.echoes, replies: post.answers, quotes: null, bookmarks: null, impressions: null },
  };
}

/** The adapter a contributor would write in collector/networks/fediplus/: the only code that knows Fedi+'s JSON. */
function createFediplusAdapter(): NetworkAdapter {
  return {
    network: NETWORK,
    refreshBatchSize: 50,
    async *collect(ctx): AsyncIterable<CollectedPage> {
      for (const tag of ctx.hashtags) {
        const after = (ctx.checkpoint(tag) as { after?: string } | undefined)?.after ?? '0';
        const response = await fetch(`${baseUrl}/v1/tag/${tag}?after=${after}`, { signal: AbortSignal.timeout(5_000) });
        ctx.meter.requests += 1;
        const body = (await response.json()) as { posts: FediplusPost[] };
        ctx.meter.postsRead += body.posts.length;
        const newest = body.posts.at(-1)?.id ?? after;
        yield { posts: body.posts.map(toNormalized), checkpoint: { scope: tag, state: { after: newest } } };
      }
    },
    async *refresh(): AsyncIterable<RefreshedBatch> {
      // Fedi+ counts never change in this test.
    },
  };
}

let db: Db;

beforeAll(async () => {
  server = await startLoopbackServer(
    (req, res) => {
      requests.push(req.url ?? '');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/v1\/tag\/([a-z0-9]+)$/.exec(url.pathname);
      if (!match) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"problem":"no such route"}');
        return;
      }
      const after = Number(url.searchParams.get('after') ?? '0');
      const posts = FEED.filter((post) => post.tags.includes(match[1]!) && Number(post.id) > after);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ posts }));
    },
    (message) => ({ contentType: 'application/json', body: JSON.stringify({ problem: message }) }),
  );
  const address = server.address() as { port: number };
  baseUrl = `http://127.0.0.1:${address.port}`;

  registerNetwork({
    id: NETWORK,
    label: 'Fedi+',
    collection: { engagementComponents: ['likes', 'replies'], reportsImpressions: false, backfillLimitMs: null },
    postLimit: 400,
    lengthCounting: 'characters',
    shareIntent: { kind: 'fixed', url: 'https://fediplus.example/share?text={text}' },
  });
  registerAdapterFactory({ network: NETWORK, skipReason: () => null, create: createFediplusAdapter });

  db = openDatabase(':memory:');
  const config = loadConfig({ MASTODON_INSTANCES: '', TRACK_HASHTAGS: 'jobquality' });
  const runs = await collectOnce(config, db, captureLogger().log, { refresh: 'none' });
  expect(runs.find((run) => run.network === NETWORK)?.status).toBe('ok');
});

afterAll(async () => {
  db.close();
  unregisterAdapterFactory(NETWORK);
  unregisterNetwork(NETWORK);
  await closeLoopbackServer(server);
});

describe('a fourth network registered in core', () => {
  test('is collected through its own adapter, with the checkpoint it saved used on the next run', async () => {
    const before = requests.length;
    const config = loadConfig({ MASTODON_INSTANCES: '', TRACK_HASHTAGS: 'jobquality' });
    const [run] = await collectOnce(config, db, captureLogger().log, { refresh: 'none', networks: [NETWORK] });
    expect(run).toMatchObject({ network: NETWORK, status: 'ok', postsNew: 0 });
    expect(requests.slice(before)).toEqual(['/v1/tag/jobquality?after=3']);
  });

  test('appears in the dashboard API with its label and its own engagement formula', async () => {
    const { app } = testDashboard({ db, hashtags: ['jobquality'], timeZone: NY, enabledNetworks: [NETWORK], now: () => NOW });
    const networks = await askJson<{ networks: Array<Record<string, unknown>> }>(app, '/api/networks?from=2026-11-16&to=2026-11-22');
    // Engagements are hearts + answers only: 10+2, 5+0, 7+3.
    expect(networks.networks.find((row) => row['network'] === NETWORK)).toMatchObject({ posts: 3, contributors: 2, engagements: 27, impressions: null });

    const summary = await askJson<{ current: Record<string, unknown> }>(app, `/api/summary?from=2026-11-16&to=2026-11-22&network=${NETWORK}`);
    expect(summary.current).toMatchObject({ engagements: 27, contributors: 2, potentialReach: 420, impressions: null });

    const status = await askJson<{ networks: Array<Record<string, unknown>> }>(app, '/api/status');
    expect(status.networks.find((row) => row['network'] === NETWORK)).toMatchObject({ enabled: true, posts: 3 });
  });

  test('has its own row, by label, in the weekly report', async () => {
    const report = await generateWeeklyReport({ db, timeZone: NY, hashtags: ['jobquality'], now: NOW });
    expect(report.week.label).toBe('2026-W47');
    const markdown = renderMarkdown(report);
    expect(markdown).toMatch(/\*\*Fedi\+:\*\* 3 posts.*2 contributors, 27 engagements/);
  });
});
