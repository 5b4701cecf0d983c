// Numbers for people in the report: compact counts, signed changes, rates.
import { describe, expect, test } from 'vitest';
import { formatChange, formatKpiChange, formatRate, formatShortCount } from '../../reports/format.js';

describe('format', () => {
  test('counts below a thousand are written in full', () => {
    expect(formatShortCount(0)).toBe('0');
    expect(formatShortCount(987)).toBe('987');
  });

  test('larger counts are compact with at most one decimal', () => {
    expect(formatShortCount(1_234)).toBe('1.2K');
    expect(formatShortCount(12_345)).toBe('12.3K');
    expect(formatShortCount(12_000)).toBe('12K');
    expect(formatShortCount(123_456)).toBe('123K');
    expect(formatShortCount(1_234_567)).toBe('1.2M');
    expect(formatShortCount(2_500_000_000)).toBe('2.5B');
  });

  test('a count that rounds up to the next unit is written in that unit', () => {
    expect(formatShortCount(999_960)).toBe('1M');
    expect(formatShortCount(999_499)).toBe('999K');
  });

  test('an unknown count is "n/a", never 0', () => {
    expect(formatShortCount(null)).toBe('n/a');
  });

  test('changes are signed whole percentages', () => {
    expect(formatChange(118, 100)).toBe('+18%');
    expect(formatChange(95, 100)).toBe('−5%');
    expect(formatChange(100, 100)).toBe('±0%');
    expect(formatChange(2_500, 100)).toBe('+2,400%');
  });

  test('a change from nothing is "new", and from unknown "n/a"', () => {
    expect(formatChange(5, 0)).toBe('new');
    expect(formatChange(0, 0)).toBe('±0%');
    expect(formatChange(5, null)).toBe('n/a');
  });

  test('rates are percentages, and their changes percentage points', () => {
    expect(formatRate(0.0345)).toBe('3.5%');
    expect(formatRate(0.25)).toBe('25%');
    expect(formatRate(null)).toBe('n/a');
    expect(formatKpiChange('rate', 0.035, 0.031, true)).toBe('+0.4 pts vs last week');
  });

  test('a change against a week before collection began is not shown as growth', () => {
    expect(formatKpiChange('count', 64, 0, false)).toBe('no data for the week before');
  });
});
