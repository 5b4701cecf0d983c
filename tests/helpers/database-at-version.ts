// A database file left at an older schema version, as an older tracker would have left it, for
// tests that fill it with the store functions and then check what a newer migration makes of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { migrate, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';

/** A fresh file migrated up to `version` only (removed when the test finishes); reopen `file` with openDatabase to migrate the rest. */
export function databaseAtVersion(version: number): { file: string; db: Db } {
  const dir = mkdtempSync(join(tmpdir(), 'jq-old-db-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'old.db');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  const reached = migrate(db, file, MIGRATIONS.filter((migration) => migration.version <= version));
  if (reached !== version) throw new Error(`databaseAtVersion: migrations stopped at version ${reached}, not ${version}`);
  return { file, db };
}
