// `jobquality status`: per network whether it is collecting, what has been collected, this month's
// reads and spend, and one line per problem, in local time (TZ_REPORTS); `--json` for machines.
// The coverage ledger decides what is a problem: backfilled stretches are not, and stretches beyond
// a network's reach (X's 7 days) are said once as gaps, not failures.
import type { Command } from 'commander';
import { startOfMonthUtc } from '../../collector/run-collection.js';
import { configuredNetworks } from '../../collector/build-adapters.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { listCheckpoints } from '../../db/checkpoints.js';
import { getCoverageLedger } from '../../db/coverage-ledger.js';
import { listRecentRuns, sumReadsSince } from '../../db/runs.js';
import { countPostsByNetwork, currentUsageCap, lastSuccessfulRunAt } from '../../db/status.js';
import { createRuntime } from '../runtime.js';
import { buildStatusView, formatStatusView } from '../status-view.js';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Show per network whether it is collecting, what was collected, this month\'s reads and spend, and each problem (local times)')
    .option('--json', 'print machine-readable JSON (UTC times, with checkpoints)')
    .action((opts: { json?: boolean }) => {
      const runtime = createRuntime();
      try {
        const { config } = runtime;
        const db = runtime.db();
        const now = Date.now();
        const networks = collectedNetworkIds();
        const monthStart = startOfMonthUtc(now);
        // One read transaction, so every line describes the same moment.
        const view = db.transaction(() =>
          buildStatusView({
            now,
            timeZone: config.reportTimeZone,
            database: config.databaseFile,
            hashtags: config.hashtags,
            configured: configuredNetworks(config),
            networks,
            ledger: getCoverageLedger(db, now),
            posts: new Map(countPostsByNetwork(db).map((row) => [row.network, row])),
            recentRuns: new Map(networks.map((network) => [network, listRecentRuns(db, network, 1)])),
            thisMonth: new Map(networks.map((network) => [network, sumReadsSince(db, network, monthStart)])),
            lastSuccessAt: new Map(networks.map((network) => [network, lastSuccessfulRunAt(db, network)])),
            usageCaps: new Map(networks.map((network) => [network, currentUsageCap(db, network)])),
            checkpoints: listCheckpoints(db).map((row) => ({ network: row.network, scope: row.scope, state: JSON.parse(row.state) as unknown, updatedAt: row.updatedAt })),
          }),
        )();
        process.stdout.write(opts.json ? `${JSON.stringify(view, null, 2)}\n` : formatStatusView(view, now));
      } finally {
        runtime.close();
      }
    });
}
