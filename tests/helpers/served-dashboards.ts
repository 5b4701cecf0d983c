// Dashboards on real sockets, for the server tests that need real HTTP (Host headers, redirects,
// cookies, a second listener). Each is a #jobquality dashboard in New York collecting X over a fresh
// in-memory database unless the test says otherwise, and everything is closed after each test.
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import type { DashboardServer, DashboardServerOptions, RunningServer } from '../../dashboard/server/server.js';
import { captureLogger, type CapturedLog } from './capture-logger.js';
import { testDashboard } from './test-dashboard.js';

/** A dashboard not yet listening, the database it reads and what it logged (unless the test passed its own `log`). */
export interface CreatedDashboard {
  dashboard: DashboardServer;
  db: Db;
  logs: CapturedLog;
}

/** A dashboard listening on a port of its own. */
export interface ServedDashboard extends CreatedDashboard {
  server: RunningServer;
  /** Where to reach it (server.url). */
  url: string;
}

export interface ServedDashboards {
  /** A dashboard over a database of its own (or `options.db`), logging into its own capture. */
  create(options?: Partial<DashboardServerOptions>): CreatedDashboard;
  /** The same, listening on `host` (loopback by default) at a free port. */
  serve(options?: Partial<DashboardServerOptions>, host?: string): Promise<ServedDashboard>;
  /** Runs `step` after the test as well, before what was opened ahead of it is closed (last in, first out). */
  afterThisTest(step: () => unknown): void;
}

/** Call at the top of a test file: what the returned functions start is closed after each test. */
export function servedDashboards(): ServedDashboards {
  const cleanUp: Array<() => unknown> = [];
  afterEach(async () => {
    // Every step runs even when one fails, so no socket outlives the test; the first failure is reported.
    const failures: unknown[] = [];
    for (const step of cleanUp.splice(0).reverse()) await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  });
  const afterThisTest = (step: () => unknown) => {
    cleanUp.push(step);
  };
  const create = (options: Partial<DashboardServerOptions> = {}): CreatedDashboard => {
    const logs = captureLogger();
    const db = options.db ?? openDatabase(':memory:');
    if (!options.db) afterThisTest(() => db.close());
    const dashboard = testDashboard({ hashtags: ['jobquality'], timeZone: 'America/New_York', enabledNetworks: ['x'], log: logs.log, ...options, db });
    return { dashboard, db, logs };
  };
  const serve = async (options: Partial<DashboardServerOptions> = {}, host = '127.0.0.1'): Promise<ServedDashboard> => {
    const created = create(options);
    const server = await created.dashboard.listen(host, 0);
    afterThisTest(() => server.close());
    return { ...created, server, url: server.url };
  };
  return { create, serve, afterThisTest };
}
