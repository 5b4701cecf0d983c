// Migration 016 on a database an older tracker left: existing posts get the follower count known at
// the upgrade as their reach, new posts the count their author had when they were stored.
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { upsertAuthor } from '../../db/posts.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const T = Date.parse('2026-11-20T12:00:00Z');

describe('migration 016 (share of voice and amplifiers)', () => {
  test("posts stored before the upgrade get their author's follower count; later posts the count when they were stored", () => {
    const { file, db: old } = databaseAtVersion(15);
    const first = makePost('old', { createdAt: T, author: { networkId: 'a1', username: 'ana', displayName: null, followers: 700, verified: null } });
    storePost(old, first, { now: T });
    old.close();

    const db = openDatabase(file);
    const later = makePost('new', { createdAt: T + 1000, author: { ...first.author, followers: 950 } });
    storePost(db, later, { now: T + 1000 });
    upsertAuthor(db, 'x', { ...first.author, followers: 5000 }, T + 2000);
    const reach = db.prepare('SELECT p.network_id AS id, r.followers FROM post_reach r JOIN posts p ON p.id = r.post_id ORDER BY p.id').all();
    expect(reach).toEqual([
      { id: 'old', followers: 700 },
      { id: 'new', followers: 950 },
    ]);
    db.close();
  });
});
