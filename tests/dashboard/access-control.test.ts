// Staff data is for staff: on an address other machines can reach, the dashboard refuses to start
// without DASHBOARD_TOKEN, and with it answers only a request carrying the token or a signed-in
// session. The public pages and /healthz stay open. Real sockets on a non-loopback address.
import { describe, expect, test } from 'vitest';
import type { Db } from '../../db/connection.js';
import { DashboardAccessError, type DashboardServerOptions } from '../../dashboard/server/server.js';
import { externalAddresses } from '../../dashboard/server/listening.js';
import { FAILED_SIGN_INS_ALLOWED, SESSION_COOKIE } from '../../dashboard/server/staff-access.js';
import { rawRequest } from '../helpers/raw-http.js';
import { BAKERY, sampleShareables as shareables } from '../helpers/sample-shareables.js';
import type { CapturedLog } from '../helpers/capture-logger.js';
import { servedDashboards } from '../helpers/served-dashboards.js';

const TOKEN = 'staff-only-token-8c1f0e9a2b7d';

// This machine's own non-127 address when it has one; otherwise every interface, reached through
// 127.0.0.1. Either way the server is bound to an address other machines could use.
const EXTERNAL = externalAddresses().find((address) => !address.includes(':'));
const BIND = EXTERNAL ?? '0.0.0.0';

const dashboards = servedDashboards();
let db: Db;
let logs: CapturedLog;

/** A dashboard serving the sample shareables on `host`; the address to connect to. */
async function start(overrides: Partial<DashboardServerOptions> = {}, host = BIND): Promise<string> {
  const served = await dashboards.serve({ shareables, ...overrides }, host);
  ({ db, logs } = served);
  // The external IP itself, or loopback for the wildcard.
  return EXTERNAL && host === EXTERNAL ? served.server.url : served.server.localUrl;
}

function cookieFrom(setCookie: string | string[] | undefined): string {
  const line = [setCookie ?? []].flat().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
  if (!line) throw new Error('no session cookie was set');
  return line.split(';')[0]!;
}

const signIn = (url: string, token: string, headers: Record<string, string> = {}) =>
  rawRequest(`${url}/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url, ...headers },
    body: new URLSearchParams({ token, next: '/api/status' }).toString(),
  });

describe('dashboard access control', () => {
  test('refuses to listen on an address other machines can reach without a token, saying what to set', async () => {
    for (const host of [BIND, '0.0.0.0']) {
      const error = await dashboards
        .create({ shareables })
        .dashboard.listen(host, 0)
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DashboardAccessError);
      expect((error as Error).message).toContain(`will not listen on ${host}`);
      expect((error as Error).message).toContain('DASHBOARD_TOKEN');
    }
  });

  test('on loopback without a token it serves staff data to this machine, as before', async () => {
    const url = await start({}, '127.0.0.1');
    expect((await rawRequest(`${url}/api/status`)).status).toBe(200);
  });

  test('without the token staff routes answer 401 (API) or send a browser to the sign-in page', async () => {
    const url = await start({ accessToken: TOKEN });
    for (const path of ['/api/status', '/api/posts.csv', '/api/reports', '/api/summary']) {
      const response = await rawRequest(`${url}${path}`);
      expect(response.status, path).toBe(401);
      expect(JSON.parse(response.body).error.code).toBe('unauthorized');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const page = await rawRequest(`${url}/?network=x`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2F%3Fnetwork%3Dx');
    const login = await rawRequest(`${url}/login`);
    expect(login.status).toBe(200);
    expect(login.body).toContain('type="password"');
  });

  test('a script with the bearer token is served; a wrong token is refused', async () => {
    const url = await start({ accessToken: TOKEN });
    expect((await rawRequest(`${url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await rawRequest(`${url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await rawRequest(`${url}/api/status`, { headers: { Authorization: `Basic ${Buffer.from(`a:${TOKEN}`).toString('base64')}` } })).status).toBe(401);
    expect(logs.text()).not.toContain(TOKEN);
  });

  test('signing in with the token sets an HttpOnly, SameSite=Strict session cookie that then opens staff routes', async () => {
    const url = await start({ accessToken: TOKEN });
    const wrong = await signIn(url, 'not-the-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const right = await signIn(url, TOKEN);
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe('/api/status');
    const line = [right.headers['set-cookie']].flat()[0]!;
    expect(line).toMatch(/HttpOnly/);
    expect(line).toMatch(/SameSite=Strict/);
    expect(line).not.toMatch(/Secure/); // served over plain http here
    expect(line).not.toContain(TOKEN);
    const cookie = cookieFrom(right.headers['set-cookie']);
    expect((await rawRequest(`${url}/api/status`, { headers: { Cookie: cookie } })).status).toBe(200);

    // A cookie whose signature was tampered with, or one made for another token, opens nothing.
    const tampered = cookie.replace(/=(\d+)\./, (_, at: string) => `=${Number(at) + 1}.`);
    expect((await rawRequest(`${url}/api/status`, { headers: { Cookie: tampered } })).status).toBe(401);
    const otherUrl = await start({ db, accessToken: `${TOKEN}-rotated` });
    expect((await rawRequest(`${otherUrl}/api/status`, { headers: { Cookie: cookie } })).status).toBe(401);

    const out = await rawRequest(`${url}/logout`, { method: 'POST', headers: { Origin: url, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(out.status).toBe(303);
    expect([out.headers['set-cookie']].flat()[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Max-Age=0`));
  });

  test('after signing in only a path on this server is a place to go back to', async () => {
    const url = await start({ accessToken: TOKEN });
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)']) {
      const response = await rawRequest(`${url}/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: url },
        body: new URLSearchParams({ token: TOKEN, next }).toString(),
      });
      expect(response.status, next).toBe(303);
      expect(response.headers.location, next).toBe('/');
    }
  });

  test('behind a trusted TLS proxy the session cookie is also Secure', async () => {
    const url = await start({ accessToken: TOKEN, trustProxyHops: 1 });
    const response = await signIn(url, TOKEN, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9' });
    expect([response.headers['set-cookie']].flat()[0]).toMatch(/; Secure/);
  });

  test('a sign-in form posted from another site is refused', async () => {
    const url = await start({ accessToken: TOKEN });
    const response = await signIn(url, TOKEN, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  test(`after ${FAILED_SIGN_INS_ALLOWED} wrong tokens a client must wait, even with the right one`, async () => {
    const url = await start({ accessToken: TOKEN });
    for (let attempt = 0; attempt < FAILED_SIGN_INS_ALLOWED; attempt += 1) expect((await signIn(url, `guess-${attempt}`)).status).toBe(401);
    const blocked = await signIn(url, TOKEN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await rawRequest(`${url}/api/status`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(429);
  });

  test('the action page, share links and /healthz stay open to everyone', async () => {
    const url = await start({ accessToken: TOKEN });
    expect((await rawRequest(`${url}/action/`)).status).toBe(200);
    expect((await rawRequest(`${url}/s/${BAKERY}/x`)).status).toBe(302);
    expect((await rawRequest(`${url}/healthz`)).status).toBe(200);
  });

  test('a staff route cannot be reached through a public path prefix', async () => {
    const url = await start({ accessToken: TOKEN });
    for (const path of ['/action/../api/status', '/action/%2e%2e/api/status', '/s/../api/status', '/action/..%2fapi%2fstatus', '/healthz/../api/status', '//api/status', '/API/status', '/login/../api/posts.csv']) {
      const response = await rawRequest(`${url}${path}`);
      expect([303, 401, 404], path).toContain(response.status);
      expect(response.body, path).not.toContain('"networks"');
    }
  });

  test('the start-up line names the real address, never "localhost" for every interface', async () => {
    const { server, logs } = await dashboards.serve({ shareables, accessToken: TOKEN }, '0.0.0.0');
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(server.exposed).toBe(true);
    const line = logs.lines.find((entry) => entry.includes('dashboard listening on'))!;
    expect(line).toContain(`listening on ${server.url} (every network interface`);
    expect(line).not.toContain('localhost');
  });
});
