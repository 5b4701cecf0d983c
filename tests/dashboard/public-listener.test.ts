// The public part (action page, share redirects, click counting) on a listener of its own: it can
// face the internet while staff routes stay on loopback, because it has no staff route at all.
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { createDashboardServer, type RunningServer } from '../../dashboard/server/server.js';
import { externalAddresses } from '../../dashboard/server/listening.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { rawRequest } from '../helpers/raw-http.js';

const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const shareables = loadCampaignShareables(SAMPLE, ['jobquality']);
const BAKERY = 'northgate-bakery.spotlight';
const EXTERNAL = externalAddresses().find((address) => !address.includes(':'));

let db: Db;
let listeners: RunningServer[] = [];

afterEach(async () => {
  await Promise.all(listeners.map((listener) => listener.close()));
  listeners = [];
  db.close();
});

async function startBoth() {
  db = openDatabase(':memory:');
  const server = createDashboardServer({
    db,
    hashtags: ['jobquality'],
    timeZone: 'America/New_York',
    staticDir: null,
    reportsDir: null,
    demo: false,
    log: captureLogger().log,
    enabledNetworks: ['x'],
    shareables,
  });
  const staff = await server.listen('127.0.0.1', 0);
  // No token: the public listener may face other machines, since it serves nothing of the staff's.
  const publicSide = await server.listenPublic(EXTERNAL ?? '0.0.0.0', 0);
  listeners.push(staff, publicSide);
  return { staff: staff.url, public: publicSide.exposed && EXTERNAL ? publicSide.url : publicSide.localUrl, publicExposed: publicSide.exposed };
}

describe('public listener', () => {
  test('serves the action page and share links, and counts clicks into the same database', async () => {
    const urls = await startBoth();
    expect(urls.publicExposed).toBe(true);
    const page = await rawRequest(`${urls.public}/action/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
    expect((await rawRequest(`${urls.public}/action/posts.json`)).status).toBe(200);
    const share = await rawRequest(`${urls.public}/s/${BAKERY}/bluesky`);
    expect(share.status).toBe(302);
    expect(share.headers.location).toMatch(/^https:\/\/bsky\.app\/intent\/compose\?text=/);
    expect(db.prepare('SELECT SUM(clicks) AS n FROM share_clicks').get()).toEqual({ n: 1 });
    expect((await rawRequest(urls.public)).headers.location).toBe('/action/');
  });

  test('serves no staff route: API, CSV, reports, status, health and sign-in all answer 404', async () => {
    const urls = await startBoth();
    for (const path of ['/api/status', '/api/posts.csv', '/api/summary', '/api/reports', '/healthz', '/login', '/assets/index.js', '/index.html']) {
      const response = await rawRequest(`${urls.public}${path}`);
      expect(response.status, path).toBe(404);
      expect(JSON.parse(response.body).error.code).toBe('not_found');
    }
    // The staff listener still has them.
    expect((await rawRequest(`${urls.staff}/api/status`)).status).toBe(200);
  });
});
