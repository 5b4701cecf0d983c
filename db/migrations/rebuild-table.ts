// Rebuilds a table whose definition SQLite cannot ALTER (a CHECK constraint dropped, a column retyped),
// following SQLite's documented procedure: new table, copy, drop, rename, then the table's indexes and
// every trigger and view that names it recreated. The caller runs it inside the migration transaction
// with foreign keys off (see migrate in db/connection.ts), and checks foreign keys before committing.
import type Database from 'better-sqlite3';

/** One table to rebuild: `transform` turns its current CREATE TABLE statement into the new one. */
export interface TableRebuild {
  table: string;
  transform(createSql: string): string;
}

interface SchemaObject {
  type: 'index' | 'trigger' | 'view';
  name: string;
  sql: string;
}

/** Rebuilds `rebuild.table` in place, keeping its rows, indexes, triggers and the views that use it. */
export function rebuildTable(db: Database.Database, rebuild: TableRebuild): void {
  const { table } = rebuild;
  const current = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(table) as { sql: string } | undefined;
  if (!current) throw new Error(`cannot rebuild table ${table}: it does not exist`);
  // Triggers and views of any table may name this one in their bodies; a rename would fail on them while
  // the table is gone, so they are dropped first and recreated exactly as they were. Matching by name is
  // deliberately generous: recreating an object that did not need it changes nothing.
  const dependents = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE sql IS NOT NULL AND ((type = 'index' AND tbl_name = @table) OR (type IN ('trigger', 'view') AND (tbl_name = @table OR instr(sql, @table) > 0)))`,
    )
    .all({ table }) as SchemaObject[];
  for (const object of dependents) {
    if (object.type !== 'index') db.exec(`DROP ${object.type.toUpperCase()} "${object.name}"`);
  }

  const scratch = `${table}__rebuild`;
  const created = rebuild.transform(current.sql);
  const renamed = created.replace(/^\s*CREATE\s+TABLE\s+(?:"[^"]+"|\w+)/i, `CREATE TABLE "${scratch}"`);
  if (renamed === created) throw new Error(`cannot rebuild table ${table}: the new definition does not start with CREATE TABLE`);
  db.exec(renamed);
  db.exec(`INSERT INTO "${scratch}" SELECT * FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  db.exec(`ALTER TABLE "${scratch}" RENAME TO "${table}"`);
  for (const object of dependents) db.exec(object.sql);
}
