// The refresh schedule is configuration: posts stored under one REFRESH_SCHEDULE follow a new one as
// soon as it is applied, with the same next-refresh rule the collector uses for new posts.
import { describe, expect, test } from 'vitest';
import { nextRefreshAt } from '../../collector/refresh-schedule.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { purgeRemovedPost, selectAllLivePosts } from '../../db/posts.js';
import { applyRefreshSchedule } from '../../db/refresh-schedule.js';
import { makePost } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const OLD_SCHEDULE = [HOUR, DAY, 7 * DAY, 30 * DAY];
const NEW_SCHEDULE = [2 * HOUR, 3 * DAY, 60 * DAY];

function storeAged(db: Db, ages: readonly number[]): void {
  for (const [index, age] of ages.entries()) {
    const post = makePost(`p${index}`, { createdAt: NOW - age });
    storePost(db, post, { now: NOW, nextRefreshAt: nextRefreshAt(post.createdAt, NOW, OLD_SCHEDULE) });
  }
}

const stored = (db: Db) =>
  db.prepare('SELECT network_id AS id, created_at AS createdAt, metrics_at AS readAt, next_refresh_at AS next FROM posts WHERE removed_at IS NULL ORDER BY id').all() as Array<{
    id: string;
    createdAt: number;
    readAt: number;
    next: number | null;
  }>;

describe('applyRefreshSchedule', () => {
  test('moves every stored post onto a changed schedule, by the same rule as new posts', () => {
    const db = openDatabase(':memory:');
    storeAged(db, [10 * 60_000, 5 * HOUR, 2 * DAY, 20 * DAY, 45 * DAY]);
    applyRefreshSchedule(db, OLD_SCHEDULE);

    expect(applyRefreshSchedule(db, NEW_SCHEDULE)).toBeGreaterThan(0);
    for (const post of stored(db)) expect(post.next, post.id).toBe(nextRefreshAt(post.createdAt, post.readAt, NEW_SCHEDULE));
    // The 45-day-old post had no refresh left under the old schedule and gets its 60-day one now.
    expect(stored(db).find((post) => post.id === 'p4')!.next).toBe(NOW - 45 * DAY + 60 * DAY);
  });

  test('does nothing when the schedule is the one already applied', () => {
    const db = openDatabase(':memory:');
    storeAged(db, [HOUR / 2, 3 * DAY]);
    applyRefreshSchedule(db, OLD_SCHEDULE);
    const before = stored(db);
    expect(applyRefreshSchedule(db, OLD_SCHEDULE)).toBe(0);
    expect(stored(db)).toEqual(before);
  });

  test('leaves removed posts unscheduled', () => {
    const db = openDatabase(':memory:');
    storeAged(db, [HOUR / 2, 3 * DAY]);
    const [first] = selectAllLivePosts(db, 'x');
    purgeRemovedPost(db, first!.postId, 'deleted', NOW);
    applyRefreshSchedule(db, NEW_SCHEDULE);
    expect(db.prepare('SELECT next_refresh_at FROM posts WHERE id = ?').pluck().get(first!.postId)).toBeNull();
  });

  test('refuses ages that are not whole milliseconds, saying what it got', () => {
    const db = openDatabase(':memory:');
    expect(() => applyRefreshSchedule(db, [HOUR, 1.5])).toThrow('refresh ages must be whole milliseconds ≥ 0 (got 3600000, 1.5)');
  });
});
