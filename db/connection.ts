// Opens the SQLite store with the pragmas the tracker relies on and brings its schema up to date.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseOpenError, DatabaseTooNewError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { rebuildTable } from './migrations/rebuild-table.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Open without creating or migrating (for read-only tools such as export and serve); default false. */
  readonly?: boolean;
}

/**
 * Opens (creating the folder and file if needed) and migrates the database at `file`. Any failure
 * is a DatabaseOpenError naming the file (or DatabaseTooNewError).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const readonly = options.readonly ?? false;
  try {
    return readonly ? openReadOnly(file) : openReadWrite(file);
  } catch (error) {
    if (error instanceof DatabaseTooNewError || error instanceof DatabaseOpenError) throw error;
    throw new DatabaseOpenError(file, readonly, error);
  }
}

function openReadWrite(file: string): Db {
  const inMemory = file === ':memory:';
  if (!inMemory) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // A reader and the collector share the file: WAL lets them work at the same time.
    if (!inMemory) db.pragma('journal_mode = WAL');
    applyConnectionPragmas(db);
    migrate(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function openReadOnly(file: string): Db {
  if (file !== ':memory:' && !existsSync(file)) {
    throw new DatabaseOpenError(file, true, new Error('the file does not exist (run `jobquality collect --once` to create it, or check JOBQUALITY_DB)'));
  }
  try {
    return checkedReadOnly(file, file);
  } catch (error) {
    // A WAL database whose collector is not running has no -shm file, and a reader cannot create one
    // in a folder it may not write: SQLite refuses. With no -wal either, the file alone is the whole
    // database, so a private copy opened elsewhere answers the same.
    if (!isReadOnlyFolderProblem(error, file)) throw error;
    const dir = mkdtempSync(join(tmpdir(), 'jobquality-readonly-'));
    const copy = join(dir, basename(file));
    copyFileSync(file, copy);
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const db = checkedReadOnly(copy, file);
    const close = db.close.bind(db);
    db.close = () => {
      close();
      rmSync(dir, { recursive: true, force: true });
      return db;
    };
    return db;
  }
}

function checkedReadOnly(path: string, file: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyConnectionPragmas(db);
    assertNotNewer(db, file, MIGRATIONS);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isReadOnlyFolderProblem(error: unknown, file: string): boolean {
  const code = (error as { code?: string }).code ?? '';
  if (!/^SQLITE_(READONLY|CANTOPEN)/.test(code)) return false;
  if (existsSync(`${file}-wal`) || existsSync(`${file}-shm`)) return false;
  try {
    accessSync(dirname(file), constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Whether this process may write `file` and its folder (a missing file counts as writable if its folder would be). */
export function isWritableDatabase(file: string): boolean {
  if (file === ':memory:') return true;
  try {
    if (existsSync(file)) accessSync(file, constants.W_OK);
    if (existsSync(dirname(file))) accessSync(dirname(file), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function applyConnectionPragmas(db: Db): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

function assertNotNewer(db: Db, file: string, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  return current;
}

/**
 * Applies every pending migration in one transaction and records the version reached. The version
 * is read again inside the IMMEDIATE transaction (which holds the write lock): processes starting
 * at once on a new database then migrate one after the other, and the later ones find nothing to do.
 */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const before = assertNotNewer(db, file, migrations);
  const outstanding = migrations.filter((m) => m.version > before);
  // The common case, already up to date, takes no write lock.
  if (outstanding.length === 0) return before;
  // Foreign keys can only be switched off outside a transaction, and a rebuilt table is dropped and
  // recreated, so a migration that rebuilds runs with them off and is checked before it commits.
  const rebuilds = outstanding.some((migration) => migration.rebuild?.length);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  const apply = db.transaction(() => {
    const current = assertNotNewer(db, file, migrations);
    const pending = migrations.filter((m) => m.version > current);
    for (const migration of pending) {
      db.exec(migration.up);
      for (const table of migration.rebuild ?? []) rebuildTable(db, table);
      db.pragma(`user_version = ${migration.version}`);
    }
    if (rebuilds && pending.length > 0) assertForeignKeysHold(db, file);
    return pending.at(-1)?.version ?? current;
  });
  try {
    return apply.immediate();
  } finally {
    if (rebuilds && foreignKeys) db.pragma('foreign_keys = ON');
  }
}

function assertForeignKeysHold(db: Db, file: string): void {
  const broken = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new Error(
      `migrating ${file} would leave ${broken.length} rows pointing at missing rows (first: ${first.table} row ${first.rowid} → ${first.parent}); nothing was changed`,
    );
  }
}
