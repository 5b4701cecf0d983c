// The designs weighed for the distinct-account questions (contributors and potential reach of a
// window, per-bucket authors, top contributors), timed side by side on one database in one run:
// SQL over the created-ordered covering index (migration 002), SQL over the author-ordered one
// (migration 005) (both dropped by 014; the caller puts them back first, db/previous-indexes.ts), the in-memory columnar post index (db/post-index.ts, the chosen one), and two
// in-memory designs built here only to be measured: per-day sorted author-id arrays merged with a
// marker array, and per-day author bitsets OR-ed together. Every design's answer is checked against
// the SQL one, so a fast wrong answer cannot win.
import { getContributorsByWindow, type AnalyticsScope, type TimeWindow } from '../db/analytics.js';
import { getTopContributors } from '../db/analytics-top.js';
import type { Db } from '../db/connection.js';
import { postIndexOf } from '../db/post-index.js';
import { bucketsFor } from '../dashboard/server/time-range.js';
import { DateTime } from 'luxon';
import { summarize, type Timing } from './statistics.js';

export interface OptionTiming {
  question: string;
  option: string;
  timing: Timing | null;
  /** Why the option cannot answer this question, when it cannot. */
  note?: string;
}

export interface OptionsResult {
  timings: OptionTiming[];
  /** Memory and build time of each in-memory design. */
  footprints: Array<{ option: string; bytes: number; buildMs: number }>;
}

const EVERY: AnalyticsScope = { networks: ['x', 'bluesky', 'mastodon'], hashtag: null };

/** Per local day: the distinct live authors of the day's posts, as sorted ids and as a bitset. */
interface DayStructures {
  days: Array<{ start: number; end: number; authors: Int32Array; bits: Uint32Array }>;
  followers: Float64Array;
  authorCount: number;
}

function buildDays(db: Db, range: TimeWindow, timeZone: string): { structures: DayStructures; arraysBytes: number; bitsBytes: number; arraysMs: number; bitsMs: number } {
  const index = postIndexOf(db)!;
  const { created, author, removed, followers, authors } = index.columns();
  const days = bucketsFor(range, 'day', timeZone);
  const words = Math.ceil(authors / 32);
  let arraysMs = 0;
  let bitsMs = 0;
  let at = 0;
  const built = days.map((day) => {
    while (at < created.length && created[at]! < day.start) at += 1;
    const from = at;
    while (at < created.length && created[at]! < day.end) at += 1;
    let started = performance.now();
    const ids: number[] = [];
    for (let i = from; i < at; i += 1) if (removed[i] === 0) ids.push(author[i]!);
    const sorted = Int32Array.from(new Set(ids)).sort();
    arraysMs += performance.now() - started;
    started = performance.now();
    const bits = new Uint32Array(words);
    for (const id of sorted) bits[id >>> 5]! |= 1 << (id & 31);
    bitsMs += performance.now() - started;
    return { start: day.start, end: day.end, authors: sorted, bits };
  });
  return {
    structures: { days: built, followers, authorCount: authors },
    arraysBytes: built.reduce((sum, day) => sum + day.authors.byteLength, 0),
    bitsBytes: built.reduce((sum, day) => sum + day.bits.byteLength, 0),
    arraysMs,
    bitsMs,
  };
}

/** Contributors and reach of whole days by merging their sorted author arrays through a marker array. */
function mergeArrays(structures: DayStructures, window: TimeWindow, seen: Int32Array, stamp: number): { contributors: number; potentialReach: number } {
  let contributors = 0;
  let potentialReach = 0;
  for (const day of structures.days) {
    if (day.start < window.start || day.end > window.end) continue;
    for (const id of day.authors) {
      if (seen[id] === stamp) continue;
      seen[id] = stamp;
      contributors += 1;
      const f = structures.followers[id]!;
      if (f === f) potentialReach += f;
    }
  }
  return { contributors, potentialReach };
}

/** The same by OR-ing the days' bitsets, then counting and summing the set bits. */
function orBitsets(structures: DayStructures, window: TimeWindow): { contributors: number; potentialReach: number } {
  const union = new Uint32Array(Math.ceil(structures.authorCount / 32));
  for (const day of structures.days) {
    if (day.start < window.start || day.end > window.end) continue;
    for (let w = 0; w < union.length; w += 1) union[w]! |= day.bits[w]!;
  }
  let contributors = 0;
  let potentialReach = 0;
  for (let w = 0; w < union.length; w += 1) {
    let word = union[w]!;
    while (word !== 0) {
      const bit = 31 - Math.clz32(word & -word);
      word &= word - 1;
      const id = w * 32 + bit;
      contributors += 1;
      const f = structures.followers[id]!;
      if (f === f) potentialReach += f;
    }
  }
  return { contributors, potentialReach };
}

function time(repetitions: number, run: () => unknown): { timing: Timing; answer: unknown } {
  let answer: unknown;
  const samples: number[] = [];
  for (let i = 0; i < repetitions; i += 1) {
    const started = performance.now();
    answer = run();
    samples.push(performance.now() - started);
  }
  return { timing: summarize(samples), answer };
}

const total = (rows: Array<{ contributors: number; potentialReach: number }>) => ({
  contributors: rows.reduce((sum, row) => sum + row.contributors, 0),
  potentialReach: rows.reduce((sum, row) => sum + row.potentialReach, 0),
});

/** Times every design on the questions that scan; throws if any design's answer differs from SQL's. */
export function measureOptions(db: Db, now: number, timeZone: string, repetitions: number, indexBuildMs: number, onLine?: (line: string) => void): OptionsResult {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const rangeOf = (days: number): TimeWindow => ({ start: today.minus({ days: days - 1 }).toMillis(), end: today.plus({ days: 1 }).toMillis() });
  const index = postIndexOf(db)!;
  const { structures, arraysBytes, bitsBytes, arraysMs, bitsMs } = buildDays(db, rangeOf(180), timeZone);
  const seen = new Int32Array(structures.authorCount);
  let stamp = 0;
  const timings: OptionTiming[] = [];
  const record = (question: string, option: string, run: (() => unknown) | null, expected?: unknown, note?: string) => {
    if (!run) {
      timings.push({ question, option, timing: null, ...(note ? { note } : {}) });
      return;
    }
    const { timing, answer } = time(repetitions, run);
    if (expected !== undefined && JSON.stringify(answer) !== JSON.stringify(expected)) {
      throw new Error(`${option} answered ${question} differently from SQL: ${JSON.stringify(answer).slice(0, 200)} vs ${JSON.stringify(expected).slice(0, 200)}`);
    }
    timings.push({ question, option, timing });
    onLine?.(`${question} / ${option}: median ${timing.medianMs.toFixed(1)} ms`);
  };

  for (const days of [7, 30, 90, 180]) {
    const window = rangeOf(days);
    const question = `contributors and reach, ${days} days`;
    const expected = total(getContributorsByWindow(db, [window], EVERY, 'by-created'));
    record(question, 'SQL, created-ordered index (002)', () => total(getContributorsByWindow(db, [window], EVERY, 'by-created')), expected);
    record(question, 'SQL, author-ordered index (005)', () => total(getContributorsByWindow(db, [window], EVERY, 'by-author')), expected);
    record(question, 'in-memory columnar index (chosen)', () => total(index.contributorsByWindow([window], EVERY)), expected);
    record(question, 'per-day sorted author arrays', () => mergeArrays(structures, window, seen, ++stamp), expected);
    record(question, 'per-day author bitsets', () => orBitsets(structures, window), expected);
  }
  for (const interval of ['day', 'hour'] as const) {
    const buckets = bucketsFor(rangeOf(90), interval, timeZone);
    const question = `authors per ${interval}, 90 days (${buckets.length} buckets)`;
    const expected = getContributorsByWindow(db, buckets, EVERY, 'by-created');
    record(question, 'SQL, created-ordered index (002)', () => getContributorsByWindow(db, buckets, EVERY, 'by-created'), expected);
    record(question, 'SQL, author-ordered index (005)', null, undefined, 'one scan of the whole index per bucket');
    record(question, 'in-memory columnar index (chosen)', () => index.contributorsByWindow(buckets, EVERY), expected);
    if (interval === 'day') {
      const totals = buckets.map((bucket) => total(getContributorsByWindow(db, [bucket], EVERY, 'by-created')));
      record(question, 'per-day sorted author arrays', () => buckets.map((bucket) => mergeArrays(structures, bucket, seen, ++stamp)), totals);
      record(question, 'per-day author bitsets', () => buckets.map((bucket) => orBitsets(structures, bucket)), totals);
    } else {
      record(question, 'per-day sorted author arrays', null, undefined, 'needs per-hour sets (24× the memory) or a scan of the posts');
      record(question, 'per-day author bitsets', null, undefined, 'needs per-hour sets (24× the memory) or a scan of the posts');
    }
  }
  for (const by of ['posts', 'engagements', 'reach'] as const) {
    const window = rangeOf(90);
    const question = `top contributors by ${by}, 90 days`;
    const expected = getTopContributors(db, window, EVERY, { by, limit: 10 }, 'by-created');
    record(question, 'SQL, created-ordered index (002)', () => getTopContributors(db, window, EVERY, { by, limit: 10 }, 'by-created'), expected);
    record(question, 'SQL, author-ordered index (005)', () => getTopContributors(db, window, EVERY, { by, limit: 10 }, 'by-author'), expected);
    record(question, 'in-memory columnar index (chosen)', () => getTopContributors(db, window, EVERY, { by, limit: 10 }, 'memory'), expected);
    record(question, 'per-day sorted author arrays', null, undefined, 'holds no per-author post counts or engagements');
    record(question, 'per-day author bitsets', null, undefined, 'holds no per-author post counts or engagements');
  }
  return {
    timings,
    footprints: [
      { option: 'in-memory columnar index (chosen)', bytes: index.footprint().bytes, buildMs: indexBuildMs },
      { option: 'per-day sorted author arrays (on top of the index, all networks, no tag filter)', bytes: arraysBytes, buildMs: arraysMs },
      { option: 'per-day author bitsets (on top of the index, all networks, no tag filter)', bytes: bitsBytes, buildMs: bitsMs },
    ],
  };
}
