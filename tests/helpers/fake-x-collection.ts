// Collecting from the fake X API: the fake with the accounts the test names, a database file in a
// folder of its own, and a configuration that points the collector at the fake. Fresh for each test
// (fakeXCollectionPerTest), or started by the test itself when it needs fake options (startFakeXCollection).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig, type Config } from '../../cli/config.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { FakeXServer, type FakeXServerOptions, type FakeXUser } from '../../fakes/x/fake-x-server.js';

export const FAIR_WORK_ORG: FakeXUser = { id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 };
export const SHIFT_WORKER: FakeXUser = { id: '200', username: 'shiftworker', name: 'Shift Worker', followers: 80 };

export interface FakeXCollection {
  /** The fake X API, the test's accounts already added. */
  x: FakeXServer;
  /** The database the collector writes (jq.db in `folder`). */
  db: Db;
  /** A folder of the test's own, for the database and any other file. */
  folder: string;
  /** The configuration that collects X from the fake (and no Mastodon), with `baseEnv` and then `env` on top. */
  config(env?: Record<string, string>): Config;
}

export interface FakeXCollectionOptions {
  token: string;
  users: readonly FakeXUser[];
  /** Start of the temporary folder's name. */
  folderPrefix: string;
  server?: FakeXServerOptions;
  /** Settings every config() of the test shares. */
  baseEnv?: Record<string, string>;
}

/** Starts a fake X collection; `close` closes the database and the fake and removes the folder. */
export async function startFakeXCollection(options: FakeXCollectionOptions): Promise<FakeXCollection & { close(): Promise<void> }> {
  const x = await FakeXServer.start({ bearerToken: options.token, ...options.server });
  for (const user of options.users) x.addUser(user);
  const folder = mkdtempSync(join(tmpdir(), options.folderPrefix));
  const db = openDatabase(join(folder, 'jq.db'));
  return {
    x,
    db,
    folder,
    config: (env = {}) => loadConfig({ X_BEARER_TOKEN: options.token, X_API_BASE_URL: x.baseUrl, MASTODON_INSTANCES: '', ...options.baseEnv, ...env }),
    async close() {
      db.close();
      await x.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Call at the top of a test file; the returned function gives the running test's fake X and database. */
export function fakeXCollectionPerTest(options: FakeXCollectionOptions): () => FakeXCollection {
  let current: (FakeXCollection & { close(): Promise<void> }) | null = null;
  beforeEach(async () => {
    current = await startFakeXCollection(options);
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error('the fake X collection exists only while a test runs');
    return current;
  };
}
