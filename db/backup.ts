// Online backups and their checks: a consistent copy of the live database, taken with SQLite's
// backup API while the collector goes on writing, and the checks a file must pass to be restored.
import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from './connection.js';
import { MIGRATIONS } from './migrations/index.js';

export interface BackupSummary {
  file: string;
  bytes: number;
  schemaVersion: number;
  posts: number;
  runs: number;
}

/** Why a file cannot be restored (or a backup came out wrong): the message says what to do. */
export class BackupFileError extends Error {
  override name = 'BackupFileError';
}

/**
 * Copies `db` into `target` (written as `<target>.partial`, checked, then renamed, so a failed backup
 * never leaves a half file under the real name). The whole database is copied in one step, inside
 * one read transaction: under WAL the collector keeps committing meanwhile, and the copy is the
 * database as of the step's start (a step-by-step copy would restart after each of its commits).
 */
export async function backupDatabase(db: Db, target: string): Promise<BackupSummary> {
  if (existsSync(target)) throw new BackupFileError(`${target} already exists: choose a new file name (backups never overwrite a file).`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, { progress: () => 2 ** 30 });
    const summary = inspectDatabaseFile(partial);
    // One self-contained file: a backup opens anywhere, read-only media included, without a -wal or -shm.
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    renameSync(partial, target);
    return { ...summary, file: target };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/** Opens `file` read-only and checks it is a whole jobquality database this version can use. */
export function inspectDatabaseFile(file: string): BackupSummary {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupFileError(`${file} cannot be opened as a database: ${error instanceof Error ? error.message : String(error)}.`);
  }
  try {
    let integrity: unknown;
    try {
      integrity = db.pragma('integrity_check', { simple: true });
    } catch (error) {
      throw new BackupFileError(`${file} is not a SQLite database (${error instanceof Error ? error.message : String(error)}).`);
    }
    if (integrity !== 'ok') throw new BackupFileError(`${file} fails SQLite's integrity check (${String(integrity)}): it is damaged; use another backup.`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const latest = MIGRATIONS.at(-1)?.version ?? 0;
    if (schemaVersion > latest) throw new BackupFileError(`${file} has schema version ${schemaVersion}, newer than this tracker knows (${latest}): upgrade the tracker first.`);
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    if (schemaVersion < 1 || !tables.has('posts') || !tables.has('collection_runs')) {
      throw new BackupFileError(`${file} is a SQLite database but not a jobquality one (no posts or collection_runs table).`);
    }
    const posts = db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
    const runs = db.prepare('SELECT count(*) FROM collection_runs').pluck().get() as number;
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return { file, bytes: pageCount * pageSize, schemaVersion, posts, runs };
  } finally {
    db.close();
  }
}
