// Migration 018 on a database an older tracker left with comparator posts: the change log keeps its
// entries, then logs comparator posts written, refreshed and deleted, and share of voice's comparator
// side is read from memory with the comparator posts stored before the upgrade.
import { describe, expect, test } from 'vitest';
import { comparatorIndexOf } from '../../db/comparator-index.js';
import { deleteComparatorPost, storeComparatorPost, storeComparatorReading } from '../../db/comparator-posts.js';
import { openDatabase } from '../../db/connection.js';
import { upsertAuthor } from '../../db/posts.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost, reading } from '../helpers/posts.js';

const T = Date.parse('2026-11-20T12:00:00Z');
const author = { networkId: 'r1', username: 'rival', displayName: null, followers: 10, verified: null };
const comparatorPost = (id: string, createdAt: number, likes: number) => makePost(id, { network: 'bluesky', createdAt, author, metrics: reading({ likes }) });

describe('migration 018 (comparator change log)', () => {
  test('keeps the change log, then logs comparator writes, and the comparator index holds the posts stored before it', () => {
    const { file, db: old } = databaseAtVersion(17);
    const authorId = upsertAuthor(old, 'x', { ...author, followers: 5 }, T);
    upsertAuthor(old, 'x', { ...author, followers: 6 }, T);
    storeComparatorPost(old, { post: comparatorPost('c1', T - 2000, 3), tags: ['fairpay'], now: T, nextRefreshAt: null });
    storeComparatorPost(old, { post: comparatorPost('c2', T - 1000, 4), tags: ['livingwage', 'fairpay'], now: T, nextRefreshAt: null });
    const logged = old.prepare('SELECT seq, table_name AS tableName, row_id AS rowId FROM change_log ORDER BY seq').all();
    expect(logged).toEqual([{ seq: 1, tableName: 'authors', rowId: authorId }]);
    old.close();

    const db = openDatabase(file);
    expect(db.prepare('SELECT seq, table_name AS tableName, row_id AS rowId FROM change_log ORDER BY seq').all()).toEqual(logged);
    const index = comparatorIndexOf(db)!;
    // A campaign without this account: its one comparator account is coded 7 + its code (0).
    const noCampaignAccounts = { accountEpoch: () => 0, accountsAdded: () => [], authorIdOf: () => undefined, authorIdLimit: () => 7 };
    const everyone = () => index.voiceByBucket([{ start: T - 10_000, end: T + 10_000 }], ['bluesky'], ['fairpay', 'livingwage'], noCampaignAccounts);
    expect(everyone()).toEqual([
      [
        { posts: 2, engagements: 7, people: [7] },
        { posts: 1, engagements: 4, people: [7] },
      ],
    ]);

    storeComparatorPost(db, { post: comparatorPost('c3', T, 1), tags: ['livingwage'], now: T, nextRefreshAt: null });
    storeComparatorReading(db, 1, reading({ likes: 30 }), T + 1, null);
    // A new time for the next reading only changes nothing the index holds: not logged.
    db.prepare('UPDATE comparator_posts SET next_refresh_at = ? WHERE id = 1').run(T + 5);
    deleteComparatorPost(db, 2);
    const since = db.prepare("SELECT row_id AS rowId FROM change_log WHERE table_name = 'comparator_posts' ORDER BY seq").all();
    expect(since).toEqual([{ rowId: 3 }, { rowId: 1 }, { rowId: 2 }]);
    expect(comparatorIndexOf(db)).toBe(index);
    expect(everyone()).toEqual([
      [
        { posts: 1, engagements: 30, people: [7] },
        { posts: 1, engagements: 1, people: [7] },
      ],
    ]);
    expect(index.stats).toMatchObject({ loads: 1, catchUps: 1 });
    db.close();
  });
});
