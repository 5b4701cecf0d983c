// Share clicks cannot be inflated by one client: a repeat within the window is one click, one
// client counts at most a handful per window, and all of it without storing anything about the
// person (a daily-keyed hash of the address, in memory only). Real HTTP for the redirect.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { clientNetwork, createClientHasher } from '../../dashboard/server/client-address.js';
import { CLICK_WINDOW_MS, CLICKS_PER_CLIENT } from '../../dashboard/server/click-guard.js';
import type { DashboardServerOptions } from '../../dashboard/server/server.js';
import { rawRequest } from '../helpers/raw-http.js';
import { BAKERY, sampleShareables as shareables } from '../helpers/sample-shareables.js';
import type { CapturedLog } from '../helpers/capture-logger.js';
import { servedDashboards } from '../helpers/served-dashboards.js';

const dashboards = servedDashboards();
let db: Db;
let clock: number;
let logs: CapturedLog;

/** A dashboard serving the sample shareables at a clock the test moves; its database and log are kept for asserting. */
async function start(overrides: Partial<DashboardServerOptions> = {}): Promise<string> {
  clock = Date.parse('2026-11-03T15:00:00Z');
  const served = await dashboards.serve({ shareables, now: () => clock, ...overrides });
  ({ db, logs } = served);
  return served.url;
}

const clicks = () => (db.prepare('SELECT COALESCE(SUM(clicks), 0) AS n FROM share_clicks').get() as { n: number }).n;

describe('share click guard', () => {
  test('one client pressing the same share link 200 times counts one click, and is redirected every time', async () => {
    const url = await start();
    for (let press = 0; press < 200; press += 1) {
      const response = await rawRequest(`${url}/s/${BAKERY}/x`);
      expect(response.status).toBe(302);
    }
    expect(clicks()).toBe(1);
  });

  test(`one client counts at most ${CLICKS_PER_CLIENT} different presses per window, then again after it`, async () => {
    const url = await start();
    const targets = shareables.generated.posts.filter((post) => post.network !== 'mastodon').map((post) => `/s/${post.shareableId}/${post.network}`);
    expect(targets.length).toBeGreaterThan(CLICKS_PER_CLIENT);
    for (const target of targets) expect((await rawRequest(`${url}${target}`)).status).toBe(302);
    expect(clicks()).toBe(CLICKS_PER_CLIENT);
    clock += CLICK_WINDOW_MS;
    await rawRequest(`${url}/s/${BAKERY}/x`);
    expect(clicks()).toBe(CLICKS_PER_CLIENT + 1);
  });

  test('behind a trusted proxy each supporter counts on their own; a client cannot pose as many', async () => {
    const url = await start({ trustProxyHops: 1 });
    for (const client of ['203.0.113.1', '203.0.113.2', '2001:db8:1:2::1']) {
      await rawRequest(`${url}/s/${BAKERY}/x`, { headers: { 'X-Forwarded-For': client } });
    }
    // Another address in the same IPv6 /64 is the same home; a forged left-hand entry changes nothing.
    await rawRequest(`${url}/s/${BAKERY}/x`, { headers: { 'X-Forwarded-For': '2001:db8:1:2:ffff::9' } });
    await rawRequest(`${url}/s/${BAKERY}/x`, { headers: { 'X-Forwarded-For': '198.51.100.7, 203.0.113.1' } });
    expect(clicks()).toBe(3);
  });

  test('without TRUST_PROXY an X-Forwarded-For header is ignored, so forging it does not add clicks', async () => {
    const url = await start();
    for (let n = 1; n <= 20; n += 1) await rawRequest(`${url}/s/${BAKERY}/x`, { headers: { 'X-Forwarded-For': `198.51.100.${n}` } });
    expect(clicks()).toBe(1);
  });

  test('nothing about the client reaches the database or the log', async () => {
    const url = await start({ trustProxyHops: 1 });
    await rawRequest(`${url}/s/${BAKERY}/x`, { headers: { 'X-Forwarded-For': '203.0.113.77' } });
    const everything = JSON.stringify(
      (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map(({ name }) => db.prepare(`SELECT * FROM "${name}"`).all()),
    );
    expect(everything).not.toContain('203.0.113.77');
    expect(everything).not.toContain('127.0.0.1');
    expect(logs.text()).not.toContain('203.0.113.77');
  });
});

describe('counting that cannot be stored', () => {
  test('a click on a read-only database still sends the supporter on, and the log says the count was lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jq-click-ro-'));
    dashboards.afterThisTest(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'jq.db');
    openDatabase(file).close();
    const readOnly = openDatabase(file, { readonly: true });
    dashboards.afterThisTest(() => readOnly.close());
    const { url, logs } = await dashboards.serve({ db: readOnly, shareables });
    const response = await rawRequest(`${url}/s/${BAKERY}/x`);
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/^https:\/\/x\.com\/intent\/post/);
    expect(logs.text()).toContain('a share click could not be counted');
  });
});

describe('client hashing', () => {
  test('the same address hashes alike within a UTC day and differently the next day, never showing the address', () => {
    let now = Date.parse('2026-11-03T01:00:00Z');
    const hasher = createClientHasher(() => now);
    const morning = hasher.hash('203.0.113.5');
    now = Date.parse('2026-11-03T23:59:00Z');
    expect(hasher.hash('203.0.113.5')).toBe(morning);
    expect(hasher.hash('203.0.113.6')).not.toBe(morning);
    now = Date.parse('2026-11-04T00:00:01Z');
    expect(hasher.hash('203.0.113.5')).not.toBe(morning);
    expect(morning).not.toContain('203');
    // Two processes (or restarts) never share a key.
    expect(createClientHasher(() => now).hash('203.0.113.5')).not.toBe(hasher.hash('203.0.113.5'));
  });

  test('an IPv6 client is its /64, an IPv4-mapped address is the IPv4 address', () => {
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientNetwork('203.0.113.5')).toBe('203.0.113.5');
  });
});
