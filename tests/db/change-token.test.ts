// The token that kept dashboard answers (and the indexes' catch-up) hang on: it moves on every write
// to the collected data, inserts included since they no longer bump a counter (migration 019), and
// stays put for writes no answer reads.
import { describe, expect, test } from 'vitest';
import { storeComparatorPost } from '../../db/comparator-posts.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { changeToken } from '../../db/data-version.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { recordShareClick } from '../../db/shareable-adoption.js';
import { makePost, reading } from '../helpers/posts.js';

const T = Date.parse('2026-11-20T12:00:00Z');

function store(db: Db, id: string, author = makePost(id).author): number {
  const post = makePost(id, { author });
  storeCollectedPost(db, { post, authorId: upsertAuthor(db, 'x', post.author, T), matchedHashtags: ['jobquality'], now: T, nextRefreshAt: null });
  return db.prepare('SELECT id FROM posts WHERE network_id = ?').pluck().get(id) as number;
}

describe('the collected-data change token', () => {
  test('a new post by a known author moves it, though no counter trigger fires on inserts', () => {
    const db = openDatabase(':memory:');
    const author = makePost('a').author;
    store(db, 'first', author);
    const before = changeToken(db, 'collected');
    store(db, 'second', author);
    expect(changeToken(db, 'collected')).not.toBe(before);
    db.close();
  });

  test('a new author, or a comparator post, moves it', () => {
    const db = openDatabase(':memory:');
    store(db, 'first');
    const before = changeToken(db, 'collected');
    upsertAuthor(db, 'x', makePost('someone-new').author, T);
    const afterAuthor = changeToken(db, 'collected');
    expect(afterAuthor).not.toBe(before);
    storeComparatorPost(db, { post: makePost('rival', { metrics: reading({ likes: 1 }) }), tags: ['livingwage'], now: T, nextRefreshAt: null });
    expect(changeToken(db, 'collected')).not.toBe(afterAuthor);
    db.close();
  });

  test("an author's new follower count moves it; seeing the same author again unchanged does not", () => {
    const db = openDatabase(':memory:');
    const author = makePost('a').author;
    store(db, 'first', author);
    const before = changeToken(db, 'collected');
    upsertAuthor(db, 'x', author, T + 60_000);
    expect(changeToken(db, 'collected')).toBe(before);
    upsertAuthor(db, 'x', { ...author, followers: author.followers! + 1 }, T + 120_000);
    expect(changeToken(db, 'collected')).not.toBe(before);
    db.close();
  });

  test('deleting the newest post and storing another under the same id gives a token never seen before', () => {
    const db = openDatabase(':memory:');
    store(db, 'first');
    const newest = store(db, 'second');
    const seen = [changeToken(db, 'collected')];
    db.prepare('DELETE FROM posts WHERE id = ?').run(newest);
    seen.push(changeToken(db, 'collected'));
    expect(store(db, 'third')).toBe(newest);
    expect(seen).not.toContain(changeToken(db, 'collected'));
    db.close();
  });

  test('a share click leaves the collected token and moves the one with clicks', () => {
    const db = openDatabase(':memory:');
    store(db, 'first');
    const collected = changeToken(db, 'collected');
    const withClicks = changeToken(db, 'collected+clicks');
    recordShareClick(db, { shareableId: 'bakery', network: 'x', day: '2026-11-20' });
    expect(changeToken(db, 'collected')).toBe(collected);
    expect(changeToken(db, 'collected+clicks')).not.toBe(withClicks);
    db.close();
  });
});
