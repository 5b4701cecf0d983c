// Brings one connection's in-memory copies (post index, run log, comparator index) up to date now,
// so that the next answer after a collection, or after a quiet week, does not wait for them.
import { comparatorIndexOf } from './comparator-index.js';
import type { Db } from './connection.js';
import { holdLedgerRuns } from './ledger-runs.js';
import { postIndexOf } from './post-index.js';

/**
 * Builds or catches up the post index and the run log, and the comparator index when share of voice
 * has comparators, with its accounts matched to the campaign's.
 */
export function catchUpIndexes(db: Db, options: { comparators: boolean }): void {
  const posts = postIndexOf(db);
  holdLedgerRuns(db);
  const comparators = options.comparators ? comparatorIndexOf(db) : null;
  if (posts && comparators) comparators.resolveAccounts(posts);
}
