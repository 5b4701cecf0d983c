// GET /healthz for monitors: 200 when the database answers, has the schema this code expects and
// passed its last integrity check; 503 otherwise, saying which. The integrity check reads every
// page, so it runs in the background (db/health.ts) at start and then at most once per interval;
// /healthz reports its latest result and never waits for it.
import type { Context } from 'hono';
import type { Db } from '../../db/connection.js';
import { checkIntegrity, readDatabaseHealth, type IntegrityResult } from '../../db/health.js';

export interface HealthOptions {
  db: Db;
  now: () => number;
  /** How old an integrity result may be before /healthz starts a new check; default 1 hour. */
  integrityEveryMs?: number;
}

export interface Health {
  /** Starts an integrity check now unless one is running; resolves when it has finished. */
  checkIntegrityNow(): Promise<void>;
  handler(c: Context): Response;
}

const HOUR_MS = 3_600_000;

export function createHealth(options: HealthOptions): Health {
  const every = options.integrityEveryMs ?? HOUR_MS;
  let latest: (IntegrityResult & { checkedAt: number }) | null = null;
  let running: Promise<void> | null = null;

  const checkIntegrityNow = () => {
    running ??= checkIntegrity(options.db).then((result) => {
      latest = { ...result, checkedAt: options.now() };
      running = null;
    });
    return running;
  };

  const handler = (c: Context) => {
    const now = options.now();
    if (!running && (latest === null || now - latest.checkedAt >= every)) void checkIntegrityNow();
    const health = readDatabaseHealth(options.db);
    const schemaOk = health.schemaVersion === health.expectedSchemaVersion;
    const integrity = latest === null ? 'pending' : latest.ok ? 'ok' : 'failed';
    const database = health.database !== 'ok' ? health.database : integrity === 'failed' ? 'corrupt' : 'ok';
    const ok = database === 'ok' && schemaOk;
    const problem =
      health.problem ??
      (integrity === 'failed' ? `integrity check: ${latest!.problem}` : null) ??
      (schemaOk ? null : `schema version ${health.schemaVersion} where this code expects ${health.expectedSchemaVersion}: restart the tracker so it migrates, or run the matching version`);
    return c.json(
      {
        ok,
        database,
        ...(problem ? { problem } : {}),
        schema: { version: health.schemaVersion, expected: health.expectedSchemaVersion },
        integrity: { status: integrity, checkedAt: latest ? new Date(latest.checkedAt).toISOString() : null },
        lastCollection: health.lastCollectionAt === null ? null : { at: new Date(health.lastCollectionAt).toISOString(), ageSeconds: Math.max(0, Math.round((now - health.lastCollectionAt) / 1000)) },
      },
      ok ? 200 : 503,
      { 'Cache-Control': 'no-store' },
    );
  };

  return { checkIntegrityNow, handler };
}
