// What /healthz checks in the database: that it answers, that its schema is the one this code
// expects, when a collection last succeeded, and (off the event loop) that its pages are sound.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './connection.js';
import { MIGRATIONS } from './migrations/index.js';
import { statement } from './statements.js';

export interface DatabaseHealth {
  /** 'corrupt': SQLite found damaged pages; 'unavailable': any other failure to read. */
  database: 'ok' | 'corrupt' | 'unavailable';
  /** PRAGMA user_version, or null when it could not be read. */
  schemaVersion: number | null;
  /** The version this code migrates to. */
  expectedSchemaVersion: number;
  /** When a collection run last ended ok or rate-limited (ms since the epoch), or null. */
  lastCollectionAt: number | null;
  /** Why the database is not ok (SQLite's message), or null. */
  problem: string | null;
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT'));
}

/**
 * The quick checks, cheap enough for every /healthz: reading the schema table touches page 1 and
 * the schema, which a damaged header or a truncated file breaks; the rest reads one row each.
 */
export function readDatabaseHealth(db: Db): DatabaseHealth {
  const expectedSchemaVersion = MIGRATIONS.at(-1)?.version ?? 0;
  try {
    statement<[], { n: number }>(db, 'SELECT count(*) AS n FROM sqlite_schema').get();
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const last = statement<[], { at: number | null }>(
      db,
      "SELECT MAX(finished_at) AS at FROM collection_runs WHERE status IN ('ok', 'rate_limited')",
    ).get();
    return { database: 'ok', schemaVersion, expectedSchemaVersion, lastCollectionAt: last?.at ?? null, problem: null };
  } catch (error) {
    return {
      database: isCorruption(error) ? 'corrupt' : 'unavailable',
      schemaVersion: null,
      expectedSchemaVersion,
      lastCollectionAt: null,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
}

export interface IntegrityResult {
  ok: boolean;
  /** SQLite's first complaint, or null when ok. */
  problem: string | null;
}

// Runs in a worker thread with its own read-only connection, so reading every page of a large
// database (seconds at a million posts) never holds up requests. Plain CommonJS: it is evaluated
// as is, in the source tree and in dist alike.
const INTEGRITY_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let result;
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    const first = db.pragma('quick_check(1)', { simple: true });
    result = first === 'ok' ? { ok: true, problem: null } : { ok: false, problem: String(first) };
  } finally {
    db.close();
  }
} catch (error) {
  result = { ok: false, problem: error && error.message ? error.message : String(error) };
}
parentPort.postMessage(result);
`;

function quickCheckHere(db: Db): IntegrityResult {
  try {
    const first = db.pragma('quick_check(1)', { simple: true });
    return first === 'ok' ? { ok: true, problem: null } : { ok: false, problem: String(first) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * SQLite's `PRAGMA quick_check(1)`: every page and record is read and the first fault reported.
 * A file database is checked in a worker thread; an in-memory one (tests) here.
 */
export function checkIntegrity(db: Db): Promise<IntegrityResult> {
  if (db.memory || db.name === '' || db.name === ':memory:') return Promise.resolve(quickCheckHere(db));
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve) => {
    const worker = new Worker(INTEGRITY_WORKER, { eval: true, workerData: { driver, file: db.name } });
    // A check still running never keeps the process from exiting.
    worker.unref();
    worker.once('message', (result: IntegrityResult) => resolve(result));
    worker.once('error', (error) => resolve({ ok: false, problem: `the integrity check could not run: ${error.message}` }));
    worker.once('exit', (code) => {
      if (code !== 0) resolve({ ok: false, problem: `the integrity check stopped (exit code ${code})` });
    });
  });
}
