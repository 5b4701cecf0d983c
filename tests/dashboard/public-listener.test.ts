// The public part (action page, share redirects, click counting) on a listener of its own: it can
// face the internet while staff routes stay on loopback, because it has no staff route at all.
import { describe, expect, test } from 'vitest';
import { externalAddresses } from '../../dashboard/server/listening.js';
import { rawRequest } from '../helpers/raw-http.js';
import { BAKERY, sampleShareables } from '../helpers/sample-shareables.js';
import { servedDashboards } from '../helpers/served-dashboards.js';

const EXTERNAL = externalAddresses().find((address) => !address.includes(':'));
const dashboards = servedDashboards();

/** One dashboard on two listeners: staff on loopback, the public part on an address others can reach. */
async function startBoth() {
  const { server: staff, dashboard, db } = await dashboards.serve({ shareables: sampleShareables });
  // No token: the public listener may face other machines, since it serves nothing of the staff's.
  const publicSide = await dashboard.listenPublic(EXTERNAL ?? '0.0.0.0', 0);
  dashboards.afterThisTest(() => publicSide.close());
  return { db, staff: staff.url, public: publicSide.exposed && EXTERNAL ? publicSide.url : publicSide.localUrl, publicExposed: publicSide.exposed };
}

describe('public listener', () => {
  test('serves the action page and share links, and counts clicks into the same database', async () => {
    const { db, ...urls } = await startBoth();
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
