// Before a report quotes a post it asks the network again: deleted posts are purged and never confirmed.
import { beforeEach, describe, expect, test } from 'vitest';
import { checkPostsStillExist } from '../../collector/check-posts-exist.js';
import { collectOnce } from '../../collector/collect-once.js';
import type { Db } from '../../db/connection.js';
import type { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { FAIR_WORK_ORG, fakeXCollectionPerTest, type FakeXCollection } from '../helpers/fake-x-collection.js';

const TOKEN = 'check-token';
const collection = fakeXCollectionPerTest({ token: TOKEN, users: [FAIR_WORK_ORG], folderPrefix: 'jq-check-' });
let x: FakeXServer;
let db: Db;
let config: FakeXCollection['config'];

beforeEach(() => {
  ({ x, db, config } = collection());
});

function addPost(text: string): string {
  return x.addPost({ authorId: '100', text, createdAt: new Date(Date.now() - 10 * 60_000), metrics: { like: 3 } });
}

describe('checking that posts still exist', () => {
  test('a post deleted since collection is not confirmed and its text is purged', async () => {
    const kept = addPost('Fix work, not workers #jobquality');
    const deleted = addPost('Good jobs matter #jobquality');
    const { log } = captureLogger();
    await collectOnce(config(), db, log, { refresh: 'none' });
    x.deletePost(deleted);

    const { confirmed, checkedNetworks } = await checkPostsStillExist(config(), db, log, [
      { network: 'x', id: kept },
      { network: 'x', id: deleted },
    ]);

    expect([...confirmed]).toEqual([kept]);
    expect([...checkedNetworks]).toEqual(['x']);
    const row = db.prepare(`SELECT text, removed_at FROM posts WHERE network_id = ?`).get(deleted) as { text: string | null; removed_at: number | null };
    expect(row.text).toBeNull();
    expect(row.removed_at).not.toBeNull();
  });

  test('the check looks up only the named posts and does not search for new ones', async () => {
    const kept = addPost('Fix work, not workers #jobquality');
    const { log } = captureLogger();
    await collectOnce(config(), db, log, { refresh: 'none' });
    addPost('A brand new post #jobquality');
    const before = x.requests.length;

    await checkPostsStillExist(config(), db, log, [{ network: 'x', id: kept }]);

    const made = x.requests.slice(before);
    expect(made.map((request) => request.path)).toEqual(['/2/tweets']);
    expect(db.prepare(`SELECT count(*) FROM posts`).pluck().get()).toBe(1);
  });

  test('posts of a network that cannot be asked are neither confirmed nor reported as checked', async () => {
    const kept = addPost('Fix work, not workers #jobquality');
    const { log } = captureLogger();
    await collectOnce(config(), db, log, { refresh: 'none' });

    const { confirmed, checkedNetworks } = await checkPostsStillExist(config({ X_BEARER_TOKEN: '' }), db, log, [{ network: 'x', id: kept }]);

    expect(confirmed.size).toBe(0);
    expect(checkedNetworks.size).toBe(0);
  });
});
