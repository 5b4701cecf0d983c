// What `jobquality status` says, as a pure function from what the database and configuration hold:
// per network one line on its state, then one line per problem, in local time (TZ_REPORTS). The
// coverage ledger tells failures apart from stretches that were backfilled (not a problem) and
// stretches no run could reach any more (X's 7-day search: said once, plainly, not as a failure).
import { DateTime } from 'luxon';
import { coverageOf, type CoverageLedger, type CoverageSpan } from '../core/collection-coverage.js';
import { networkLabel } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { NetworkPostCounts, UsageCapStop } from '../db/status.js';
import type { ReadsSince, RunRow } from '../db/runs.js';

/** How far back problems are listed: older failed stretches stay in the run log and the dashboard. */
export const STATUS_LOOKBACK_MS = 30 * 86_400_000;

export interface StatusInput {
  now: number;
  timeZone: string;
  database: string;
  hashtags: readonly string[];
  /** Networks the configuration lets the collector read. */
  configured: readonly Network[];
  networks: readonly Network[];
  ledger: CoverageLedger;
  posts: ReadonlyMap<Network, NetworkPostCounts>;
  /** Most recent runs first. */
  recentRuns: ReadonlyMap<Network, readonly RunRow[]>;
  thisMonth: ReadonlyMap<Network, ReadsSince>;
  lastSuccessAt: ReadonlyMap<Network, number | null>;
  /** The plan's usage cap the latest run met (X), per network; absent or null when none. */
  usageCaps?: ReadonlyMap<Network, UsageCapStop | null>;
  checkpoints: ReadonlyArray<{ network: Network; scope: string; state: unknown; updatedAt: number }>;
}

/** 'ok': collected up to its last run, the next one due (the ledger's "pending"); the others need a look. */
export type NetworkState = 'ok' | 'failing' | 'not_collecting' | 'not_configured' | 'never_collected';

export interface StatusProblem {
  kind: 'failing' | 'not_collected' | 'not_collectable' | 'last_run_failed';
  /** ISO UTC. */
  from: string;
  to: string;
  message: string;
}

export interface NetworkStatus {
  network: Network;
  label: string;
  configured: boolean;
  state: NetworkState;
  collectionBegan: string | null;
  lastSuccessAt: string | null;
  lastRun: { status: string; startedAt: string; finishedAt: string | null; postsNew: number; postsUpdated: number; postsRemoved: number; message: string | null } | null;
  posts: { live: number; removed: number; unavailable: number; authors: number; newestPostAt: string | null };
  thisMonth: ReadsSince;
  /** The plan's usage cap the latest run met (`at` in ms, as db/status.ts gives it), or null. */
  usageCap: UsageCapStop | null;
  /** Failures and stretches that were not collected, within {@link STATUS_LOOKBACK_MS}. Backfilled stretches are not problems. */
  problems: StatusProblem[];
  checkpoints: Array<{ scope: string; state: unknown; updatedAt: string }>;
}

export interface StatusView {
  generatedAt: string;
  timeZone: string;
  database: string;
  hashtags: string[];
  networks: NetworkStatus[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function describeAgo(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(ms / 3_600_000);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

function lengthOf(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.max(1, Math.round(ms / 60_000))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

function problemFromSpan(span: CoverageSpan, network: Network, lastRun: RunRow | undefined): StatusProblem | null {
  const name = networkLabel(network);
  const length = lengthOf(span.end - span.start);
  switch (span.state) {
    case 'failed': {
      const why = lastRun?.status === 'failed' || lastRun?.status === 'interrupted' ? `: ${lastRun.error ?? lastRun.message ?? lastRun.status}` : '';
      return { kind: 'failing', from: iso(span.start), to: iso(span.end), message: `runs failed for ${length}${why}` };
    }
    case 'not_collected':
      return { kind: 'not_collected', from: iso(span.start), to: iso(span.end), message: `no successful run for ${length}` };
    case 'never_collectable':
      return {
        kind: 'not_collectable',
        from: iso(span.start),
        to: iso(span.end),
        message: `${length} of posts could not be collected: they were beyond what ${name} lets a later run reach back (not a failure that can be fixed now)`,
      };
    default:
      return null;
  }
}

/** The status of every network. Pure. */
export function buildStatusView(input: StatusInput): StatusView {
  const since = input.now - STATUS_LOOKBACK_MS;
  const networks = input.networks.map((network): NetworkStatus => {
    const coverage = coverageOf(input.ledger, network);
    const runs = input.recentRuns.get(network) ?? [];
    const lastRun = runs[0];
    const lastSuccess = input.lastSuccessAt.get(network) ?? null;
    const configured = input.configured.includes(network);
    const problems = coverage.spans
      .filter((span) => span.end > since)
      .map((span) => problemFromSpan({ ...span, start: Math.max(span.start, since) }, network, lastRun))
      .filter((problem): problem is StatusProblem => problem !== null);
    const tail = coverage.spans.at(-1)?.state;
    // The newest run failed though coverage is fine (a rate limit left the rest to the next run, or a refresh-only check failed).
    if (lastRun && (lastRun.status === 'failed' || lastRun.status === 'interrupted') && tail !== 'failed') {
      problems.push({
        kind: 'last_run_failed',
        from: iso(lastRun.startedAt),
        to: iso(lastRun.finishedAt ?? lastRun.startedAt),
        message: `the last run ${lastRun.status === 'failed' ? 'failed' : 'was interrupted'}: ${lastRun.error ?? lastRun.message ?? lastRun.status}`,
      });
    }
    const state: NetworkState =
      coverage.collectionBegan === null
        ? configured
          ? 'never_collected'
          : 'not_configured'
        : !configured
          ? 'not_configured'
          : tail === 'failed'
            ? 'failing'
            : tail === 'not_collected'
              ? 'not_collecting'
              : 'ok';
    const counts = input.posts.get(network);
    return {
      network,
      label: networkLabel(network),
      configured,
      state,
      collectionBegan: coverage.collectionBegan === null ? null : iso(coverage.collectionBegan),
      lastSuccessAt: lastSuccess === null ? null : iso(lastSuccess),
      lastRun: lastRun
        ? {
            status: lastRun.status,
            startedAt: iso(lastRun.startedAt),
            finishedAt: lastRun.finishedAt === null ? null : iso(lastRun.finishedAt),
            postsNew: lastRun.postsNew,
            postsUpdated: lastRun.postsUpdated,
            postsRemoved: lastRun.postsRemoved,
            message: lastRun.error ?? lastRun.message,
          }
        : null,
      posts: {
        live: counts?.live ?? 0,
        removed: counts?.removed ?? 0,
        unavailable: counts?.unavailable ?? 0,
        authors: counts?.authors ?? 0,
        newestPostAt: counts?.newestPostAt == null ? null : iso(counts.newestPostAt),
      },
      thisMonth: input.thisMonth.get(network) ?? { requests: 0, postsRead: 0, estimatedCostUsd: 0 },
      usageCap: input.usageCaps?.get(network) ?? null,
      problems,
      checkpoints: input.checkpoints
        .filter((checkpoint) => checkpoint.network === network)
        .map((checkpoint) => ({ scope: checkpoint.scope, state: checkpoint.state, updatedAt: iso(checkpoint.updatedAt) })),
    };
  });
  return { generatedAt: iso(input.now), timeZone: input.timeZone, database: input.database, hashtags: [...input.hashtags], networks };
}

const STATE_WORDS: Record<NetworkState, string> = {
  ok: 'collecting',
  failing: 'FAILING',
  not_collecting: 'NOT COLLECTING',
  not_configured: 'not configured',
  never_collected: 'configured, not collected yet',
};

const grouped = new Intl.NumberFormat('en-US');

/** The status as lines for people: local times, one line per network, then one per problem. */
export function formatStatusView(view: StatusView, now: number): string {
  const local = (value: string) => DateTime.fromISO(value, { zone: view.timeZone }).toFormat('ccc d LLL HH:mm');
  const stretch = (problem: StatusProblem) => `${local(problem.from)} – ${Math.abs(Date.parse(problem.to) - now) < 60_000 ? 'now' : local(problem.to)}`;
  const lines = [
    `Database: ${view.database}`,
    `Tracking: ${view.hashtags.map((tag) => `#${tag}`).join(', ')}`,
    `Times are local to ${view.timeZone} (TZ_REPORTS).`,
    '',
  ];
  const width = Math.max(...view.networks.map((entry) => entry.label.length));
  for (const entry of view.networks) {
    const facts: string[] = [STATE_WORDS[entry.state]];
    if (entry.lastSuccessAt) facts.push(`last collected ${local(entry.lastSuccessAt)} (${describeAgo(now - Date.parse(entry.lastSuccessAt))})`);
    else if (entry.configured) facts.push('no successful run yet');
    facts.push(`${grouped.format(entry.posts.live)} posts (${grouped.format(entry.posts.removed)} removed) by ${grouped.format(entry.posts.authors)} accounts`);
    // Hidden by the network, not deleted: still live, with their last counts frozen.
    if (entry.posts.unavailable > 0) facts.push(`${grouped.format(entry.posts.unavailable)} of them hidden by the network (not deleted; last counts kept)`);
    if (entry.posts.newestPostAt) facts.push(`newest ${local(entry.posts.newestPostAt)}`);
    const month = entry.thisMonth;
    facts.push(
      `this month ${grouped.format(month.requests)} requests, ${grouped.format(month.postsRead)} posts read` +
        (month.estimatedCostUsd > 0 ? `, about $${month.estimatedCostUsd.toFixed(2)}` : ''),
    );
    lines.push(`${entry.label.padEnd(width)}  ${facts.join('; ')}`);
    if (!entry.configured && entry.lastRun?.status === 'skipped' && entry.lastRun.message) lines.push(`${''.padEnd(width)}  - ${entry.lastRun.message}`);
    if (entry.usageCap) {
      const when = local(new Date(entry.usageCap.at).toISOString());
      lines.push(`${''.padEnd(width)}  - usage cap: the plan's ${entry.usageCap.period.toLowerCase()} usage cap was reached (run of ${when}); collection resumes once it resets or the plan is raised`);
    }
    for (const problem of entry.problems) {
      const label = problem.kind === 'not_collectable' ? 'gap' : 'problem';
      lines.push(`${''.padEnd(width)}  - ${label}: ${stretch(problem)}: ${problem.message}`);
    }
  }
  lines.push('', 'Backfilled stretches (filled in by a later run) are complete and not listed. --json gives all of this, with checkpoints, for machines.');
  return `${lines.join('\n')}\n`;
}
