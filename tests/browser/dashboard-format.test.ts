// How the dashboard app words numbers and changes (dashboard/app/src/internal/format.ts):
// missing impressions read "n/a", never 0, and a change always says which way it went.
import { describe, expect, test } from 'vitest';
import { describeChange, formatCount, formatDateRuns, formatRate } from '../../dashboard/app/src/internal/format.js';

describe('format', () => {
  test('a number nobody reported is "n/a", and zero is still zero', () => {
    expect(formatCount(null)).toBe('n/a');
    expect(formatRate(null)).toBe('n/a');
    expect(formatCount(0)).toBe('0');
  });

  test('a change says its direction, and nothing to compare says so', () => {
    expect(describeChange(150, 100)).toMatchObject({ direction: 'up' });
    expect(describeChange(150, 100).text).toContain('50');
    expect(describeChange(50, 100)).toMatchObject({ direction: 'down' });
    expect(describeChange(100, 100).direction).toBe('same');
    expect(describeChange(5, 0).direction).toBe('new');
    expect(describeChange(null, 100).direction).toBe('none');
    expect(describeChange(100, null).direction).toBe('none');
  });

  test('a tiny change is not shown as 0%', () => {
    const change = describeChange(1001, 1000);
    expect(change.direction).toBe('up');
    expect(change.text).toContain('<');
  });

  test('a change of a rate is in percentage points, not a percentage of a percentage', () => {
    const change = describeChange(0.03, 0.02, 'rate');
    expect(change.direction).toBe('up');
    expect(change.text).toContain('1');
    expect(change.text).toContain('pts');
    expect(change.words).toContain('percentage points');
  });

  test('gap days read as runs of consecutive days', () => {
    const text = formatDateRuns(['2026-11-02', '2026-10-31', '2026-11-01', '2026-11-05', '2026-11-01']);
    // Oct 31 – Nov 2 is one run (across a month end), Nov 5 another.
    expect(text.split('; ')).toHaveLength(2);
    expect(text.split('; ')[0]).toContain('–');
    expect(text.split('; ')[1]).not.toContain('–');
    expect(formatDateRuns([])).toBe('');
  });
});
