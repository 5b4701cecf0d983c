import { describe, expect, test } from 'vitest';
import { nextRefreshAt } from '../../collector/refresh-schedule.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SCHEDULE = [HOUR, DAY, 7 * DAY, 30 * DAY];

describe('nextRefreshAt', () => {
  test('a post first read minutes after posting is next read at one hour old', () => {
    expect(nextRefreshAt(0, 10 * 60_000, SCHEDULE)).toBe(HOUR);
  });

  test('a post found three days late skips the ages already passed', () => {
    expect(nextRefreshAt(0, 3 * DAY, SCHEDULE)).toBe(7 * DAY);
  });

  test('a reading exactly at a scheduled age moves on to the next one', () => {
    expect(nextRefreshAt(0, DAY, SCHEDULE)).toBe(7 * DAY);
  });

  test('after the last scheduled age the post is never refreshed again', () => {
    expect(nextRefreshAt(0, 30 * DAY, SCHEDULE)).toBeNull();
    expect(nextRefreshAt(0, 45 * DAY, SCHEDULE)).toBeNull();
  });
});
