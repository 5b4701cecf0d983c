// The in-memory post index is a cache of the SQL answers: a test asks every answer with it, then
// with SQL alone, and expects the same bytes.
import { expect } from 'vitest';
import type { Db } from '../../db/connection.js';
import { setPostIndexEnabled } from '../../db/post-index.js';

/** Asks `answers` with the index and without it, expects each body equal, and gives the indexed ones. */
export async function expectIndexEqualsSql(db: Db, answers: () => Promise<Map<string, string>>): Promise<Map<string, string>> {
  const fast = await answers();
  setPostIndexEnabled(db, false);
  let plain: Map<string, string>;
  try {
    plain = await answers();
  } finally {
    setPostIndexEnabled(db, true);
  }
  for (const [path, body] of plain) expect(fast.get(path), path).toBe(body);
  return fast;
}
