// Collecting from the fake X API, fresh for each test: the fake with the accounts the test names, a
// database file in a folder of its own, and a configuration that points the collector at the fake.
// All of it is closed and removed after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig, type Config } from '../../cli/config.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { FakeXServer, type FakeXUser } from '../../fakes/x/fake-x-server.js';

export interface FakeXCollection {
  /** The fake X API, the test's accounts already added. */
  x: FakeXServer;
  /** The database the collector writes (jq.db in `folder`). */
  db: Db;
  /** A folder of the test's own, for the database and any other file. */
  folder: string;
  /** The configuration that collects X from the fake (and no Mastodon), with `env` on top. */
  config(env?: Record<string, string>): Config;
}

export interface FakeXCollectionOptions {
  token: string;
  users: readonly FakeXUser[];
  /** Start of the temporary folder's name. */
  folderPrefix: string;
}

/** Call at the top of a test file; the returned function gives the running test's fake X and database. */
export function fakeXCollectionPerTest(options: FakeXCollectionOptions): () => FakeXCollection {
  let current: FakeXCollection | null = null;
  beforeEach(async () => {
    const x = await FakeXServer.start({ bearerToken: options.token });
    for (const user of options.users) x.addUser(user);
    const folder = mkdtempSync(join(tmpdir(), options.folderPrefix));
    const db = openDatabase(join(folder, 'jq.db'));
    const config = (env: Record<string, string> = {}) => loadConfig({ X_BEARER_TOKEN: options.token, X_API_BASE_URL: x.baseUrl, MASTODON_INSTANCES: '', ...env });
    current = { x, db, folder, config };
  });
  afterEach(async () => {
    if (!current) return;
    current.db.close();
    await current.x.close();
    rmSync(current.folder, { recursive: true, force: true });
    current = null;
  });
  return () => {
    if (!current) throw new Error('the fake X collection exists only while a test runs');
    return current;
  };
}
