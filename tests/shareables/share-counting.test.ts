// The action page's counting beacons on the tracker: POST /c/<shareable>/<network> counts a copy and
// POST /s/<shareable>/<network> a share through the phone's share menu, per shareable, network and
// local day, with nothing about the person; /api/shareables reports them with the staff warnings.
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { recordShareClick } from '../../db/shareable-adoption.js';
import { dashboardForVisitors, pressAsNewVisitor } from '../helpers/action-page-visitors.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { BAKERY, sampleShareables as shareables } from '../helpers/sample-shareables.js';

const NY = 'America/New_York';

let db: Db;
let logs: ReturnType<typeof captureLogger>;
const clock = DateTime.fromISO('2026-11-03T12:00:00', { zone: NY }).toMillis();

/** The dashboard at 12:00 on 3 November in New York, logging into `logs`. */
const server = (publicBaseUrl: string | null = null) => dashboardForVisitors({ db, log: logs.log, timeZone: NY, now: () => clock, publicBaseUrl });

const rows = () => db.prepare('SELECT shareable_id AS shareableId, network, day, clicks, copies FROM share_clicks ORDER BY shareable_id, network').all();

beforeEach(() => {
  db = openDatabase(':memory:');
  logs = captureLogger();
});

describe('share counting beacons', () => {
  test('a copy is counted per shareable, network and local day, apart from share clicks', async () => {
    const app = server();
    const copy = await pressAsNewVisitor(app, `/c/${BAKERY}/bluesky`, { method: 'POST' });
    expect(copy.status).toBe(204);
    expect(copy.headers.get('Cache-Control')).toBe('no-store');
    await pressAsNewVisitor(app, `/c/${BAKERY}/bluesky`, { method: 'POST' });
    await pressAsNewVisitor(app, `/s/${BAKERY}/bluesky`);
    expect(rows()).toEqual([{ shareableId: BAKERY, network: 'bluesky', day: '2026-11-03', clicks: 1, copies: 2 }]);
  });

  test('a share through the phone\'s share menu is counted as a share on "apps"', async () => {
    const response = await server().request(`/s/${BAKERY}/apps`, { method: 'POST' });
    expect(response.status).toBe(204);
    await server().request(`/c/${BAKERY}/apps`, { method: 'POST' });
    expect(rows()).toEqual([{ shareableId: BAKERY, network: 'apps', day: '2026-11-03', clicks: 1, copies: 1 }]);
  });

  test('stores, logs and sets nothing about the person who copied', async () => {
    const response = await server().request(`/c/${BAKERY}/x`, {
      method: 'POST',
      headers: { 'User-Agent': 'Mozilla/5.0 SecretBrowser/1.0', 'X-Forwarded-For': '203.0.113.77', Cookie: 'session=abc123', Origin: 'https://supporter.example' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('Set-Cookie')).toBeNull();
    const stored = JSON.stringify(db.prepare('SELECT * FROM share_clicks').all());
    for (const trace of ['SecretBrowser', '203.0.113.77', 'abc123', 'supporter.example']) {
      expect(stored).not.toContain(trace);
      expect(logs.text()).not.toContain(trace);
    }
  });

  test('an unknown message or network, or a network the message has no post for, answers 404 and counts nothing', async () => {
    const app = server();
    const longRead = shareables.generated.shareables.find((shareable) => shareable.templateId === 'long-read')!.id;
    for (const path of ['/c/no-such-thing.spotlight/x', `/c/${BAKERY}/myspace`, `/c/${longRead}/x`, '/s/no-such-thing.spotlight/apps']) {
      const response = await app.request(path, { method: 'POST' });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
    expect(rows()).toEqual([]);
  });

  test('the action page may send its beacons to this server, and only to it', async () => {
    const local = await server().request('/action/');
    expect(local.headers.get('Content-Security-Policy')).toContain("connect-src 'self';");
    const html = await local.text();
    expect(html).toContain('<body data-count-base="/">');
    const remote = await server('https://track.example.org').request('/action/');
    expect(remote.headers.get('Content-Security-Policy')).toContain("connect-src 'self' https://track.example.org;");
  });
});

describe('the share copies migration', () => {
  test('keeps the clicks counted before it and starts every copy count at 0', () => {
    const copiesVersion = MIGRATIONS.find((migration) => migration.name === 'share copies')!.version;
    const { file, db: old } = databaseAtVersion(MIGRATIONS.filter((migration) => migration.version < copiesVersion).at(-1)!.version);
    recordShareClick(old, { shareableId: BAKERY, network: 'x', day: '2026-11-02' });
    recordShareClick(old, { shareableId: BAKERY, network: 'x', day: '2026-11-02' });
    old.close();
    db = openDatabase(file);
    expect(rows()).toEqual([{ shareableId: BAKERY, network: 'x', day: '2026-11-02', clicks: 2, copies: 0 }]);
    expect(() => db.prepare("UPDATE share_clicks SET copies = -1").run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('copies and the click guard', () => {
  test('one client copying the same post again within the hour is counted once', async () => {
    const app = server();
    const sameClient = { method: 'POST', headers: { 'X-Forwarded-For': '203.0.113.7' } };
    for (let i = 0; i < 3; i += 1) expect((await app.request(`/c/${BAKERY}/x`, sameClient)).status).toBe(204);
    expect(rows()).toEqual([{ shareableId: BAKERY, network: 'x', day: '2026-11-03', clicks: 0, copies: 1 }]);
  });
});

describe('GET /api/shareables with copies and content warnings', () => {
  test('copies are reported per shareable, per network and in the totals', async () => {
    const app = server();
    for (const network of ['x', 'x', 'linkedin']) await pressAsNewVisitor(app, `/c/${BAKERY}/${network}`, { method: 'POST' });
    const body = (await (await app.request('/api/shareables?from=2026-11-01&to=2026-11-03')).json()) as any;
    const bakery = body.shareables.find((entry: any) => entry.id === BAKERY);
    expect(bakery).toMatchObject({ copies: 3, clicks: 0 });
    expect(Object.fromEntries(bakery.networks.map((figures: any) => [figures.network, figures.copies]))).toMatchObject({ x: 2, linkedin: 1, bluesky: 0 });
    expect(body.totals.copies).toBe(3);
  });

  test('staff see what to fix before publishing; the public page never does', async () => {
    const app = server();
    const body = (await (await app.request('/api/shareables')).json()) as any;
    expect(body.contentWarnings).toEqual([
      expect.stringMatching(/^8 resources link to example pages \(riverside-care, .*\): replace each url/),
      expect.stringContaining("The page's public address is unknown"),
    ]);
    const withAddress = (await (await server('https://track.example.org').request('/api/shareables')).json()) as any;
    expect(withAddress.contentWarnings).toHaveLength(1);
    const html = await (await app.request('/action/')).text();
    expect(html).not.toMatch(/example (link|page)|replace before publishing/i);
  });
});
