// A cheap liveness check of the database connection, for /healthz.
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Whether the database answers a trivial query. */
export function checkDatabase(db: Db): boolean {
  try {
    return statement<[], { ok: number }>(db, 'SELECT 1 AS ok').get()?.ok === 1;
  } catch {
    return false;
  }
}
