// The collection runs the coverage ledger is computed from, held in memory per connection and caught
// up with what was committed since (by id, plus the runs that were still running), so a cold
// dashboard answer does not read the whole run log: the window query of listLedgerRuns costs about
// 30 ms per network over half a year of 15-minute runs, at any number of posts (`npm run bench`).
// Picking the rows that change the ledger is then a pass over the held runs, with the same rule, and
// the per-day run totals of the coverage view are sums over a binary-searched range of them.
import type { LedgerRun } from '../core/collection-coverage.js';
import type { RunLedgerRow } from './analytics-coverage.js';
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { dataVersion } from './data-version.js';
import { statement } from './statements.js';

type RunStatus = LedgerRun['status'];

/** A run's counters, as getRunLedger sums them. The collector adds to them only while a run is running. */
interface RunCounters {
  ratePauses: number;
  postsNew: number;
  postsUnavailable: number;
  postsRead: number;
  cost: number;
}

interface HeldRun extends RunCounters {
  id: number;
  startedAt: number;
  status: RunStatus;
}

type RunRow = HeldRun & { network: string };

/** One bucket's run totals for one network, as db/analytics-coverage.ts returns them. */
type HeldRunTotals = RunLedgerRow;

// Rows are never deleted and ids only grow; a run's status changes once, from 'running'. Two
// statements: `id > ? OR id IN (…)` in one would read the whole table.
const RUN_COLUMNS = `id, network, started_at AS startedAt, status, rate_limit_pauses AS ratePauses, posts_new AS postsNew,
  posts_unavailable AS postsUnavailable, posts_read AS postsRead, estimated_cost_usd AS cost`;
const NEW_RUNS_SQL = `SELECT ${RUN_COLUMNS} FROM collection_runs WHERE id > ? ORDER BY id`;
const RUNS_BY_ID_SQL = `SELECT ${RUN_COLUMNS} FROM collection_runs WHERE id IN (SELECT value FROM json_each(?))`;

/** One connection's runs, by network in (started_at, id) order. */
class RunLog {
  private readonly byNetwork = new Map<string, HeldRun[]>();
  private readonly byId = new Map<number, HeldRun>();
  private readonly running = new Set<number>();
  private maxId = 0;
  private version: string | null = null;
  // Bumped per network whenever one of its runs is added or changes: a ledger pass is reused until then.
  private readonly revisions = new Map<string, number>();
  private readonly kept = new Map<string, { revision: number; liveLagMs: number; now: number; runs: LedgerRun[] }>();

  constructor(private readonly db: Db) {}

  /** Reads what was committed since the last call; false inside a write transaction (uncommitted rows may be rolled back). */
  sync(): boolean {
    if (this.db.inTransaction) return false;
    const version = dataVersion(this.db);
    if (version === this.version) return true;
    // One read transaction, so both statements see the same commit.
    const rows = this.db.transaction(() => [
      ...(this.running.size > 0 ? statement<[string], RunRow>(this.db, RUNS_BY_ID_SQL).all(JSON.stringify([...this.running])) : []),
      ...statement<[number], RunRow>(this.db, NEW_RUNS_SQL).all(this.maxId),
    ])();
    for (const row of rows) {
      const held = this.byId.get(row.id);
      if (held) {
        held.status = row.status;
        held.ratePauses = row.ratePauses;
        held.postsNew = row.postsNew;
        held.postsUnavailable = row.postsUnavailable;
        held.postsRead = row.postsRead;
        held.cost = row.cost;
      } else {
        this.add(row);
      }
      this.revisions.set(row.network, (this.revisions.get(row.network) ?? 0) + 1);
      if (row.status === 'running') this.running.add(row.id);
      else this.running.delete(row.id);
      this.maxId = Math.max(this.maxId, row.id);
    }
    this.version = version;
    return true;
  }

  private add(row: RunRow): void {
    // One literal shape for every held run: the ledger's pass reads them all on every answer.
    const run: HeldRun = {
      id: row.id,
      startedAt: row.startedAt,
      status: row.status,
      ratePauses: row.ratePauses,
      postsNew: row.postsNew,
      postsUnavailable: row.postsUnavailable,
      postsRead: row.postsRead,
      cost: row.cost,
    };
    const { network } = row;
    this.byId.set(run.id, run);
    let runs = this.byNetwork.get(network);
    if (!runs) this.byNetwork.set(network, (runs = []));
    // Runs start in id order almost always: append, else insert at its place.
    let at = runs.length;
    while (at > 0 && (runs[at - 1]!.startedAt > run.startedAt || (runs[at - 1]!.startedAt === run.startedAt && runs[at - 1]!.id > run.id))) at -= 1;
    runs.splice(at, 0, run);
  }

  /**
   * What listLedgerRuns returns, from the held runs: one pass, each run judged against its neighbours.
   * Only ok, failed and interrupted runs can change the ledger (rate-limited, skipped and running ones change nothing).
   */
  ledgerRuns(network: Network, now: number, liveLagMs: number): readonly LedgerRun[] {
    const runs = this.byNetwork.get(network) ?? [];
    const revision = this.revisions.get(network) ?? 0;
    const last = runs.at(-1)?.startedAt ?? -Infinity;
    const hit = this.kept.get(network);
    // Once every held run started by `now`, `now` no longer changes which runs are kept.
    if (hit && hit.revision === revision && hit.liveLagMs === liveLagMs && (hit.now === now || (hit.now >= last && now >= last))) return hit.runs;
    const kept = this.judgeRuns(network, runs, now, liveLagMs);
    this.kept.set(network, { revision, liveLagMs, now, runs: kept });
    return kept;
  }

  private judgeRuns(network: Network, runs: readonly HeldRun[], now: number, liveLagMs: number): LedgerRun[] {
    const kept: LedgerRun[] = [];
    let previous: HeldRun | undefined;
    let current: HeldRun | undefined;
    const judge = (next: HeldRun | undefined) => {
      const run = current!;
      const sincePrevious = previous ? run.startedAt - previous.startedAt : 0;
      const keep =
        !previous || !next || run.status !== previous.status || run.status !== next.status || sincePrevious > liveLagMs || next.startedAt - run.startedAt > liveLagMs;
      if (keep) kept.push({ network, startedAt: run.startedAt, status: run.status, continuesStreak: previous?.status === 'ok' && run.status === 'ok' && sincePrevious <= liveLagMs });
    };
    for (const run of runs) {
      if (run.startedAt > now) break;
      const status = run.status;
      if (status !== 'ok' && status !== 'failed' && status !== 'interrupted') continue;
      if (current) judge(run);
      previous = current;
      current = run;
    }
    if (current) judge(undefined);
    return kept;
  }

  /** What getRunLedger's SQL returns: run totals per bucket (by run start) and network, summed in start order. */
  runTotals(buckets: ReadonlyArray<{ k: number; s: number; e: number }>, networks: readonly Network[]): HeldRunTotals[] {
    const rows: HeldRunTotals[] = [];
    const names = [...new Set(networks)].sort();
    for (const { k, s, e } of buckets) {
      for (const network of names) {
        const runs = this.byNetwork.get(network) ?? [];
        const row: HeldRunTotals = { k, network, runs: 0, successes: 0, failures: 0, rateLimitPauses: 0, postsCollected: 0, postsUnavailable: 0, postsRead: 0, estimatedCostUsd: 0 };
        let any = false;
        const cost = new CompensatedSum();
        for (let at = firstAtOrAfter(runs, s); at < runs.length && runs[at]!.startedAt < e; at += 1) {
          const run = runs[at]!;
          any = true;
          if (run.status !== 'skipped') row.runs += 1;
          if (run.status === 'ok' || run.status === 'rate_limited') row.successes += 1;
          if (run.status === 'failed') row.failures += 1;
          row.rateLimitPauses += run.ratePauses + (run.status === 'rate_limited' ? 1 : 0);
          row.postsCollected += run.postsNew;
          row.postsUnavailable += run.postsUnavailable;
          row.postsRead += run.postsRead;
          cost.add(run.cost);
        }
        row.estimatedCostUsd = cost.value();
        if (any) rows.push(row);
      }
    }
    return rows;
  }
}

/**
 * A sum of floating-point values as SQLite's SUM computes it (Kahan-Babuska-Neumaier since 3.43), so
 * the estimated spend is the same to the last bit as the SQL's.
 */
class CompensatedSum {
  private sum = 0;
  private error = 0;

  add(value: number): void {
    const total = this.sum + value;
    this.error += Math.abs(this.sum) > Math.abs(value) ? this.sum - total + value : value - total + this.sum;
    this.sum = total;
  }

  value(): number {
    return this.sum + this.error;
  }
}

/** The first position of `runs` (in start order) that started at or after `at`. */
function firstAtOrAfter(runs: readonly HeldRun[], at: number): number {
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (runs[mid]!.startedAt < at) low = mid + 1;
    else high = mid;
  }
  return low;
}

const logs = new WeakMap<Db, RunLog>();

/**
 * The runs of `network` that started by `now` and can change its ledger, as listLedgerRuns selects
 * them, from the connection's in-memory copy of the run log; null inside a write transaction.
 */
export function heldLedgerRuns(db: Db, network: Network, now: number, liveLagMs: number): readonly LedgerRun[] | null {
  const log = syncedLog(db);
  return log ? log.ledgerRuns(network, now, liveLagMs) : null;
}

/** Run totals per bucket and network as getRunLedger's SQL gives them, from the held runs; null inside a write transaction. */
export function heldRunTotals(db: Db, buckets: ReadonlyArray<{ k: number; s: number; e: number }>, networks: readonly Network[]): HeldRunTotals[] | null {
  return syncedLog(db)?.runTotals(buckets, networks) ?? null;
}

/** Reads the run log into the connection's memory now, so the first coverage answer does not wait for it (a server calls it at start). */
export function holdLedgerRuns(db: Db): void {
  syncedLog(db);
}

function syncedLog(db: Db): RunLog | null {
  let log = logs.get(db);
  if (!log) logs.set(db, (log = new RunLog(db)));
  return log.sync() ? log : null;
}
