// `npm run demo`: the tracker against its own simulated X, Bluesky and Mastodon, with a fresh
// database under ./data, until Ctrl+C. Reads HOST, PORT, TZ_REPORTS, LOG_LEVEL and LOG_FORMAT from
// the environment and nothing else (no tokens, no JOBQUALITY_DB: the demo never touches real data).
import { relative, resolve } from 'node:path';
import { ConfigError } from '../cli/config.js';
import { onShutdownSignal } from '../cli/shutdown.js';
import { weekContaining } from '../reports/iso-week.js';
import { demoCommandLine, demoCommands } from './demo-commands.js';
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
    ...(setting('TZ_REPORTS') ? { timeZone: setting('TZ_REPORTS')! } : {}),
    ...(setting('LOG_LEVEL') ? { logLevel: setting('LOG_LEVEL')! } : {}),
    ...(setting('LOG_FORMAT') ? { logFormat: setting('LOG_FORMAT') as 'pretty' | 'json' } : {}),
  });
} catch (error) {
  const busy = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
  process.stderr.write(
    error instanceof ConfigError
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
process.stdout.write(
  `Demo database ${database} was recreated fresh with a week of simulated posts (it is recreated at every start).\n` +
    `Demo running: open ${running.url}/ — all data is simulated by local fake X, Bluesky and Mastodon servers; new posts every minute. Press Ctrl+C to stop.\n` +
    `Weekly reports appear on the dashboard and in ${reports} after the first collection: ${week}.html (this week so far) and last week's.\n` +
    `Try the command line on the demo's data, in another terminal:\n` +
    demoCommands()
      .map((command) => `  # ${command.what}\n  ${demoCommandLine(command, database, reports)}\n`)
      .join(''),
);
onShutdownSignal(async () => {
  await running.stop();
  running.runtime.log.info('demo stopped');
}, running.runtime.log);
