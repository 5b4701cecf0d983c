// The API contract (dashboard/contract/) against the real server: every endpoint is asked over a
// seeded campaign, with and without network and hashtag filters, and each answer is checked against
// its schema by the test dashboard (tests/helpers/test-dashboard.ts). The checker itself is shown to
// catch an answer that drifts: a missing field, an extra one, an endpoint with no schema, a download
// whose columns moved, an error of another shape.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { networkById, networkLabel, registerNetwork, unregisterNetwork } from '../../core/networks.js';
import { API_DOWNLOADS } from '../../dashboard/contract/downloads.js';
import { API_ANSWERS, type StatusResponse } from '../../dashboard/contract/index.js';
import { insertAlert } from '../../db/alerts.js';
import { loadCampaignShareables, type CampaignShareables } from '../../shareables/campaign-shareables.js';
import { postsSurgeAlert } from '../helpers/sample-alert.js';
import { seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { holdToContract, testDashboard } from '../helpers/test-dashboard.js';

const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Every endpoint, once with each of its own parameters that changes the answer's shape. */
const ENDPOINTS = [
  '/api/summary',
  '/api/timeseries?metric=posts',
  '/api/timeseries?metric=impressions&interval=hour',
  '/api/timeseries?metric=potential_reach&interval=week',
  '/api/top-posts?by=engagements',
  '/api/top-posts?by=impressions&limit=5&offset=2',
  '/api/top-contributors?by=reach',
  '/api/networks',
  '/api/hashtags',
  '/api/coverage',
  '/api/alerts',
  '/api/moments',
  '/api/share-of-voice',
  '/api/share-of-voice?interval=week',
  '/api/amplifiers?by=ready_made',
  '/api/status',
  '/api/shareables',
  '/api/reports',
  '/api/posts.csv',
  '/api/posts.xlsx',
  '/api/share-of-voice.csv',
  '/api/amplifiers.csv',
  '/api/share-of-voice.xlsx',
  '/api/amplifiers.xlsx',
];

/** The common filters: none, one network, two, a hashtag, both kinds. */
const FILTERS = ['', 'network=bluesky', 'network=x&network=mastodon', 'hashtag=fairwork', 'network=x&hashtag=jobquality'];

const withFilter = (path: string, filter: string) => (filter === '' ? path : `${path}${path.includes('?') ? '&' : '?'}${filter}`);
const pathOf = (endpoint: string) => endpoint.split('?')[0]!;

let seed: SeededDatabase;
let reportsDir: string;
let app: Hono;

/** The sample content file with one campaign moment three days before the seed's end. */
function shareablesWithMoment(now: number): CampaignShareables {
  const shareables = loadCampaignShareables(SAMPLE, seed.hashtags);
  const moment = { at: new Date(now - 3 * DAY).toISOString(), what: 'Launch of the care report', network: 'all' };
  return { ...shareables, content: { ...shareables.content, moments: [moment] } };
}

beforeAll(() => {
  seed = seedDatabase();
  reportsDir = mkdtempSync(join(tmpdir(), 'jq-contract-reports-'));
  writeFileSync(join(reportsDir, '2026-W44.html'), '<!doctype html><title>W44</title>');
  writeFileSync(join(reportsDir, '2026-W44.json'), '{"week":"2026-W44"}');
  const hourStart = Math.floor((seed.now - DAY) / HOUR) * HOUR;
  insertAlert(seed.db, postsSurgeAlert(hourStart));
  ({ app } = testDashboard({
    db: seed.db,
    hashtags: seed.hashtags,
    timeZone: seed.timeZone,
    reportsDir,
    enabledNetworks: ['x', 'mastodon'],
    now: () => seed.now,
    shareables: shareablesWithMoment(seed.now),
    // A comparator the seed's campaign posts carry as a co-tag: share of voice has overlap to show.
    intelligence: { compareHashtags: ['livingwage'], accountMap: null },
  }));
});

afterAll(() => {
  seed.db.close();
  rmSync(reportsDir, { recursive: true, force: true });
});

describe('API contract', () => {
  test('the endpoints asked here are every endpoint the contract declares', () => {
    expect(new Set(ENDPOINTS.map(pathOf))).toEqual(new Set([...Object.keys(API_ANSWERS), ...Object.keys(API_DOWNLOADS)]));
  });

  describe.each(FILTERS)('with filters "%s"', (filter) => {
    test.each(ENDPOINTS)('%s answers 200 within its contract', async (endpoint) => {
      const path = withFilter(endpoint, filter);
      const response = await app.request(path);
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    });
  });

  test('the unfiltered answers carry rows, so the schemas are checked on real data', async () => {
    const json = async (path: string) => (await app.request(path)).json() as Promise<Record<string, unknown[]>>;
    const lists: Array<[string, string]> = [
      ['/api/timeseries?metric=posts', 'points'],
      ['/api/top-posts', 'posts'],
      ['/api/top-contributors', 'contributors'],
      ['/api/networks', 'networks'],
      ['/api/hashtags', 'hashtags'],
      ['/api/coverage', 'days'],
      ['/api/alerts', 'alerts'],
      ['/api/moments', 'moments'],
      ['/api/share-of-voice', 'voices'],
      ['/api/amplifiers', 'amplifiers'],
      ['/api/status', 'networks'],
      ['/api/shareables', 'shareables'],
      ['/api/reports', 'reports'],
    ];
    for (const [path, key] of lists) expect((await json(path))[key]!.length, `${path} ${key}`).toBeGreaterThan(0);
  });

  test('refused questions answer the one error body', async () => {
    expect((await app.request('/api/timeseries')).status).toBe(400);
    expect((await app.request('/api/top-posts?limit=1000')).status).toBe(400);
    expect((await app.request('/api/no-such-thing')).status).toBe(404);
  });

  test('each network in the status names itself with the registry label', async () => {
    const status = (await (await app.request('/api/status')).json()) as StatusResponse;
    expect(status.networks.map((entry) => [entry.network, entry.label])).toEqual(status.networks.map((entry) => [entry.network, networkLabel(entry.network)]));
    expect(status.networks.find((entry) => entry.network === 'x')?.label).toBe('X');
  });

  test('a network registered later is named in the status by its own label, within the contract', async () => {
    // Like Bluesky in what it reports; an id with a digit and a dash, as the registry allows.
    registerNetwork({ ...networkById('bluesky'), id: 'fedi-2', label: 'Fedi Two' });
    try {
      const status = (await (await app.request('/api/status')).json()) as StatusResponse;
      expect(status.networks.find((entry) => entry.network === 'fedi-2')).toMatchObject({ label: 'Fedi Two', enabled: false, lastRun: null, posts: 0 });
    } finally {
      unregisterNetwork('fedi-2');
    }
  });
});

describe('the contract check', () => {
  /** A server that answers `path` with `body` (status `status`), held to the contract like the test dashboard. */
  function answering(path: string, body: unknown, status = 200): Hono {
    const fake = new Hono();
    fake.get(path, (c) => c.json(body as object, status as 200));
    holdToContract(fake);
    return fake;
  }

  const realAnswer = async (path: string) => (await app.request(path)).json() as Promise<Record<string, unknown>>;

  test('an answer missing a field fails with its path and the field', async () => {
    const status = (await realAnswer('/api/status')) as unknown as StatusResponse;
    const withoutLabel = { ...status, networks: status.networks.map(({ label: _label, ...rest }) => rest) };
    await expect(answering('/api/status', withoutLabel).request('/api/status')).rejects.toThrow(/\/api\/status: its answer breaks the contract[\s\S]*networks\[0\]\.label/);
  });

  test('an answer with a field the contract does not declare fails', async () => {
    const summary = await realAnswer('/api/summary');
    await expect(answering('/api/summary', { ...summary, surprise: 1 }).request('/api/summary')).rejects.toThrow(/\/api\/summary[\s\S]*surprise/);
  });

  test('a value of the wrong kind fails (a count as text)', async () => {
    const networks = (await realAnswer('/api/networks')) as { networks: Array<Record<string, unknown>> };
    const broken = { networks: networks.networks.map((row) => ({ ...row, posts: String(row.posts) })) };
    await expect(answering('/api/networks', broken).request('/api/networks')).rejects.toThrow(/networks\[0\]\.posts/);
  });

  test('a JSON endpoint with no schema fails, naming where to add one', async () => {
    await expect(answering('/api/sentiment', { share: 0.4 }).request('/api/sentiment')).rejects.toThrow(/no schema for it: add one to API_ANSWERS/);
  });

  test('an error of another shape than the error body fails', async () => {
    await expect(answering('/api/summary', { message: 'broken' }, 500).request('/api/summary')).rejects.toThrow(/its 500 error body breaks the contract/);
  });

  test('a CSV download whose columns moved fails', async () => {
    const fake = new Hono();
    fake.get('/api/posts.csv', (c) => c.body('\uFEFFid,network,url\r\n1,x,https://x.com/1\r\n', 200, { 'Content-Type': 'text/csv; charset=utf-8' }));
    holdToContract(fake);
    await expect(fake.request('/api/posts.csv')).rejects.toThrow(/\/api\/posts\.csv: its header row breaks the contract/);
  });
});
