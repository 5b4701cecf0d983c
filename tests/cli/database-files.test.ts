// The database file from the outside, with real processes: open errors name the file; export and
// serve work on a read-only folder; backup while the collector writes; restore and its refusals.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { buildCliBeforeAll, killLeftoverChildren } from '../helpers/cli-children.js';
import { runCli, spawnCli, type CliProcess } from '../helpers/cli-process.js';

const X_TOKEN = 'test-bearer-token';
const MINUTE = 60_000;
// Root may write anywhere: the read-only test then runs the command as "nobody".
const AS_OTHER_USER = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let x: FakeXServer;
let dir: string;
const children: CliProcess[] = [];

buildCliBeforeAll();

beforeEach(async () => {
  x = await FakeXServer.start({ bearerToken: X_TOKEN });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  for (let i = 0; i < 5; i += 1) x.addPost({ authorId: '100', text: `Fair pay matters, post ${i} #jobquality`, createdAt: new Date(Date.now() - (20 - i) * MINUTE) });
  dir = mkdtempSync(join(tmpdir(), 'jq-files-'));
});

afterEach(async () => {
  killLeftoverChildren(children);
  await x.close();
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function env(file: string, extra: Record<string, string> = {}): Record<string, string> {
  return { JOBQUALITY_DB: file, X_BEARER_TOKEN: X_TOKEN, X_API_BASE_URL: x.baseUrl, MASTODON_INSTANCES: '', COLLECT_CRON: '0 0 1 1 *', ...extra };
}

const livePosts = (file: string) => {
  const db = new Database(file, { readonly: true });
  const count = db.prepare('SELECT count(*) FROM posts WHERE removed_at IS NULL').pluck().get() as number;
  db.close();
  return count;
};

describe('database files', () => {
  test('a file that is not a database is named in the error, and so is a missing one for export', async () => {
    const notADatabase = join(dir, 'notes.db');
    writeFileSync(notADatabase, 'these are my notes, not a database\n'.repeat(200));
    const status = await runCli(['status'], env(notADatabase));
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`Could not open the database ${notADatabase}: file is not a database`);
    const missing = join(dir, 'missing.db');
    const exported = await runCli(['export', 'posts'], env(missing));
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`Could not open the database ${missing} (read-only): the file does not exist`);
  });

  test('export and serve work on a database in a read-only folder', async () => {
    const folder = join(dir, 'readonly');
    mkdirSync(folder);
    const file = join(folder, 'jq.db');
    expect((await runCli(['collect', '--once'], env(file))).code).toBe(0);
    chmodSync(file, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(dir, 0o755);
    const exported = await runCli(['export', 'posts', '--format', 'json'], env(file, { HOME: dir }), AS_OTHER_USER);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect((JSON.parse(exported.stdout) as unknown[]).length).toBe(5);

    const server = spawnCli(['serve'], env(file, { HOME: dir, PORT: '0' }), AS_OTHER_USER);
    children.push(server);
    await server.waitForOutput('Dashboard: ');
    const url = /Dashboard: (http:\/\/\S+?)\/ /.exec(server.stdout)![1]!;
    const networks = (await (await fetch(`${url}/api/networks?from=2000-01-01`)).json()) as { networks: Array<{ network: string; posts: number }> };
    expect(networks.networks.find((entry) => entry.network === 'x')?.posts).toBe(5);
    expect(server.stderr).toContain('serving it read-only');
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  });

  test('backups taken while the collector writes are whole, checked databases, and one restores into a working database', async () => {
    const live = join(dir, 'live.db');
    // Collects every second: the database is written to while the backups run.
    const collector = spawnCli(['collect', '--refresh', 'all'], env(live, { COLLECT_CRON: '* * * * * *' }));
    children.push(collector);
    await collector.waitForOutput('x run ok');
    const backups: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      x.addPost({ authorId: '100', text: `A new post ${i} #jobquality`, createdAt: new Date(Date.now() - MINUTE) });
      const target = join(dir, `backup-${i}.db`);
      const result = await runCli(['backup', target], env(live));
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Backed up .* to ${target}: \\d+ posts, \\d+ runs`));
      backups.push(target);
    }
    collector.child.kill('SIGTERM');
    expect((await collector.exited).code).toBe(0);
    for (const backup of backups) {
      const db = new Database(backup, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
      // Every stored post still has its author and first snapshot: no half-copied page.
      expect(db.prepare('SELECT count(*) FROM posts p LEFT JOIN authors a ON a.id = p.author_id WHERE a.id IS NULL').pluck().get()).toBe(0);
      db.close();
    }
    expect(livePosts(backups[2]!)).toBeGreaterThanOrEqual(livePosts(backups[0]!));

    const restored = join(dir, 'restored', 'jq.db');
    mkdirSync(join(dir, 'restored'));
    writeFileSync(restored, '');
    const restore = await runCli(['restore', backups[2]!], env(restored));
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`Restored ${backups[2]} into ${restored}: ${livePosts(backups[2]!)} posts`);
    expect(restore.stdout).toContain(`the previous database is kept as ${restored}.before-restore-`);
    const exported = await runCli(['export', 'posts', '--format', 'json'], env(restored));
    expect((JSON.parse(exported.stdout) as unknown[]).length).toBe(livePosts(backups[2]!));
    // The restored database collects on from its checkpoints.
    expect((await runCli(['collect', '--once'], env(restored))).code).toBe(0);
  });

  test('restore refuses a file that is not a backup, and a database a collector is using', async () => {
    const live = join(dir, 'live.db');
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'not a database at all'.repeat(100));
    const refused = await runCli(['restore', junk], env(live));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${junk} is not a SQLite database`);

    const collector = spawnCli(['collect'], env(live));
    children.push(collector);
    await collector.waitForOutput('x run ok');
    const backup = join(dir, 'backup.db');
    expect((await runCli(['backup', backup], env(live))).code).toBe(0);
    const busy = await runCli(['restore', backup], env(live));
    expect(busy.code).toBe(3);
    expect(busy.stderr).toContain(`pid ${collector.child.pid}`);
    expect(await runCli(['backup', backup], env(live))).toMatchObject({ code: 1, stderr: expect.stringContaining('already exists') });
  });
});
