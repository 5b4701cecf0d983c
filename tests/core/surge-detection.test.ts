// The alert maths on its own: robust baseline, minimum volume, thin baselines, quiet hours.
import { describe, expect, test } from 'vitest';
import {
  alertKey,
  describeAlert,
  isQuietTime,
  judgeHour,
  median,
  medianAbsoluteDeviation,
  parseQuietHours,
  robustSpread,
} from '../../core/surge-detection.js';

describe('surge detection', () => {
  test('median and MAD ignore one wild week', () => {
    expect(median([20, 22, 19, 21, 400])).toBe(21);
    expect(medianAbsoluteDeviation([20, 22, 19, 21, 400])).toBe(1);
    // Spread never falls below the square root of the usual count.
    expect(robustSpread([20, 22, 19, 21, 400])).toBeCloseTo(Math.sqrt(21));
  });

  test('an hour four times the usual is a surge and a usual hour is not', () => {
    const baseline = [20, 22, 19, 21, 18, 23];
    expect(judgeHour('posts', 80, baseline)).toMatchObject({ direction: 'surge', value: 80, baselineMedian: 20.5, baselineWeeks: 6 });
    expect(judgeHour('posts', 26, baseline)).toBeNull();
  });

  test('a quiet hashtag going from 1 to 6 posts does not cry wolf', () => {
    expect(judgeHour('posts', 6, [1, 0, 1, 2, 1, 1])).toBeNull();
    expect(judgeHour('posts', 12, [1, 0, 1, 2, 1, 1])).toMatchObject({ direction: 'surge' });
  });

  test('a busy hour falling silent is a stop, a quiet hour falling silent is not', () => {
    expect(judgeHour('posts', 0, [30, 28, 31, 29])).toMatchObject({ direction: 'stop', baselineMedian: 29.5 });
    expect(judgeHour('posts', 0, [4, 3, 5, 4])).toBeNull();
  });

  test('fewer collected baseline weeks than the minimum give no judgement', () => {
    expect(judgeHour('posts', 500, [20, 21])).toBeNull();
    expect(judgeHour('posts', 500, [])).toBeNull();
  });

  test('the alert key names metric, direction and the hour', () => {
    expect(alertKey('posts', 'surge', Date.parse('2026-11-30T14:00:00Z'))).toBe('posts:surge:2026-11-30T14:00:00.000Z');
  });

  test('quiet hours wrap past midnight on the report clock', () => {
    const quiet = parseQuietHours('22-07');
    const ny = 'America/New_York';
    expect(isQuietTime(Date.parse('2026-12-01T04:00:00Z'), quiet, ny)).toBe(true); // 23:00 in New York
    expect(isQuietTime(Date.parse('2026-12-01T11:30:00Z'), quiet, ny)).toBe(true); // 06:30
    expect(isQuietTime(Date.parse('2026-12-01T12:00:00Z'), quiet, ny)).toBe(false); // 07:00
    expect(isQuietTime(Date.parse('2026-12-01T12:00:00Z'), null, ny)).toBe(false);
    expect(() => parseQuietHours('late')).toThrow(/such as 22-07/);
    expect(() => parseQuietHours('7-7')).toThrow(/two different hours/);
  });

  test('the message says what moved, by how much, who drove it and whether ready-made posts were among them', () => {
    const text = describeAlert(
      {
        metric: 'posts',
        direction: 'surge',
        hourStart: Date.parse('2026-11-30T14:00:00Z'),
        value: 80,
        baselineMedian: 20,
        baselineWeeks: 6,
        score: 13,
        readyMadePosts: 12,
        topPosts: [{ network: 'x', url: 'https://x.com/a/status/1', author: 'ana', text: 'Fair pay now #jobquality', engagements: 40, readyMade: true }],
        topContributors: [{ network: 'x', username: 'ana', posts: 3, engagements: 50 }],
      },
      'America/New_York',
    );
    expect(text).toContain('Surge in posts: 80 in the hour Mon 30 Nov 2026, 09:00–10:00 (America/New_York), against a usual 20 (+300%');
    expect(text).toContain('6 collected weeks');
    expect(text).toContain("12 posts in the hour used the campaign's ready-made posts.");
    expect(text).toContain('@ana (x, 40 engagements, ready-made): Fair pay now #jobquality https://x.com/a/status/1');
    expect(text).toContain('Most active: @ana (x, 3 posts).');
  });
});
