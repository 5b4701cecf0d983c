// A fake X API with its users, a fresh database file and the configuration that points the real
// collector at them: the set-up of every test that collects from X end to end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../cli/config.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { FakeXServer, type FakeXServerOptions, type FakeXUser } from '../../fakes/x/fake-x-server.js';

export const FAIR_WORK_ORG: FakeXUser = { id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 };
export const SHIFT_WORKER: FakeXUser = { id: '200', username: 'shiftworker', name: 'Shift Worker', followers: 80 };

export interface FakeXCollection {
  x: FakeXServer;
  /** A temporary folder holding the database (jq.db); removed by close(). */
  dir: string;
  db: Db;
  /** The configuration for collecting from the fake (X only), with `env` on top of `baseEnv`. */
  config(env?: Record<string, string>): Config;
  close(): Promise<void>;
}

export interface FakeXCollectionOptions {
  token: string;
  users: readonly FakeXUser[];
  /** Prefix of the temporary folder's name, e.g. 'jq-x-'. */
  dirPrefix: string;
  server?: FakeXServerOptions;
  /** Settings every config() of this test file shares. */
  baseEnv?: Record<string, string>;
}

export async function startFakeXCollection(options: FakeXCollectionOptions): Promise<FakeXCollection> {
  const x = await FakeXServer.start({ bearerToken: options.token, ...options.server });
  for (const user of options.users) x.addUser(user);
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix));
  const db = openDatabase(join(dir, 'jq.db'));
  return {
    x,
    dir,
    db,
    config: (env = {}) => loadConfig({ X_BEARER_TOKEN: options.token, X_API_BASE_URL: x.baseUrl, MASTODON_INSTANCES: '', ...options.baseEnv, ...env }),
    async close() {
      db.close();
      await x.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
