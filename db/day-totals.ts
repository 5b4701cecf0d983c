// Per-local-day totals beside the post index, so a window of whole days is answered without looking
// at its posts: the summed counts of each day's live posts, and each account's days as a bitmap with a
// grid that counts distinct accounts exactly. An account is counted in a window [A, B) of days once,
// on its first day there: its entry (d, p), for a day d on which it posted and the day p it last
// posted before d, lies in the window when A <= d < B and p < A. So the grid holds, per day d and
// earlier day p, how many accounts have the entry (d, p) and their followers: a window's distinct
// accounts and potential reach are sums over that grid, whatever the number of posts.
// Kept exact under new, late, refreshed, retagged and removed posts and changed follower counts.
import { LocalDays } from '../core/local-days.js';
import { POST_KINDS } from '../core/types.js';

/** The post index's columns the day totals read (views of its own arrays; positions in creation order). */
export interface DayColumns {
  size: number;
  created: Float64Array;
  author: Int32Array;
  network: Uint8Array;
  tags: Uint32Array;
  removed: Uint8Array;
  kind: Uint8Array;
  withImpressions: Uint8Array;
  /** likes, reposts, replies, quotes, bookmarks, impressions (NULL as 0). */
  counts: readonly Float64Array[];
  authorNetwork: Uint8Array;
  authorFollowers: Float64Array;
  /** Author ids below this are held. */
  authors: number;
  /** Network codes held (the scope's network bits). */
  networks: number;
  /** Tracked tags held (tag bit i is 1 << i). */
  tracked: number;
  /** The first position created at or after an instant (the index's own binary search). */
  firstAt(ms: number): number;
}

/** What a post was before a change, for {@link DayTotals.changed}. */
export interface PostBefore {
  live: boolean;
  author: number;
  created: number;
  tags: number;
}

/** The whole days [first, end) of a window (by index), when it holds at least one. */
export interface CoreDays {
  first: number;
  end: number;
  /** The instants where the whole days start and end. */
  start: number;
  stop: number;
}

/** Sums per group: posts, then the six counts (the post index's group layout). */
const GROUP_WIDTH = 7;
/** Tracked tags beyond this leave windows to the post-by-post pass (each tag costs a grid and a bitmap). */
const MAX_TAG_SLOTS = 9;
/** Days of room kept past the last day at a rebuild; more days than that rebuild (bitmaps have a fixed width). */
const SPARE_DAYS = 96;
/** Accounts per bitmap chunk: new accounts add a chunk, and nothing held is copied (a copy of all was a 1 s pause at 1.2M accounts). */
const CHUNK_SHIFT = 15;
const CHUNK_ACCOUNTS = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK_ACCOUNTS - 1;

const weightOf = (followers: number): number => (followers === followers ? followers : 0);
/** Where row d of a triangular grid starts: row d has d + 1 cells, for p = −1 … d − 1. */
const rowStart = (d: number): number => (d * (d + 1)) / 2;

export class DayTotals {
  private days: LocalDays | null = null;
  private valid = false;
  /** Bitmap words per account, and the days they have room for. */
  private words = 0;
  private authorRoom = 0;
  private networks = 0;
  /** Tag slots: 0 = every post, 1 + i = posts with tracked tag bit i. */
  private slots = 0;
  private groupSlots = 0;
  /** Per tag slot, in chunks of CHUNK_ACCOUNTS: each account's days with a live post there (rows of `words`). */
  private bits: Array<Array<Uint32Array<ArrayBuffer>>> = [];
  /** Per tag slot and network (slot * networks + n): the triangular (d, p) grids of accounts and of their followers. */
  private accounts: Array<Float64Array<ArrayBuffer>> = [];
  private followers: Array<Float64Array<ArrayBuffer>> = [];
  /** Per tag slot: per day, the group sums (day-major, groupSlots × GROUP_WIDTH a day). */
  private sums: Array<Float64Array<ArrayBuffer>> = [];
  readonly stats = { rebuilds: 0, lastRebuildMs: 0 };

  constructor(readonly timeZone: string) {}

  /** Whether the totals hold every post; when not, {@link rebuild} before asking. */
  get current(): boolean {
    return this.valid;
  }

  /** Whether {@link rebuild} can hold `cols` (a bitmap and grids per tracked tag, up to a few tags). */
  canHold(cols: DayColumns): boolean {
    return cols.tracked + 1 <= MAX_TAG_SLOTS;
  }

  /** Forgets everything: the next {@link rebuild} reads every post. */
  invalidate(): void {
    this.valid = false;
  }

  /** Reads every post of `cols` from scratch. */
  rebuild(cols: DayColumns): void {
    const started = performance.now();
    this.stats.rebuilds += 1;
    this.valid = false;
    this.days = null;
    if (!this.canHold(cols)) return;
    this.networks = cols.networks;
    this.slots = cols.tracked + 1;
    this.groupSlots = cols.networks * POST_KINDS.length * 2;
    const days = cols.size > 0 ? new LocalDays(this.timeZone, cols.created[0]!) : null;
    if (days) days.extendTo(cols.created[cols.size - 1]!);
    this.words = Math.ceil(((days?.count ?? 0) + SPARE_DAYS) / 32);
    // Grids and sums have room for every day the bitmaps can mark, so no later day makes them grow.
    const room = this.words * 32;
    this.authorRoom = 0;
    this.bits = Array.from({ length: this.slots }, () => []);
    this.holdAuthors(cols.authors);
    this.accounts = Array.from({ length: this.slots * this.networks }, () => new Float64Array(rowStart(room)));
    this.followers = Array.from({ length: this.slots * this.networks }, () => new Float64Array(rowStart(room)));
    this.sums = Array.from({ length: this.slots }, () => new Float64Array(room * this.groupSlots * GROUP_WIDTH));
    this.days = days;
    this.valid = true;
    for (let at = 0; at < cols.size && this.valid; at += 1) if (cols.removed[at] === 0) this.addLive(cols, at);
    this.stats.lastRebuildMs = performance.now() - started;
  }

  /** Takes the post at `at` out of the sums before its columns change; pass the result to {@link changed} after. */
  before(cols: DayColumns, at: number): PostBefore {
    const was = { live: cols.removed[at] === 0, author: cols.author[at]!, created: cols.created[at]!, tags: cols.tags[at]! };
    if (this.valid && was.live) this.addPostSums(cols, this.dayOf(was.created), at, -1, was.tags);
    return was;
  }

  /** The post at `at` changed from `was` (a refresh, a removal, new tags). */
  changed(cols: DayColumns, at: number, was: PostBefore): void {
    if (!this.valid) return;
    const live = cols.removed[at] === 0;
    if (live && !this.fits(cols, at)) return;
    if (live) this.addPostSums(cols, this.dayOf(cols.created[at]!), at, 1, cols.tags[at]!);
    const now = { live, author: cols.author[at]!, created: cols.created[at]!, tags: cols.tags[at]! };
    if (now.live) this.markDays(cols, at);
    if (!was.live) return;
    // A day the account may have left: it stays only if another live post of that day carries the slot.
    const sameDay = now.live && now.author === was.author && this.dayOf(now.created) === this.dayOf(was.created);
    if (!sameDay) this.recheck(cols, was.author, this.dayOf(was.created), 0);
    // Tags the post still carries on the same day keep their slots marked.
    for (let bits = was.tags & ~(sameDay ? now.tags : 0); bits !== 0; bits &= bits - 1) {
      this.recheck(cols, was.author, this.dayOf(was.created), 1 + (31 - Math.clz32(bits & -bits)));
    }
  }

  /** A post new to the index, now at `at`. */
  added(cols: DayColumns, at: number): void {
    if (!this.valid || cols.removed[at] !== 0) return;
    if (this.fits(cols, at)) this.addLive(cols, at);
  }

  /** An account's follower count changes from `from` to `to` (NaN: never reported); call before the column changes. */
  followersChanged(author: number, network: number, from: number, to: number): void {
    if (!this.valid || author >= this.authorRoom) return;
    const delta = weightOf(to) - weightOf(from);
    if (delta === 0) return;
    const row = (author & CHUNK_MASK) * this.words;
    for (let slot = 0; slot < this.slots; slot += 1) {
      const bits = this.bits[slot]![author >>> CHUNK_SHIFT]!;
      const grid = this.followers[slot * this.networks + network]!;
      let previous = -1;
      for (let w = 0; w < this.words; w += 1) {
        for (let word = bits[row + w]!; word !== 0; word &= word - 1) {
          const d = w * 32 + (31 - Math.clz32(word & -word));
          grid[rowStart(d) + previous + 1]! += delta;
          previous = d;
        }
      }
    }
  }

  /** The whole days inside `window`, or null when it holds none (or the totals are not current). */
  coreOf(start: number, end: number): CoreDays | null {
    const days = this.days;
    if (!this.valid || days === null) return null;
    const first = days.firstDayFrom(start);
    const last = Math.min(days.dayOf(end), days.count);
    if (last <= first) return null;
    return { first, end: last, start: days.startOf(first), stop: days.startOf(last) };
  }

  /** The tag slot of a scope's tag bit (0 = any post). */
  slotOf(tag: number): number {
    return tag === 0 ? 0 : 1 + (31 - Math.clz32(tag));
  }

  /** Adds the core days' group sums (the post index's layout) for the networks in the mask. */
  addCoreSums(core: CoreDays, slot: number, networks: number, into: Float64Array): void {
    const sums = this.sums[slot]!;
    const perNetwork = POST_KINDS.length * 2;
    const perDay = this.groupSlots * GROUP_WIDTH;
    for (let g = 0; g < this.groupSlots; g += 1) {
      if (((networks >>> Math.floor(g / perNetwork)) & 1) === 0) continue;
      for (let d = core.first; d < core.end; d += 1) {
        const base = d * perDay + g * GROUP_WIDTH;
        for (let j = 0; j < GROUP_WIDTH; j += 1) into[g * GROUP_WIDTH + j]! += sums[base + j]!;
      }
    }
  }

  /** Adds the core days' distinct accounts and their followers per network in the mask. */
  addAccounts(core: CoreDays, slot: number, networks: number, counts: Float64Array, reach: Float64Array): void {
    for (let n = 0; n < this.networks; n += 1) {
      if (((networks >>> n) & 1) === 0) continue;
      const accounts = this.accounts[slot * this.networks + n]!;
      const followers = this.followers[slot * this.networks + n]!;
      let count = 0;
      let sum = 0;
      // Entries (d, p) with p < first: cells p + 1 = 0 … first of each row.
      for (let d = core.first; d < core.end; d += 1) {
        const row = rowStart(d);
        for (let cell = row; cell <= row + core.first; cell += 1) {
          count += accounts[cell]!;
          sum += followers[cell]!;
        }
      }
      counts[n]! += count;
      reach[n]! += sum;
    }
  }

  /** Whether the account posted (live, in the slot) on one of the core days: then the core counted it. */
  covers(core: CoreDays, slot: number, author: number): boolean {
    if (author >= this.authorRoom) return false;
    const next = this.nextDay(this.bits[slot]![author >>> CHUNK_SHIFT]!, (author & CHUNK_MASK) * this.words, core.first - 1);
    return next !== -1 && next < core.end;
  }

  private dayOf(created: number): number {
    return this.days!.dayOf(created);
  }

  /** Makes room for the post at `at`; false (and not current) when only a rebuild can. */
  private fits(cols: DayColumns, at: number): boolean {
    if (cols.networks !== this.networks || cols.tracked + 1 !== this.slots) return this.invalidateFalse();
    // A network or tracked tag met since `cols` was taken (in the same catch-up) has no grid yet.
    if (cols.network[at]! >= this.networks || cols.authorNetwork[cols.author[at]!]! >= this.networks || cols.tags[at]! >>> (this.slots - 1) !== 0) return this.invalidateFalse();
    const created = cols.created[at]!;
    if (this.days === null || created < this.days.startOf(0)) return this.invalidateFalse();
    this.days.extendTo(created);
    if (this.days.count > this.words * 32) return this.invalidateFalse();
    this.holdAuthors(Math.max(cols.authors, cols.author[at]! + 1));
    return true;
  }

  private holdAuthors(count: number): void {
    while (this.authorRoom < count) {
      for (const chunks of this.bits) chunks.push(new Uint32Array(CHUNK_ACCOUNTS * this.words));
      this.authorRoom += CHUNK_ACCOUNTS;
    }
  }

  private invalidateFalse(): false {
    this.valid = false;
    return false;
  }

  private addLive(cols: DayColumns, at: number): void {
    this.addPostSums(cols, this.dayOf(cols.created[at]!), at, 1, cols.tags[at]!);
    this.markDays(cols, at);
  }

  private addPostSums(cols: DayColumns, d: number, at: number, sign: number, tags: number): void {
    const base = (d * this.groupSlots + (cols.network[at]! * POST_KINDS.length + cols.kind[at]!) * 2 + cols.withImpressions[at]!) * GROUP_WIDTH;
    const { counts } = cols;
    for (let slot = 0, rest = tags; ; ) {
      const sums = this.sums[slot]!;
      sums[base]! += sign;
      for (let j = 0; j < 6; j += 1) sums[base + 1 + j]! += sign * counts[j]![at]!;
      if (rest === 0) return;
      slot = 1 + (31 - Math.clz32(rest & -rest));
      rest &= rest - 1;
    }
  }

  /** Marks the post's day for its account in every slot it counts in. */
  private markDays(cols: DayColumns, at: number): void {
    const author = cols.author[at]!;
    this.holdAuthors(author + 1);
    const d = this.dayOf(cols.created[at]!);
    const network = cols.authorNetwork[author]!;
    const weight = weightOf(cols.authorFollowers[author]!);
    this.mark(0, author, d, network, weight);
    for (let rest = cols.tags[at]!; rest !== 0; rest &= rest - 1) this.mark(1 + (31 - Math.clz32(rest & -rest)), author, d, network, weight);
  }

  private mark(slot: number, author: number, d: number, network: number, weight: number): void {
    const bits = this.bits[slot]![author >>> CHUNK_SHIFT]!;
    const row = (author & CHUNK_MASK) * this.words;
    const word = row + (d >>> 5);
    const bit = 1 << (d & 31);
    if ((bits[word]! & bit) !== 0) return;
    const previous = this.previousDay(bits, row, d);
    const next = this.nextDay(bits, row, d);
    bits[word]! |= bit;
    const g = slot * this.networks + network;
    this.move(g, next, previous, d, weight);
    this.entry(g, d, previous, 1, weight);
  }

  /** Clears the account's day in the slot when no live post of that day carries the slot any more. */
  private recheck(cols: DayColumns, author: number, d: number, slot: number): void {
    if (slot >= this.slots || this.stillPosted(cols, author, d, slot)) return;
    const bits = this.bits[slot]![author >>> CHUNK_SHIFT]!;
    const row = (author & CHUNK_MASK) * this.words;
    const word = row + (d >>> 5);
    const bit = 1 << (d & 31);
    if ((bits[word]! & bit) === 0) return;
    bits[word]! &= ~bit;
    const previous = this.previousDay(bits, row, d);
    const next = this.nextDay(bits, row, d);
    const g = slot * this.networks + cols.authorNetwork[author]!;
    const weight = weightOf(cols.authorFollowers[author]!);
    this.entry(g, d, previous, -1, weight);
    this.move(g, next, d, previous, weight);
  }

  /** Whether a live post of day d by the account carries the slot (a pass over that day's posts; removals are rare). */
  private stillPosted(cols: DayColumns, author: number, d: number, slot: number): boolean {
    const days = this.days!;
    const tag = slot === 0 ? 0 : 1 << (slot - 1);
    for (let at = cols.firstAt(days.startOf(d)), end = cols.firstAt(days.startOf(d + 1)); at < end; at += 1) {
      if (cols.author[at] === author && cols.removed[at] === 0 && (tag === 0 || (cols.tags[at]! & tag) !== 0)) return true;
    }
    return false;
  }

  /** The account's next day (if any) now follows `to` instead of `from`. */
  private move(g: number, next: number, from: number, to: number, weight: number): void {
    if (next === -1) return;
    this.entry(g, next, from, -1, weight);
    this.entry(g, next, to, 1, weight);
  }

  private entry(g: number, d: number, previous: number, sign: number, weight: number): void {
    const cell = rowStart(d) + previous + 1;
    this.accounts[g]![cell]! += sign;
    this.followers[g]![cell]! += sign * weight;
  }

  /** The last marked day before d in the row, or −1. */
  private previousDay(bits: Uint32Array, row: number, d: number): number {
    let w = d >>> 5;
    let word = bits[row + w]! & ((1 << (d & 31)) - 1);
    while (word === 0) {
      if (w === 0) return -1;
      w -= 1;
      word = bits[row + w]!;
    }
    return w * 32 + 31 - Math.clz32(word);
  }

  /** The first marked day after d in the row (d may be −1), or −1. */
  private nextDay(bits: Uint32Array, row: number, d: number): number {
    const from = d + 1;
    let w = from >>> 5;
    if (w >= this.words) return -1;
    let word = bits[row + w]! & ~((1 << (from & 31)) - 1);
    while (word === 0) {
      w += 1;
      if (w >= this.words) return -1;
      word = bits[row + w]!;
    }
    return w * 32 + (31 - Math.clz32(word & -word));
  }
}
