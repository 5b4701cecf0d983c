// Opens the SQLite store with the pragmas the tracker relies on and brings its schema up to date.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseTooNewError } from './errors.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';
import { rebuildTable } from './migrations/rebuild-table.js';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Open without creating or migrating (for read-only tools); default false. */
  readonly?: boolean;
}

/** Opens (creating the folder and file if needed) and migrates the database at `file`. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  const inMemory = file === ':memory:';
  if (!inMemory && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  // A reader and the collector share the file: WAL lets them work at the same time.
  if (!inMemory && !options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  if (!options.readonly) migrate(db, file);
  else assertNotNewer(db, file, MIGRATIONS);
  return db;
}

function assertNotNewer(db: Db, file: string, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) throw new DatabaseTooNewError(file, current, latest);
  return current;
}

/** Applies every pending migration in one transaction and records the version reached. */
export function migrate(db: Db, file: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = assertNotNewer(db, file, migrations);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  // Foreign keys can only be switched off outside a transaction, and a rebuilt table is dropped and
  // recreated, so a migration that rebuilds runs with them off and is checked before it commits.
  const rebuilds = pending.some((migration) => migration.rebuild?.length);
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  const apply = db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.up);
      for (const table of migration.rebuild ?? []) rebuildTable(db, table);
      db.pragma(`user_version = ${migration.version}`);
    }
    if (rebuilds) assertForeignKeysHold(db, file);
  });
  try {
    apply.immediate();
  } finally {
    if (rebuilds && foreignKeys) db.pragma('foreign_keys = ON');
  }
  return pending.at(-1)!.version;
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
