// The dashboard HTTP server around the API: the built app with its caching and client-route
// fallback, security headers, health, errors that never leak internals, and listening on a port.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { createDashboardServer, DashboardListenError, type DashboardServerOptions } from '../../dashboard/server/server.js';
import { captureLogger } from '../helpers/capture-logger.js';

let staticDir: string;

function options(overrides: Partial<DashboardServerOptions> = {}): DashboardServerOptions {
  return {
    db: openDatabase(':memory:'),
    hashtags: ['jobquality'],
    timeZone: 'America/New_York',
    staticDir,
    reportsDir: null,
    demo: false,
    log: captureLogger().log,
    enabledNetworks: ['x'],
    ...overrides,
  };
}

beforeEach(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'jq-static-'));
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>jobquality dashboard</title><script type="module" src="/assets/index-D3adB33f.js"></script>');
  writeFileSync(join(staticDir, 'assets', 'index-D3adB33f.js'), 'console.log("app")');
  writeFileSync(join(staticDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
});

afterEach(() => {
  rmSync(staticDir, { recursive: true, force: true });
});

describe('dashboard server', () => {
  test('serves the built app with a strict same-origin CSP and nosniff', async () => {
    const { app } = createDashboardServer(options());
    const response = await app.request('/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>jobquality dashboard</title>');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  test('hashed assets are cached for a year, other files revalidated', async () => {
    const { app } = createDashboardServer(options());
    const asset = await app.request('/assets/index-D3adB33f.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await app.request('/favicon.svg');
    expect(icon.headers.get('cache-control')).toBe('no-cache');
  });

  test('client-side routes get index.html; missing files and API paths do not', async () => {
    const { app } = createDashboardServer(options());
    const route = await app.request('/posts/top?network=x');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('jobquality dashboard');
    for (const path of ['/assets/missing-0123abcd.js', '/logo.png', '/api/unknown', '/%2e%2e/package.json']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  test('without a built app the root says how to build it', async () => {
    const { app } = createDashboardServer(options({ staticDir: null }));
    const response = await app.request('/');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('npm run build:dashboard');
  });

  test('a failure answers 500 with a fixed message, logging the details and never the stack', async () => {
    const { log, text } = captureLogger();
    const db = openDatabase(':memory:');
    const { app } = createDashboardServer(options({ db, log }));
    db.close();
    const response = await app.request('/api/summary');
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: 'Something went wrong; the details are in the server log.' } });
    expect(body).not.toMatch(/at .*\.ts|sqlite|database/i);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(text()).toContain('dashboard request failed');
    expect(text()).toMatch(/database connection is not open/);
  });

  test('/healthz says whether the database answers', async () => {
    const db = openDatabase(':memory:');
    const { app } = createDashboardServer(options({ db }));
    expect(await (await app.request('/healthz')).json()).toMatchObject({ ok: true, database: 'ok' });
    db.close();
    const down = await app.request('/healthz');
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ok: false, database: 'unavailable' });
  });

  test('listens on a port, answers over HTTP and closes', async () => {
    const server = createDashboardServer(options());
    const running = await server.listen('127.0.0.1', 0);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${running.url}/api/status`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { networks: unknown[] }).networks).toHaveLength(3);
    } finally {
      await running.close();
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  test('a port already in use is reported in words that say what to change', async () => {
    const first = await createDashboardServer(options()).listen('127.0.0.1', 0);
    try {
      const port = Number(new URL(first.url).port);
      const error = await createDashboardServer(options()).listen('127.0.0.1', port).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DashboardListenError);
      expect((error as Error).message).toBe(`The dashboard could not start on 127.0.0.1:${port}: port ${port} is already in use on 127.0.0.1: stop the other program or set PORT to a free port.`);
    } finally {
      await first.close();
    }
  });
});
