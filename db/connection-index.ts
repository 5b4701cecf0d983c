// An in-memory index held once per connection (the post index, the comparator index): built on first
// use when the schema can feed it, brought up to date on every ask, and switchable off per connection
// so the same question can be answered from SQL alone (the benchmarks' "before", the equality tests).
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** An index that catches up with the database; false when SQL must answer (e.g. inside a write transaction). */
export interface SyncedIndex {
  sync(): boolean;
}

export interface ConnectionIndexes<T extends SyncedIndex> {
  /** The index of `db`, up to date with every commit, or null when SQL must answer. */
  of(db: Db): T | null;
  /** Turns the index on (the default) or off for one connection. */
  setEnabled(db: Db, enabled: boolean): void;
}

/** Indexes built by `build` for connections where `availableSql` finds a row (the schema feeds them). */
export function connectionIndexes<T extends SyncedIndex>(availableSql: string, build: (db: Db) => T): ConnectionIndexes<T> {
  const indexes = new WeakMap<Db, T | null>();
  const disabled = new WeakSet<Db>();
  return {
    of(db) {
      if (disabled.has(db)) return null;
      let index = indexes.get(db);
      if (index === undefined) {
        index = statement<[], { found: number }>(db, availableSql).get() ? build(db) : null;
        indexes.set(db, index);
      }
      return index?.sync() ? index : null;
    },
    setEnabled(db, enabled) {
      if (enabled) disabled.delete(db);
      else disabled.add(db);
    },
  };
}
