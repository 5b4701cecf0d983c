// /healthz tells a monitor what matters: the database answers, has this code's schema and passed
// its integrity check (run off the event loop), and when a collection last succeeded. A corrupted
// file answers 503. Real files and a real port.
import { mkdtempSync, openSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { finishRun, startRun } from '../../db/runs.js';
import { type RunningServer } from '../../dashboard/server/server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { testDashboard } from '../helpers/test-dashboard.js';

interface HealthBody {
  ok: boolean;
  database: string;
  problem?: string;
  schema: { version: number | null; expected: number };
  integrity: { status: 'ok' | 'pending' | 'failed'; checkedAt: string | null };
  lastCollection: { at: string; ageSeconds: number } | null;
}

let dir: string;
let db: Db | null = null;
let running: RunningServer | null = null;

afterEach(async () => {
  await running?.close();
  running = null;
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function serve(database: Db, now = Date.now()): Promise<string> {
  running = await testDashboard({
    db: database,
    hashtags: ['jobquality'],
    timeZone: 'America/New_York',
    log: captureLogger().log,
    enabledNetworks: ['x'],
    now: () => now,
  }).listen('127.0.0.1', 0);
  return running.url;
}

/** /healthz once the background integrity check has reported (it starts when the server listens). */
async function settledHealth(url: string): Promise<{ status: number; body: HealthBody }> {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const response = await fetch(`${url}/healthz`);
    const body = (await response.json()) as HealthBody;
    if (body.integrity.status !== 'pending' || body.database !== 'ok') return { status: response.status, body };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the integrity check never reported');
}

describe('/healthz', () => {
  test('a sound database at this code’s schema is healthy, with the age of the last successful collection', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jq-health-'));
    const now = Date.parse('2026-11-04T15:00:00Z');
    db = openDatabase(join(dir, 'jq.db'));
    const run = startRun(db, 'x', now - 20 * 60_000);
    finishRun(db, run, { status: 'ok', now: now - 15 * 60_000 });
    finishRun(db, startRun(db, 'bluesky', now - 60_000), { status: 'failed', now: now - 30_000, error: 'auth' });
    const url = await serve(db, now);
    const { status, body } = await settledHealth(url);
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, database: 'ok', integrity: { status: 'ok' } });
    expect(body.schema).toEqual({ version: MIGRATIONS.at(-1)!.version, expected: MIGRATIONS.at(-1)!.version });
    // A failed run is not a collection.
    expect(body.lastCollection).toEqual({ at: new Date(now - 15 * 60_000).toISOString(), ageSeconds: 900 });
  });

  test('a database file with damaged pages answers 503 "corrupt"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jq-health-'));
    const file = join(dir, 'jq.db');
    const seeded = seedDatabase({ file });
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    // The schema's own pages stay readable wherever they lie: the file must still open.
    const schemaPages = new Set((seeded.db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'").all() as Array<{ pageno: number }>).map((row) => row.pageno));
    seeded.db.close();
    // Overwrite the second half of the file (table and index pages, never the header or schema) with junk.
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(64 * 1024);
    const fd = openSync(file, 'r+');
    const junk = Buffer.alloc(4096, 0x5a);
    for (let offset = Math.floor(size / 2 / 4096) * 4096; offset + 4096 <= size; offset += 8192) {
      if (!schemaPages.has(offset / 4096 + 1)) writeSync(fd, junk, 0, junk.length, offset);
    }
    closeSync(fd);

    db = openDatabase(file);
    const url = await serve(db);
    const { status, body } = await settledHealth(url);
    expect(status).toBe(503);
    expect(body.ok).toBe(false);
    expect(body.database).toBe('corrupt');
    expect(body.problem).toBeTruthy();
  });

  test('damage only a full read finds (an index no quick probe touches) is found by the background integrity check', async () => {
    dir = mkdtempSync(join(tmpdir(), 'jq-health-'));
    const file = join(dir, 'jq.db');
    const seeded = seedDatabase({ file });
    const pageSize = seeded.db.pragma('page_size', { simple: true }) as number;
    const pages = seeded.db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'posts_by_author' AND pagetype = 'leaf'")
      .all() as Array<{ pageno: number }>;
    expect(pages.length).toBeGreaterThan(0);
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    seeded.db.close();
    const fd = openSync(file, 'r+');
    for (const { pageno } of pages) writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (pageno - 1) * pageSize);
    closeSync(fd);

    db = openDatabase(file);
    const url = await serve(db);
    const { status, body } = await settledHealth(url);
    expect(status).toBe(503);
    expect(body.integrity.status).toBe('failed');
    expect(body.database).toBe('corrupt');
    expect(body.problem).toMatch(/^integrity check: /);
  });

  test('a database left at an older schema (opened without migrating) answers 503 naming both versions', async () => {
    const { file, db: old } = databaseAtVersion(MIGRATIONS[0]!.version);
    old.close();
    db = openDatabase(file, { readonly: true });
    const url = await serve(db);
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as HealthBody;
    expect(body.schema).toEqual({ version: MIGRATIONS[0]!.version, expected: MIGRATIONS.at(-1)!.version });
    expect(body.problem).toContain(`schema version ${MIGRATIONS[0]!.version}`);
  });
});
