// The rules that advance a Mastodon timeline checkpoint: what is re-read for late arrivals, and from where.
import { describe, expect, test } from 'vitest';
import { compareIds, forwardStart, MAX_RECENT, readScopeState, recordHandled, type MastodonScopeState } from '../../collector/networks/mastodon/mastodon-checkpoint.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const MINUTE = 60_000;
const WINDOW = 30 * MINUTE;
const empty: MastodonScopeState = { anchorId: null, recent: [], backfill: null };

describe('mastodon checkpoint', () => {
  test('ids compare as Mastodon orders them: a longer id is newer, then the larger', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('109', '108')).toBeGreaterThan(0);
    expect(compareIds('115', '115')).toBe(0);
  });

  test('statuses still inside the late-arrival window are remembered; older ones give way to an anchor above them', () => {
    const state = recordHandled(
      empty,
      [
        { id: '100', createdAt: NOW - 60 * MINUTE },
        { id: '200', createdAt: NOW - 40 * MINUTE },
        { id: '300', createdAt: NOW - 10 * MINUTE },
        { id: '400', createdAt: NOW - MINUTE },
      ],
      NOW,
      WINDOW,
    );
    expect(state.anchorId).toBe('200');
    expect(state.recent).toEqual([
      ['300', NOW - 10 * MINUTE],
      ['400', NOW - MINUTE],
    ]);
    expect(forwardStart(state)).toBe('200');
  });

  test('the anchor only moves up, and later runs forget what has aged out of the window', () => {
    const first = recordHandled(empty, [{ id: '500', createdAt: NOW - 5 * MINUTE }], NOW, WINDOW);
    expect(first.anchorId).toBeNull();
    // Nothing has aged out yet: a late status may sit below '500', so paging starts at the beginning.
    expect(forwardStart(first)).toBe('0');
    const later = recordHandled(first, [{ id: '90', createdAt: NOW - 2 * WINDOW }], NOW + WINDOW, WINDOW);
    expect(later).toEqual({ anchorId: '500', recent: [], backfill: null });
  });

  test('beyond the size cap the oldest entries give way and the anchor moves past them', () => {
    const handled = Array.from({ length: MAX_RECENT + 5 }, (_, i) => ({ id: String(1000 + i), createdAt: NOW - MINUTE }));
    const state = recordHandled(empty, handled, NOW, WINDOW);
    expect(state.recent).toHaveLength(MAX_RECENT);
    expect(state.anchorId).toBe('1004');
    expect(state.recent[0]![0]).toBe('1005');
  });

  test('a stored state in another shape reads as none, so the timeline is collected afresh', () => {
    expect(readScopeState(undefined)).toBeNull();
    expect(readScopeState({ sinceId: '5' })).toBeNull();
    const stored = { anchorId: '7', recent: [['9', NOW]], backfill: null };
    expect(readScopeState(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });
});
