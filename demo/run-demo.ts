// `npm run demo`: the tracker against its own simulated X, Bluesky and Mastodon, with a fresh
// database under ./data, until Ctrl+C. Reads HOST, PORT, DASHBOARD_TOKEN, TZ_REPORTS, LOG_LEVEL and
// LOG_FORMAT from the environment and nothing else (no network tokens, no JOBQUALITY_DB: the demo
// never touches real data or real networks).
import { relative, resolve } from 'node:path';
import { ConfigError } from '../cli/config.js';
import { onShutdownSignal } from '../cli/shutdown.js';
import { DashboardAccessError } from '../dashboard/server/server.js';
import { weekContaining } from '../reports/iso-week.js';
import { demoWelcome } from './demo-welcome.js';
import { startDemo } from './start-demo.js';

const DATABASE_FILE = resolve('data/demo.db');
const REPORTS_DIR = resolve('data/demo-reports');

const setting = (name: string): string | undefined => (process.env[name]?.trim() ? process.env[name]!.trim() : undefined);

let demo;
try {
  demo = await startDemo({
    databaseFile: DATABASE_FILE,
    reportsDir: REPORTS_DIR,
    host: setting('HOST') ?? '127.0.0.1',
    port: setting('PORT') ?? 8080,
    // Staff access as documented: with a token the demo's dashboard asks for it (and may then listen beyond loopback).
    ...(setting('DASHBOARD_TOKEN') ? { dashboardToken: setting('DASHBOARD_TOKEN')! } : {}),
    ...(setting('TZ_REPORTS') ? { timeZone: setting('TZ_REPORTS')! } : {}),
    ...(setting('LOG_LEVEL') ? { logLevel: setting('LOG_LEVEL')! } : {}),
    ...(setting('LOG_FORMAT') ? { logFormat: setting('LOG_FORMAT') as 'pretty' | 'json' } : {}),
  });
} catch (error) {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  process.stderr.write(
    error instanceof ConfigError || error instanceof DashboardAccessError
      ? `${error.message}\n`
      : busy
        ? `The demo could not start: ${(error as Error).message}. Set PORT to a free port, e.g. PORT=8081 npm run demo\n`
        : `The demo could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

const running = demo;
const database = relative(process.cwd(), DATABASE_FILE);
const reports = relative(process.cwd(), REPORTS_DIR);
const week = weekContaining(Date.now(), running.runtime.config.reportTimeZone).label;
process.stdout.write(demoWelcome({ url: running.url, signInRequired: running.runtime.config.access.token !== null, database, reports, week }));
onShutdownSignal(async () => {
  await running.stop();
  running.runtime.log.info('demo stopped');
}, running.runtime.log);
