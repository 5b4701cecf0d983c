// Migration 007 and the unavailable marker: a post hidden by its network keeps its text and frozen
// counts, is counted once, and a later reading (or a collection that sees it) ends the mark.
import { describe, expect, test } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { findPostId, listUnavailablePosts, markPostUnavailable, notePostShown, selectAvailableNetworkIds } from '../../db/post-availability.js';
import { storeRefreshedReading } from '../../db/posts.js';
import { getRun, startRun } from '../../db/runs.js';
import { databaseAtVersion } from '../helpers/database-at-version.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const T0 = Date.parse('2026-11-20T12:00:00Z');

describe('post availability', () => {
  test('migration 007 keeps the posts and runs a version-5 database held, with nothing marked and no counts source', () => {
    const { file, db: old } = databaseAtVersion(5);
    const post = makePost('1', { network: 'bluesky', metrics: reading({ likes: 4 }) });
    storePost(old, post, { now: T0 });
    const runId = startRun(old, 'bluesky', T0);
    old.close();
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT likes, unavailable_at, unavailable_reason, counts_source FROM posts').get()).toEqual({ likes: 4, unavailable_at: null, unavailable_reason: null, counts_source: null });
      expect(getRun(db, runId)!.postsUnavailable).toBe(0);
      expect(selectAvailableNetworkIds(db, 'bluesky', ['1', 'unknown'])).toEqual(['1']);
    } finally {
      db.close();
    }
  });

  test('a post marked unavailable keeps its counts, is counted once, is not available to quote, and a new reading ends the mark', () => {
    const db = openDatabase(':memory:');
    try {
      const post = makePost('7', { network: 'bluesky', metrics: reading({ likes: 9 }) });
      storePost(db, post, { now: T0 });
      const id = findPostId(db, 'bluesky', '7')!;
      expect(markPostUnavailable(db, id, 'hidden', T0 + 1, T0 + 3_600_000)).toBe(true);
      expect(markPostUnavailable(db, id, 'hidden', T0 + 2, T0 + 7_200_000)).toBe(false);
      expect(listUnavailablePosts(db, 'bluesky')).toEqual([{ networkId: '7', unavailableAt: T0 + 1, reason: 'hidden' }]);
      expect(db.prepare('SELECT likes, text, next_refresh_at FROM posts WHERE id = ?').get(id)).toEqual({ likes: 9, text: post.text, next_refresh_at: T0 + 7_200_000 });
      expect(selectAvailableNetworkIds(db, 'bluesky', ['7'])).toEqual([]);
      storeRefreshedReading(db, id, reading({ likes: 11 }), T0 + 3, null);
      notePostShown(db, id, null);
      expect(listUnavailablePosts(db, 'bluesky')).toEqual([]);
      expect(selectAvailableNetworkIds(db, 'bluesky', ['7'])).toEqual(['7']);
    } finally {
      db.close();
    }
  });
});
