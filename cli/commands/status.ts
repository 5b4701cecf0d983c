// `jobquality status`: per network, what has been collected, how the last runs went, where the
// checkpoints stand, and what X reads have cost this month.
import type { Command } from 'commander';
import { startOfMonthUtc } from '../../collector/run-collection.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { listCheckpoints } from '../../db/checkpoints.js';
import { listRecentRuns, sumReadsSince } from '../../db/runs.js';
import { countPostsByNetwork, lastSuccessfulRunAt } from '../../db/status.js';
import { createRuntime } from '../runtime.js';

const iso = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().replace('.000Z', 'Z'));

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('Show, per network, post counts, recent runs, checkpoints and this month\'s reads and spend')
    .option('--json', 'print machine-readable JSON')
    .option('--runs <n>', 'how many recent runs to list per network', (value) => Number.parseInt(value, 10), 3)
    .action((opts: { json?: boolean; runs: number }) => {
      const runtime = createRuntime();
      try {
        const db = runtime.db();
        const now = Date.now();
        const monthStart = startOfMonthUtc(now);
        const counts = new Map(countPostsByNetwork(db).map((row) => [row.network, row]));
        const checkpoints = listCheckpoints(db);
        const report = collectedNetworkIds().map((network) => ({
          network,
          posts: counts.get(network) ?? { live: 0, removed: 0, authors: 0, newestPostAt: null },
          lastSuccessAt: lastSuccessfulRunAt(db, network),
          thisMonth: sumReadsSince(db, network, monthStart),
          runs: listRecentRuns(db, network, opts.runs),
          checkpoints: checkpoints.filter((row) => row.network === network).map((row) => ({ scope: row.scope, state: JSON.parse(row.state) as unknown, updatedAt: row.updatedAt })),
        }));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ database: runtime.config.databaseFile, hashtags: runtime.config.hashtags, networks: report }, null, 2)}\n`);
          return;
        }
        const lines = [`Database: ${runtime.config.databaseFile}`, `Tracking: ${runtime.config.hashtags.map((tag) => `#${tag}`).join(', ')}`, ''];
        for (const entry of report) {
          lines.push(`${entry.network}`);
          lines.push(`  posts: ${entry.posts.live} live, ${entry.posts.removed} removed, ${entry.posts.authors} authors; newest post ${iso(entry.posts.newestPostAt)}`);
          lines.push(`  last successful run: ${iso(entry.lastSuccessAt)}`);
          lines.push(
            `  this month: ${entry.thisMonth.requests} requests, ${entry.thisMonth.postsRead} posts read` +
              (entry.thisMonth.estimatedCostUsd > 0 ? `, estimated spend $${entry.thisMonth.estimatedCostUsd.toFixed(2)}` : ''),
          );
          for (const run of entry.runs) {
            lines.push(
              `  run ${iso(run.startedAt)} ${run.status}: ${run.postsNew} new, ${run.postsUpdated} updated, ${run.postsRemoved} removed, ${run.requests} requests` +
                (run.error || run.message ? ` — ${run.error ?? run.message}` : ''),
            );
          }
          for (const checkpoint of entry.checkpoints) lines.push(`  checkpoint ${checkpoint.scope}: ${JSON.stringify(checkpoint.state)} (saved ${iso(checkpoint.updatedAt)})`);
          lines.push('');
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      } finally {
        runtime.close();
      }
    });
}
