// Tokens that change whenever the data behind a dashboard answer may have changed, so an answer
// computed from the data can be reused until then.
import type { Db } from './connection.js';
import { statement } from './statements.js';

/**
 * Changes after every commit: `data_version` moves when another connection (another process, such
 * as `jobquality collect --once`) commits, `total_changes()` when this connection writes. A rolled
 * back write may change it too, which only costs a recomputation, never a stale answer.
 */
export function dataVersion(db: Db): string {
  const row = statement<[], { version: number; changes: number }>(
    db,
    'SELECT (SELECT data_version FROM pragma_data_version()) AS version, total_changes() AS changes',
  ).get()!;
  return `${row.version}.${row.changes}`;
}

/** What an answer is computed from: the collected posts only, or those and the share clicks. */
export type AnswerSource = 'collected' | 'collected+clicks';

/**
 * A token that changes only when the data `source` names changes (migration 010's counters, kept
 * by triggers for every writer, in any process). A share click moves 'collected+clicks' and leaves
 * 'collected' as it was. On a database without the counters (opened read-only before migrating)
 * it falls back to dataVersion, which moves on every commit: never stale, only less often reused.
 */
export function changeToken(db: Db, source: AnswerSource): string {
  try {
    const rows = statement<[], { name: string; value: number }>(db, 'SELECT name, value FROM change_counters ORDER BY name').all();
    const collected = rows.find((row) => row.name === 'collected')?.value ?? 0;
    if (source === 'collected') return `c${collected}`;
    return `c${collected}.k${rows.find((row) => row.name === 'share_clicks')?.value ?? 0}`;
  } catch {
    return `v${dataVersion(db)}`;
  }
}
