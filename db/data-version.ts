// A token that changes whenever the database's content may have changed, so an answer computed
// from the data can be reused until then.
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
