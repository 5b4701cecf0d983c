import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { migrate, openDatabase } from '../../db/connection.js';
import { DatabaseTooNewError } from '../../db/errors.js';
import { MIGRATIONS } from '../../db/migrations/index.js';

const dirs: string[] = [];
function tempFile(name = 'jq.db'): string {
  const dir = mkdtempSync(join(tmpdir(), 'jq-db-'));
  dirs.push(dir);
  return join(dir, 'nested', name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('openDatabase', () => {
  test('creates the folder and file, applies every migration and records the version', () => {
    const file = tempFile();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['posts', 'authors', 'metric_snapshots', 'collection_runs', 'checkpoints']));
    db.close();
  });

  test('uses WAL so the dashboard can read while the collector writes', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  test('opening twice does not re-apply migrations', () => {
    const file = tempFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db, file)).toBe(MIGRATIONS.at(-1)!.version);
    db.close();
  });

  test('refuses a database written by a newer version of the tracker', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.at(-1)!.version + 1}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/only knows up to/);
  });

  test('a failing migration leaves the database at its previous version', () => {
    const db = new Database(':memory:');
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', up: 'CREATE TABLE ok (x); THIS IS NOT SQL;' }];
    expect(() => migrate(db, ':memory:', broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'posts'`).pluck().get()).toBe(0);
  });
});
