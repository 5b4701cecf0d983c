// Builds the dashboard app for browser tests as `npm run build:dashboard` does, from source every
// time (a clean clone has no dist/, and a stale one would test old code), into a temporary folder;
// and the usual browser-test set-up around it: the built app served by real dashboard servers over
// test databases, and one Chromium, all closed together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import type { DashboardServerOptions, RunningServer } from '../../dashboard/server/server.js';
import { launchChromium } from './browser.js';
import { testDashboard } from './test-dashboard.js';

const viteConfig = fileURLToPath(new URL('../../dashboard/vite.config.ts', import.meta.url));

/** Builds the app into `outDir` (default a new temporary folder, which the caller removes) and returns the folder. */
export async function buildDashboardApp(outDir = mkdtempSync(join(tmpdir(), 'jq-dashboard-app-'))): Promise<string> {
  // Vitest sets NODE_ENV=test, which makes Vite pick packages' development builds (Lit's dev mode).
  // Test what users get: a production build.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: viteConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return outDir;
}

/** The built app, the servers serving it and the browser of one browser-test file. */
export interface BrowserDashboard {
  appDir: string;
  browser: Browser;
  /**
   * Serves the built app over `options.db` on a loopback port (the usual test dashboard otherwise:
   * every network enabled, logs captured); the server and its database are closed by `close`.
   */
  serve(options: Parameters<typeof testDashboard>[0] & Partial<DashboardServerOptions>): Promise<RunningServer>;
  /** Closes the browser, every server and its database, and removes the built app. */
  close(): Promise<void>;
}

/** Builds the app and launches Chromium; call `close` in afterAll. */
export async function startBrowserDashboard(): Promise<BrowserDashboard> {
  const appDir = await buildDashboardApp();
  const browser = await launchChromium();
  const servers: RunningServer[] = [];
  const dbs: Array<{ close(): void }> = [];
  return {
    appDir,
    browser,
    async serve(options) {
      const server = await testDashboard({ staticDir: appDir, ...options }).listen('127.0.0.1', 0);
      servers.push(server);
      if (!dbs.includes(options.db)) dbs.push(options.db);
      return server;
    },
    async close() {
      await browser.close();
      for (const server of servers) await server.close();
      for (const db of dbs) db.close();
      rmSync(appDir, { recursive: true, force: true });
    },
  };
}
