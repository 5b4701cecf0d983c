// An in-memory columnar index of the posts (creation time, author, network, kind, tracked tags,
// removed, counts) and authors (network, followers), kept in creation order, for the questions that
// must look at every post of a window because they count each account once (distinct contributors,
// potential reach, top contributors), rank posts (top posts) or count their hashtags (co-occurring
// hashtags, which the hourly rollup summed in 100 ms over 180 days), and for the window totals behind the
// KPIs (summing posts beats summing an hourly rollup's rows over long windows). Built from
// SQLite on first use, then caught up before each answer with what was committed since, by this
// connection or another process (data_version, the change log of migration 014). It holds no
// answer of its own: every number is computed from it on demand, exactly as the SQL would.
import { engagementsOf, reportsImpressions, type CountTotals } from '../core/metrics.js';
import { POST_KINDS, type Network, type PostKind, type PostRowBase } from '../core/types.js';
import type { AnalyticsScope, TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { connectionIndexes } from './connection-index.js';
import { dataVersion } from './data-version.js';
import { DayTotals, type CoreDays, type DayColumns } from './day-totals.js';
import { statement } from './statements.js';

const COUNT_COLUMNS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;
const KIND_CODE: Readonly<Record<string, number>> = Object.fromEntries(POST_KINDS.map((kind, code) => [kind, code]));
/** Networks get a code each as they are met (the registry may grow); one bit each in a scope mask. */
const MAX_NETWORKS = 31;
/** Tracked tags get one bit each; a database with more distinct tracked tags is answered by SQL. */
const MAX_TAGS = 31;
const LOAD_PAGE = 50_000;

interface PostRow extends PostRowBase {
  id: number;
  created_at: number;
  author_id: number;
  matched_hashtags: string;
  removed: number;
  /** Every hashtag of the post (post_hashtags), a JSON array. */
  hashtags: string;
  /** The author's followers when the post was stored (post_reach, migration 016); null if unknown or before 016. */
  reach: number | null;
}

interface AuthorRow {
  id: number;
  network: Network;
  network_id: string;
  followers: number | null;
}

const POST_COLUMNS = `id, created_at, author_id, network, kind, matched_hashtags, removed_at IS NOT NULL AS removed,
  likes, reposts, replies, quotes, bookmarks, impressions,
  (SELECT json_group_array(h.tag) FROM post_hashtags h WHERE h.post_id = posts.id) AS hashtags`;
// post_reach is written with the post (a trigger of migration 016) and never updated, so it is read with it.
const REACH_COLUMN = (hasReach: boolean) => (hasReach ? '(SELECT r.followers FROM post_reach r WHERE r.post_id = posts.id)' : 'NULL');
const POSTS_AFTER_SQL = (hasReach: boolean) => `SELECT ${POST_COLUMNS}, ${REACH_COLUMN(hasReach)} AS reach FROM posts WHERE id > ? ORDER BY id LIMIT ?`;
const POSTS_BY_ID_SQL = (hasReach: boolean) => `SELECT ${POST_COLUMNS}, ${REACH_COLUMN(hasReach)} AS reach FROM posts WHERE id IN (SELECT value FROM json_each(?))`;
const AUTHORS_AFTER_SQL = 'SELECT id, network, network_id, followers FROM authors WHERE id > ? ORDER BY id LIMIT ?';
const AUTHORS_BY_ID_SQL = 'SELECT id, network, network_id, followers FROM authors WHERE id IN (SELECT value FROM json_each(?))';
// Two subqueries: MIN and MAX side by side in one SELECT read the whole log (about 10 ms at its
// 100,000 entries, on every catch-up); each alone is one b-tree descent.
const LOG_BOUNDS_SQL = 'SELECT COALESCE((SELECT MIN(seq) FROM change_log), 0) AS first, COALESCE((SELECT MAX(seq) FROM change_log), 0) AS last';
const LOG_AFTER_SQL = 'SELECT DISTINCT table_name AS tableName, row_id AS rowId FROM change_log WHERE seq > ?';
const HAS_LOG_SQL = `SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'change_log'`;
const HAS_REACH_SQL = `SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'post_reach'`;
const REPOST = POST_KINDS.indexOf('repost');

/** Distinct contributors of one window and network, with their potential reach (as db/analytics.ts returns them). */
export interface IndexedContributors {
  k: number;
  network: Network;
  contributors: number;
  potentialReach: number;
}

/** One author's totals over a window. */
export interface IndexedAuthorTotals {
  authorId: number;
  posts: number;
  engagements: number;
  /** Latest follower count, null if never reported. */
  followers: number | null;
}

/** One group of a window's posts with its summed counts (as db/analytics.ts returns them). */
export interface IndexedPostGroup {
  k: number;
  network: Network;
  kind: PostKind;
  withImpressions: boolean;
  totals: CountTotals;
}

/** How often one hashtag is used in a window's posts. */
export interface IndexedHashtagCount {
  tag: string;
  posts: number;
}

/** One bucket's live posts as share of voice counts them. */
export interface IndexedVoice {
  posts: number;
  engagements: number;
  /** Distinct author ids. */
  authors: number[];
  /** Per asked hashtag: posts carrying it. */
  tagPosts: number[];
}

/** One author's activity over a window, for the amplifiers. */
export interface IndexedAccountActivity {
  authorId: number;
  posts: number;
  reposts: number;
  engagements: number;
  /** Largest follower count stored with a post of the window, else the author's latest; null if never known. */
  reach: number | null;
  readyMadePosts: number;
}

export type IndexedAuthorOrder = 'posts' | 'engagements' | 'reach';

export interface AccountActivityOptions {
  /** Ready-made posts used, by author id (they are the caller's: post_shareables). */
  readyMade?: ReadonlyMap<number, number>;
  /**
   * Return only the accounts whose first ranking figure is at least the `limit`-th best's: every
   * account that can be among the first `limit` (ties included), when the ranking orders by that figure first.
   */
  top?: { limit: number; firstFigure: (entry: IndexedAccountActivity) => number };
}
export type IndexedPostOrder = 'engagements' | 'impressions' | 'recent';

export function growFloat(array: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Float64Array(Math.max(size, array.length * 2, 1024));
  grown.set(array);
  return grown;
}
export function growInt(array: Int32Array<ArrayBuffer>, size: number, fill = 0): Int32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Int32Array(Math.max(size, array.length * 2, 1024));
  if (fill !== 0) grown.fill(fill, array.length);
  grown.set(array);
  return grown;
}
export function growByte(array: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Uint8Array(Math.max(size, array.length * 2, 1024));
  grown.set(array);
  return grown;
}
function growShort(array: Uint16Array<ArrayBuffer>, size: number): Uint16Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Uint16Array(Math.max(size, array.length * 2, 1024));
  grown.set(array);
  return grown;
}
function growUint(array: Uint32Array<ArrayBuffer>, size: number): Uint32Array<ArrayBuffer> {
  if (array.length >= size) return array;
  const grown = new Uint32Array(Math.max(size, array.length * 2, 1024));
  grown.set(array);
  return grown;
}

/** One change-log entry since a reader's last: which row of which table changed or went. */
export interface LoggedChange {
  tableName: string;
  rowId: number;
}

/**
 * Where an in-memory copy kept in step with the change log stands (the post index, the comparator
 * index): the data_version it last saw and the last log entry it read. Both copies catch up the same way.
 */
export class ChangeLogCursor {
  private version: string | null = null;
  private lastSeq = 0;

  /**
   * When something was committed since the last call, runs `load` (the first time, or when the entries
   * since the last one read are gone) or `catchUp`, in one read transaction, and moves past the log's
   * last entry. 'blocked' inside a write transaction: the connection sees rows that may be rolled back.
   */
  follow(db: Db, load: () => void, catchUp: () => void): 'current' | 'synced' | 'blocked' {
    if (db.inTransaction) return 'blocked';
    const version = dataVersion(db);
    if (version === this.version) return 'current';
    // One read transaction: every statement below sees the same committed state.
    db.transaction(() => {
      const { first, last } = statement<[], { first: number; last: number }>(db, LOG_BOUNDS_SQL).get()!;
      const logLost = this.version !== null && (last < this.lastSeq || (first > this.lastSeq + 1 && last > this.lastSeq));
      if (this.version === null || logLost) load();
      else catchUp();
      this.lastSeq = last;
    })();
    this.version = version;
    return 'synced';
  }

  /** The rows logged since the last entry read (each once), for `catchUp`. */
  changes(db: Db): LoggedChange[] {
    return statement<[number], LoggedChange>(db, LOG_AFTER_SQL).all(this.lastSeq);
  }
}

/** The posts of one database in creation order, as typed arrays. */
export class PostIndex {
  // Per position (posts sorted by created_at, then id).
  private created = new Float64Array(0);
  private postId = new Int32Array(0);
  private author = new Int32Array(0);
  private network = new Uint8Array(0);
  private tags = new Uint32Array(0);
  private removed = new Uint8Array(0);
  private engagements = new Float64Array(0);
  /** NaN where the post has none or its network does not report them (impressionsSql is NULL). */
  private impressions = new Float64Array(0);
  private kind = new Uint8Array(0);
  /** The author's followers when the post was stored (post_reach); NaN where unknown. */
  private reach = new Float64Array(0);
  /** Whether the stored impressions count is not NULL (the rollup's with_impressions). */
  private withImpressions = new Uint8Array(0);
  /** The stored counts, NULL as 0 (as the rollups sum them): likes, reposts, replies, quotes, bookmarks, impressions. */
  private counts: Array<Float64Array<ArrayBuffer>> = COUNT_COLUMNS.map(() => new Float64Array(0));
  private size = 0;
  // Per post id: its position, -1 if unknown; and where its hashtag codes lie in the pool.
  private position = new Int32Array(0);
  private tagStart = new Int32Array(0);
  private tagCount = new Uint16Array(0);
  private tagPool = new Int32Array(0);
  private tagPoolSize = 0;
  private maxPostId = 0;
  // Per author id.
  private authorNetwork = new Uint8Array(0);
  /** NaN where the network never reported a count. */
  private authorFollowers = new Float64Array(0);
  private maxAuthorId = 0;
  /** Author id by `network:network_id` (never changes for an id), to know a comparator post's author as the campaign's. */
  private readonly authorIds = new Map<string, number>();
  // The accounts in the order they were first held, and a count bumped when one is forgotten or all
  // are reloaded: the comparator index resolves its accounts against them incrementally.
  private readonly addedAccounts: string[] = [];
  private epoch = 0;
  // Scratch per author id: which query last saw the author, and its totals in that query.
  private seen = new Int32Array(0);
  private stamp = 0;
  private authorPosts = new Int32Array(0);
  private authorEngagements = new Float64Array(0);
  private authorReposts = new Int32Array(0);
  private authorReach = new Float64Array(0);

  private readonly networkCodes = new Map<string, number>();
  private readonly networkNames: string[] = [];
  private readonly tagBits = new Map<string, number>();
  private readonly tagMaskOf = new Map<string, number>();
  /** Every hashtag met (not only tracked ones), by code; and a post's hashtag list (JSON) as codes. */
  private readonly hashtagCodes = new Map<string, number>();
  private readonly hashtagNames: string[] = [];
  private readonly hashtagListCodes = new Map<string, number[]>();
  private readonly cursor = new ChangeLogCursor();
  /** Set when the data cannot be held (too many tracked tags): every question goes to SQL. */
  private unusable = false;
  /** Full loads and incremental catch-ups so far (tests and the benchmark read them). */
  readonly stats = { loads: 0, catchUps: 0, postsRead: 0, authorsRead: 0, lastSyncMs: 0 };

  private readonly hasReach: boolean;
  /** Per-local-day totals, when the connection has a time zone for them (setPostIndexTimeZone). */
  private dayTotals: DayTotals | null = null;

  constructor(private readonly db: Db) {
    this.hasReach = statement<[], { found: number }>(db, HAS_REACH_SQL).get() !== undefined;
  }

  /** Brings the index up to date with what is committed; false when the index cannot answer (SQL must). */
  sync(): boolean {
    if (this.unusable) return false;
    const started = performance.now();
    const state = this.cursor.follow(this.db, () => this.loadAll(), () => this.catchUp());
    if (state === 'blocked') return false;
    this.syncDayTotals();
    if (state === 'synced') this.stats.lastSyncMs = performance.now() - started;
    return !this.unusable;
  }

  /** Follows the connection's time zone for day totals and rebuilds them when a change needs it. */
  private syncDayTotals(): void {
    const timeZone = dayZones.get(this.db);
    if (timeZone === undefined) {
      this.dayTotals = null;
      return;
    }
    if (this.dayTotals?.timeZone !== timeZone) this.dayTotals = new DayTotals(timeZone);
    if (this.dayTotals.current || this.unusable) return;
    const cols = this.dayColumns();
    if (this.dayTotals.canHold(cols)) this.dayTotals.rebuild(cols);
  }

  /** The columns as the day totals read them (views of the arrays as they are now). */
  private dayColumns(): DayColumns {
    return {
      size: this.size,
      created: this.created,
      author: this.author,
      network: this.network,
      tags: this.tags,
      removed: this.removed,
      kind: this.kind,
      withImpressions: this.withImpressions,
      counts: this.counts,
      authorNetwork: this.authorNetwork,
      authorFollowers: this.authorFollowers,
      authors: this.maxAuthorId + 1,
      networks: this.networkNames.length,
      tracked: this.tagBits.size,
      firstAt: (ms) => this.lowerBound(ms),
    };
  }

  private reset(): void {
    this.dayTotals?.invalidate();
    this.size = 0;
    this.maxPostId = 0;
    this.maxAuthorId = 0;
    this.position = new Int32Array(0);
    this.tagStart = new Int32Array(0);
    this.tagCount = new Uint16Array(0);
    this.tagPoolSize = 0;
    this.tagBits.clear();
    this.tagMaskOf.clear();
    this.networkCodes.clear();
    this.networkNames.length = 0;
    this.authorIds.clear();
    this.addedAccounts.length = 0;
    this.epoch += 1;
  }

  private networkCode(network: string): number {
    let code = this.networkCodes.get(network);
    if (code === undefined) {
      if (this.networkNames.length >= MAX_NETWORKS) {
        this.unusable = true;
        return 0;
      }
      code = this.networkNames.length;
      this.networkCodes.set(network, code);
      this.networkNames.push(network);
    }
    return code;
  }

  /** Network codes in name order: rows come out in the order SQL's GROUP BY gives them. */
  private codesByName(): number[] {
    return this.networkNames.map((_, code) => code).sort((a, b) => (this.networkNames[a]! < this.networkNames[b]! ? -1 : 1));
  }

  private loadAll(): void {
    this.reset();
    this.stats.loads += 1;
    this.readNewAuthors();
    this.readNewPosts();
  }

  private catchUp(): void {
    this.stats.catchUps += 1;
    const changes = this.cursor.changes(this.db);
    const knownAuthors = changes.filter((c) => c.tableName === 'authors' && c.rowId <= this.maxAuthorId).map((c) => c.rowId);
    const knownPosts = changes.filter((c) => c.tableName === 'posts' && c.rowId <= this.maxPostId).map((c) => c.rowId);
    this.readNewAuthors();
    if (knownAuthors.length > 0) {
      const rows = statement<[string], AuthorRow>(this.db, AUTHORS_BY_ID_SQL).all(JSON.stringify(knownAuthors));
      const found = new Set(rows.map((row) => row.id));
      for (const row of rows) {
        this.dayTotals?.followersChanged(row.id, this.authorNetwork[row.id]!, this.authorFollowers[row.id]!, row.followers ?? Number.NaN);
        this.setAuthor(row);
      }
      // A deleted author keeps no posts (posts reference it), so forgetting its followers is enough.
      for (const id of knownAuthors) if (!found.has(id)) this.forgetAuthor(id);
      this.stats.authorsRead += rows.length;
    }
    if (knownPosts.length > 0) {
      const rows = statement<[string], PostRow>(this.db, POSTS_BY_ID_SQL(this.hasReach)).all(JSON.stringify(knownPosts));
      const found = new Set(rows.map((row) => row.id));
      const days = this.dayTotals;
      const cols = this.dayColumns();
      for (const row of rows) {
        const at = this.position[row.id]!;
        // Creation time and network never change in practice; if they do, the order must be rebuilt.
        if (at < 0 || this.created[at] !== row.created_at || this.network[at] !== this.networkCode(row.network)) {
          this.loadAll();
          return;
        }
        const was = days?.before(cols, at);
        this.setPost(at, row);
        if (was) days!.changed(cols, at, was);
      }
      // A deleted post row answers like a removed one.
      for (const id of knownPosts) {
        const at = this.position[id]!;
        if (found.has(id) || at < 0) continue;
        const was = days?.before(cols, at);
        this.removed[at] = 1;
        if (was) days!.changed(cols, at, was);
      }
      this.stats.postsRead += rows.length;
    }
    this.readNewPosts();
  }

  private readNewAuthors(): void {
    for (;;) {
      const rows = statement<[number, number], AuthorRow>(this.db, AUTHORS_AFTER_SQL).all(this.maxAuthorId, LOAD_PAGE);
      if (rows.length === 0) return;
      const size = rows.at(-1)!.id + 1;
      this.authorNetwork = growByte(this.authorNetwork, size);
      this.authorFollowers = growFloat(this.authorFollowers, size);
      this.seen = growInt(this.seen, size);
      this.authorPosts = growInt(this.authorPosts, size);
      this.authorEngagements = growFloat(this.authorEngagements, size);
      this.authorReposts = growInt(this.authorReposts, size);
      this.authorReach = growFloat(this.authorReach, size);
      for (const row of rows) this.setAuthor(row);
      this.maxAuthorId = size - 1;
      this.stats.authorsRead += rows.length;
    }
  }

  private setAuthor(row: AuthorRow): void {
    this.authorNetwork[row.id] = this.networkCode(row.network);
    this.authorFollowers[row.id] = row.followers ?? Number.NaN;
    const account = `${row.network}:${row.network_id}`;
    const held = this.authorIds.get(account);
    if (held === row.id) return;
    if (held !== undefined) this.epoch += 1;
    this.authorIds.set(account, row.id);
    this.addedAccounts.push(account);
  }

  private forgetAuthor(id: number): void {
    this.dayTotals?.followersChanged(id, this.authorNetwork[id]!, this.authorFollowers[id]!, Number.NaN);
    this.authorFollowers[id] = Number.NaN;
    for (const [account, held] of this.authorIds) if (held === id) this.authorIds.delete(account);
    this.epoch += 1;
  }

  private maskOf(matchedHashtags: string): number {
    let mask = this.tagMaskOf.get(matchedHashtags);
    if (mask !== undefined) return mask;
    mask = 0;
    for (const tag of JSON.parse(matchedHashtags) as string[]) {
      let bit = this.tagBits.get(tag);
      if (bit === undefined) {
        if (this.tagBits.size >= MAX_TAGS) {
          this.unusable = true;
          return 0;
        }
        bit = 1 << this.tagBits.size;
        this.tagBits.set(tag, bit);
      }
      mask |= bit;
    }
    this.tagMaskOf.set(matchedHashtags, mask);
    return mask;
  }

  private setPost(at: number, row: PostRow): void {
    this.created[at] = row.created_at;
    this.postId[at] = row.id;
    this.author[at] = row.author_id;
    this.network[at] = this.networkCode(row.network);
    this.tags[at] = this.maskOf(row.matched_hashtags);
    this.removed[at] = row.removed;
    this.engagements[at] = engagementsOf(row.network, row);
    this.impressions[at] = reportsImpressions(row.network) && row.impressions !== null ? row.impressions : Number.NaN;
    this.kind[at] = KIND_CODE[row.kind] ?? 0;
    this.reach[at] = row.reach ?? Number.NaN;
    this.withImpressions[at] = row.impressions === null ? 0 : 1;
    COUNT_COLUMNS.forEach((column, c) => {
      this.counts[c]![at] = row[column] ?? 0;
    });
    this.position[row.id] = at;
    this.setHashtags(row.id, row.hashtags);
  }

  private hashtagCodesOf(list: string): number[] {
    let codes = this.hashtagListCodes.get(list);
    if (codes) return codes;
    codes = (JSON.parse(list) as string[]).map((tag) => {
      let code = this.hashtagCodes.get(tag);
      if (code === undefined) {
        code = this.hashtagNames.length;
        this.hashtagCodes.set(tag, code);
        this.hashtagNames.push(tag);
      }
      return code;
    });
    // Lists repeat (one tracked tag and a few common ones); a bounded memo keeps parsing rare.
    if (this.hashtagListCodes.size < 100_000) this.hashtagListCodes.set(list, codes);
    return codes;
  }

  /** A post's hashtag codes: in its old place in the pool when they fit (a refresh re-reads the same list), else appended. */
  private setHashtags(id: number, list: string): void {
    const codes = this.hashtagCodesOf(list);
    let start = this.tagStart[id]!;
    if (codes.length > this.tagCount[id]! || start + codes.length > this.tagPoolSize) {
      start = this.tagPoolSize;
      this.tagPoolSize += codes.length;
      this.tagPool = growInt(this.tagPool, this.tagPoolSize);
    }
    this.tagPool.set(codes, start);
    this.tagStart[id] = start;
    this.tagCount[id] = codes.length;
  }

  /** Reads posts above the largest id seen and merges them into creation order. */
  private readNewPosts(): void {
    for (;;) {
      const rows = statement<[number, number], PostRow>(this.db, POSTS_AFTER_SQL(this.hasReach)).all(this.maxPostId, LOAD_PAGE);
      if (rows.length === 0) return;
      this.maxPostId = rows.at(-1)!.id;
      this.position = growInt(this.position, this.maxPostId + 1, -1);
      this.tagStart = growInt(this.tagStart, this.maxPostId + 1);
      this.tagCount = growShort(this.tagCount, this.maxPostId + 1);
      this.merge(rows.sort((a, b) => a.created_at - b.created_at || a.id - b.id));
      if (this.dayTotals?.current) {
        const cols = this.dayColumns();
        for (const row of rows) this.dayTotals.added(cols, this.position[row.id]!);
      }
      this.stats.postsRead += rows.length;
    }
  }

  /** Merges rows (sorted by creation time, id) into the arrays; only positions from the first new post's place on move. */
  private merge(rows: PostRow[]): void {
    const total = this.size + rows.length;
    this.created = growFloat(this.created, total);
    this.postId = growInt(this.postId, total);
    this.author = growInt(this.author, total);
    this.network = growByte(this.network, total);
    this.tags = growUint(this.tags, total);
    this.removed = growByte(this.removed, total);
    this.engagements = growFloat(this.engagements, total);
    this.impressions = growFloat(this.impressions, total);
    this.kind = growByte(this.kind, total);
    this.reach = growFloat(this.reach, total);
    this.withImpressions = growByte(this.withImpressions, total);
    this.counts = this.counts.map((column) => growFloat(column, total));
    const first = rows[0]!;
    const from = this.lowerBound(first.created_at, first.id);
    // Move the tail [from, size) to the end, then fill the gap from both sides, smallest first.
    const tail = this.size - from;
    this.moveBlock(from, from + rows.length, tail);
    let read = from + rows.length;
    const readEnd = total;
    let write = from;
    let next = 0;
    while (next < rows.length) {
      const row = rows[next]!;
      if (read < readEnd && (this.created[read]! < row.created_at || (this.created[read] === row.created_at && this.postId[read]! < row.id))) {
        this.copyPosition(read, write);
        read += 1;
      } else {
        this.setPost(write, row);
        next += 1;
      }
      write += 1;
    }
    // What is left of the tail is already in place.
    this.size = total;
  }

  private moveBlock(from: number, to: number, count: number): void {
    if (count <= 0 || from === to) return;
    this.created.copyWithin(to, from, from + count);
    this.postId.copyWithin(to, from, from + count);
    this.author.copyWithin(to, from, from + count);
    this.network.copyWithin(to, from, from + count);
    this.tags.copyWithin(to, from, from + count);
    this.removed.copyWithin(to, from, from + count);
    this.engagements.copyWithin(to, from, from + count);
    this.impressions.copyWithin(to, from, from + count);
    this.kind.copyWithin(to, from, from + count);
    this.reach.copyWithin(to, from, from + count);
    this.withImpressions.copyWithin(to, from, from + count);
    for (const column of this.counts) column.copyWithin(to, from, from + count);
    for (let at = to; at < to + count; at += 1) this.position[this.postId[at]!] = at;
  }

  private copyPosition(from: number, to: number): void {
    this.created[to] = this.created[from]!;
    this.postId[to] = this.postId[from]!;
    this.author[to] = this.author[from]!;
    this.network[to] = this.network[from]!;
    this.tags[to] = this.tags[from]!;
    this.removed[to] = this.removed[from]!;
    this.engagements[to] = this.engagements[from]!;
    this.impressions[to] = this.impressions[from]!;
    this.kind[to] = this.kind[from]!;
    this.reach[to] = this.reach[from]!;
    this.withImpressions[to] = this.withImpressions[from]!;
    for (const column of this.counts) column[to] = column[from]!;
    this.position[this.postId[to]!] = to;
  }

  /** First position whose (created, id) is at or after (createdAt, id). */
  private lowerBound(createdAt: number, id = 0): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const c = this.created[mid]!;
      if (c < createdAt || (c === createdAt && this.postId[mid]! < id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private nextStamp(): number {
    if (this.stamp >= 0x7fff_fff0) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    this.stamp += 1;
    return this.stamp;
  }

  /** The scope as bit masks: networks (bit per network code) and one tag bit (0 = any; -1 = a tag no post has). */
  private masks(scope: AnalyticsScope): { networks: number; tag: number } {
    let networks = 0;
    for (const network of scope.networks) {
      const code = this.networkCodes.get(network);
      if (code !== undefined) networks |= 1 << code;
    }
    const tag = scope.hashtag === null ? 0 : (this.tagBits.get(scope.hashtag) ?? -1);
    return { networks, tag };
  }

  /** Distinct contributors and potential reach per window and (author's) network; windows without posts have no row. */
  contributorsByWindow(windows: readonly TimeWindow[], scope: AnalyticsScope): IndexedContributors[] {
    return this.totalsByWindow(windows, scope, { groups: false, contributors: true }).contributors;
  }

  /**
   * Live posts of each window grouped by network, kind and whether they report impressions, with
   * their counts summed (NULL as 0): what db/analytics.ts reads from the hourly rollup and, for
   * partial hours, from the posts. Groups without posts have no row.
   */
  postGroupsByWindow(windows: readonly TimeWindow[], scope: AnalyticsScope): IndexedPostGroup[] {
    return this.totalsByWindow(windows, scope, { groups: true, contributors: false }).groups;
  }

  /** Both of the above in one pass over each window (the KPIs and the network split need both). */
  windowTotals(window: TimeWindow, scope: AnalyticsScope): { groups: IndexedPostGroup[]; contributors: IndexedContributors[] } {
    return this.totalsByWindow([window], scope, { groups: true, contributors: true });
  }

  private totalsByWindow(windows: readonly TimeWindow[], scope: AnalyticsScope, want: { groups: boolean; contributors: boolean }): { groups: IndexedPostGroup[]; contributors: IndexedContributors[] } {
    const result = { groups: [] as IndexedPostGroup[], contributors: [] as IndexedContributors[] };
    const { networks, tag } = this.masks(scope);
    if (tag === -1) return result;
    const width = COUNT_COLUMNS.length + 1;
    const slots = this.networkNames.length * POST_KINDS.length * 2;
    const sums = want.groups ? new Float64Array(slots * width) : null;
    const counts = want.contributors ? new Float64Array(this.networkNames.length) : null;
    const reach = new Float64Array(this.networkNames.length);
    const byName = this.codesByName();
    windows.forEach((window, k) => {
      if (window.end <= window.start) return;
      sums?.fill(0);
      counts?.fill(0);
      reach.fill(0);
      const core = this.dayTotals?.coreOf(window.start, window.end) ?? null;
      const stamp = counts ? this.nextStamp() : 0;
      if (core === null) {
        this.scanTotals(window, networks, tag, sums, counts, reach, stamp, null);
      } else {
        // Whole local days from the day totals; only the partial days at either end are read post by post.
        const days = this.dayTotals!;
        const slot = days.slotOf(tag);
        if (sums) days.addCoreSums(core, slot, networks, sums);
        if (counts) days.addAccounts(core, slot, networks, counts, reach);
        const edge = { days, core, slot };
        this.scanTotals({ start: window.start, end: core.start }, networks, tag, sums, counts, reach, stamp, edge);
        this.scanTotals({ start: core.stop, end: window.end }, networks, tag, sums, counts, reach, stamp, edge);
      }
      if (sums) this.pushGroups(k, sums, result.groups);
      if (counts) this.pushContributors(k, counts, reach, byName, result.contributors);
    });
    return result;
  }

  /** One window's pass: group sums (7 a slot: posts and each count) and/or distinct authors with their followers, per network. */
  private scanTotals(
    window: TimeWindow,
    networks: number,
    tag: number,
    sums: Float64Array | null,
    counts: Float64Array | null,
    reach: Float64Array,
    stamp: number,
    edge: { days: DayTotals; core: CoreDays; slot: number } | null,
  ): void {
    const width = COUNT_COLUMNS.length + 1;
    const { seen, author, network, tags, removed, kind, withImpressions, authorNetwork, authorFollowers } = this;
    const [likes, reposts, replies, quotes, bookmarks, impressions] = this.counts as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const end = this.lowerBound(window.end);
    for (let at = this.lowerBound(window.start); at < end; at += 1) {
      if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      if (sums) {
        const base = ((network[at]! * POST_KINDS.length + kind[at]!) * 2 + withImpressions[at]!) * width;
        sums[base]! += 1;
        sums[base + 1]! += likes[at]!;
        sums[base + 2]! += reposts[at]!;
        sums[base + 3]! += replies[at]!;
        sums[base + 4]! += quotes[at]!;
        sums[base + 5]! += bookmarks[at]!;
        sums[base + 6]! += impressions[at]!;
      }
      if (!counts) continue;
      const a = author[at]!;
      if (seen[a] === stamp) continue;
      seen[a] = stamp;
      // An account that also posted on the whole days is counted there.
      if (edge !== null && edge.days.covers(edge.core, edge.slot, a)) continue;
      const n = authorNetwork[a]!;
      counts[n]! += 1;
      const followers = authorFollowers[a]!;
      // NaN (never reported) adds nothing, as SUM skips NULL.
      if (followers === followers) reach[n]! += followers;
    }
  }

  private pushGroups(k: number, sums: Float64Array, rows: IndexedPostGroup[]): void {
    const width = COUNT_COLUMNS.length + 1;
    for (let slot = 0; slot * width < sums.length; slot += 1) {
      const base = slot * width;
      if (sums[base] === 0) continue;
      rows.push({
        k,
        network: this.networkNames[Math.floor(slot / (POST_KINDS.length * 2))]!,
        kind: POST_KINDS[Math.floor(slot / 2) % POST_KINDS.length]!,
        withImpressions: slot % 2 === 1,
        totals: { posts: sums[base]!, likes: sums[base + 1]!, reposts: sums[base + 2]!, replies: sums[base + 3]!, quotes: sums[base + 4]!, bookmarks: sums[base + 5]!, impressions: sums[base + 6]! },
      });
    }
  }

  /** Rows in network name order (`byName`), as SQL's GROUP BY gives them. */
  private pushContributors(k: number, counts: Float64Array, reach: Float64Array, byName: readonly number[], rows: IndexedContributors[]): void {
    for (const n of byName) {
      if (counts[n]! > 0) rows.push({ k, network: this.networkNames[n]!, contributors: counts[n]!, potentialReach: reach[n]! });
    }
  }

  /** The first `limit` authors of `window` by `by`, with the SQL's tie-breaks (db/analytics-top.ts). */
  topAuthors(window: TimeWindow, scope: AnalyticsScope, by: IndexedAuthorOrder, limit: number): IndexedAuthorTotals[] {
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || window.end <= window.start || limit <= 0) return [];
    const stamp = this.nextStamp();
    const { seen, author, network, tags, removed, engagements, authorPosts, authorEngagements } = this;
    const touched: number[] = [];
    const end = this.lowerBound(window.end);
    for (let at = this.lowerBound(window.start); at < end; at += 1) {
      if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      const a = author[at]!;
      if (seen[a] !== stamp) {
        seen[a] = stamp;
        authorPosts[a] = 0;
        authorEngagements[a] = 0;
        touched.push(a);
      }
      authorPosts[a]! += 1;
      authorEngagements[a]! += engagements[at]!;
    }
    const followers = this.authorFollowers;
    const before = comparatorOf(by, authorPosts, authorEngagements, followers);
    return selectFirst(touched, limit, before).map((a) => ({
      authorId: a,
      posts: authorPosts[a]!,
      engagements: authorEngagements[a]!,
      followers: Number.isNaN(followers[a]!) ? null : followers[a]!,
    }));
  }

  /**
   * Post ids of one page of `window`'s posts ranked by `by` (ties: newest first, then highest id), as
   * db/analytics-top.ts ranks them, and how many posts the ranking covers (for impressions, those
   * that report them). One pass from the newest post back, keeping the best offset + limit so far.
   */
  rankPosts(window: TimeWindow, scope: AnalyticsScope, by: IndexedPostOrder, offset: number, limit: number): { ids: number[]; total: number } {
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || window.end <= window.start) return { ids: [], total: 0 };
    const { network, tags, removed, postId } = this;
    const start = this.lowerBound(window.start);
    const end = this.lowerBound(window.end);
    const wanted = Math.max(0, offset + limit);
    const score = by === 'impressions' ? this.impressions : this.engagements;
    // Best first; scanning newest first, a later post must score strictly higher to rank above one kept.
    const best: number[] = [];
    let total = 0;
    for (let at = end - 1; at >= start; at -= 1) {
      if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      if (by === 'impressions' && Number.isNaN(score[at]!)) continue;
      total += 1;
      if (by === 'recent') {
        if (best.length < wanted) best.push(at);
        continue;
      }
      // A post without a score is counted but never ranked.
      if (Number.isNaN(score[at]!)) continue;
      if (best.length === wanted && (wanted === 0 || !(score[at]! > score[best[wanted - 1]!]!))) continue;
      let low = 0;
      let high = best.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (score[best[mid]!]! >= score[at]!) low = mid + 1;
        else high = mid;
      }
      best.splice(low, 0, at);
      if (best.length > wanted) best.pop();
    }
    return { ids: best.slice(offset).map((at) => postId[at]!), total };
  }

  /**
   * Live posts of `window` in scope per hashtag, most used first (ties by tag in code-point order),
   * without the `exclude`d tags, as db/analytics-top.ts's co-occurring hashtags.
   */
  coHashtags(window: TimeWindow, scope: AnalyticsScope, exclude: readonly string[], limit: number): IndexedHashtagCount[] {
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || window.end <= window.start || limit <= 0) return [];
    const counts = new Int32Array(this.hashtagNames.length);
    const { network, tags, removed, postId, tagStart, tagCount, tagPool } = this;
    const end = this.lowerBound(window.end);
    for (let at = this.lowerBound(window.start); at < end; at += 1) {
      if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      const id = postId[at]!;
      const first = tagStart[id]!;
      const stop = first + tagCount[id]!;
      for (let j = first; j < stop; j += 1) counts[tagPool[j]!]! += 1;
    }
    const excluded = new Set(exclude);
    const rows: IndexedHashtagCount[] = [];
    counts.forEach((posts, code) => {
      const name = this.hashtagNames[code]!;
      if (posts > 0 && !excluded.has(name)) rows.push({ tag: name, posts });
    });
    return rows.sort((a, b) => b.posts - a.posts || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0)).slice(0, limit);
  }

  /**
   * Per bucket, the live posts in scope as share of voice counts them (db/share-of-voice.ts): how
   * many, their engagements, their distinct authors (ids, in first-post order), and how many carry
   * each of `tags` among all their hashtags (the overlap with a comparator).
   */
  voiceByBucket(buckets: readonly TimeWindow[], scope: AnalyticsScope, tags: readonly string[]): IndexedVoice[] {
    const { networks, tag } = this.masks(scope);
    // Per hashtag code: the position in `tags` of that tag (its first), else -1.
    const wanted = new Int32Array(this.hashtagNames.length).fill(-1);
    tags.forEach((name, t) => {
      const code = this.hashtagCodes.get(name);
      if (code !== undefined && wanted[code] === -1) wanted[code] = t;
    });
    const anyWanted = wanted.some((t) => t >= 0);
    const { seen, author, network, tags: tracked, removed, engagements, postId, tagStart, tagCount, tagPool } = this;
    const tagPosts = new Int32Array(tags.length);
    return buckets.map((bucket) => {
      if (tag === -1 || bucket.end <= bucket.start) return { posts: 0, engagements: 0, authors: [], tagPosts: tags.map(() => 0) };
      // Counted in locals and a typed array: the loop runs once per post of the range.
      let posts = 0;
      let engagementSum = 0;
      const authors: number[] = [];
      tagPosts.fill(0);
      const stamp = this.nextStamp();
      const end = this.lowerBound(bucket.end);
      for (let at = this.lowerBound(bucket.start); at < end; at += 1) {
        if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tracked[at]! & tag) === 0)) continue;
        posts += 1;
        engagementSum += engagements[at]!;
        const a = author[at]!;
        if (seen[a] !== stamp) {
          seen[a] = stamp;
          authors.push(a);
        }
        if (!anyWanted) continue;
        const id = postId[at]!;
        const stop = tagStart[id]! + tagCount[id]!;
        for (let j = tagStart[id]!; j < stop; j += 1) {
          const found = wanted[tagPool[j]!]!;
          if (found >= 0) tagPosts[found]! += 1;
        }
      }
      return { posts, engagements: engagementSum, authors, tagPosts: Array.from(tagPosts) };
    });
  }

  /**
   * Every author of `window`'s live posts in scope with what the amplifier ranking sums
   * (db/amplifiers.ts): posts other than reposts, reposts, engagements, the largest follower count
   * stored with a post (else the author's latest; null if never known). Ready-made posts are the caller's (post_shareables).
   */
  accountActivity(window: TimeWindow, scope: AnalyticsScope, options: AccountActivityOptions = {}): IndexedAccountActivity[] {
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || window.end <= window.start) return [];
    const stamp = this.nextStamp();
    const { seen, author, network, tags, removed, engagements, kind, reach, authorPosts, authorReposts, authorEngagements, authorReach } = this;
    const touched: number[] = [];
    const end = this.lowerBound(window.end);
    for (let at = this.lowerBound(window.start); at < end; at += 1) {
      if (removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      const a = author[at]!;
      if (seen[a] !== stamp) {
        seen[a] = stamp;
        authorPosts[a] = 0;
        authorReposts[a] = 0;
        authorEngagements[a] = 0;
        authorReach[a] = Number.NaN;
        touched.push(a);
      }
      if (kind[at] === REPOST) authorReposts[a]! += 1;
      else authorPosts[a]! += 1;
      authorEngagements[a]! += engagements[at]!;
      // MAX skips NULL: a NaN reading never wins, and any reading beats none.
      const r = reach[at]!;
      if (r > authorReach[a]! || (r === r && authorReach[a] !== authorReach[a])) authorReach[a] = r;
    }
    const followers = this.authorFollowers;
    const readyMade = options.readyMade;
    const entryOf = (a: number, entry: IndexedAccountActivity) => {
      entry.authorId = a;
      entry.posts = authorPosts[a]!;
      entry.reposts = authorReposts[a]!;
      entry.engagements = authorEngagements[a]!;
      entry.reach = authorReach[a] === authorReach[a] ? authorReach[a]! : Number.isNaN(followers[a]!) ? null : followers[a]!;
      entry.readyMadePosts = readyMade?.get(a) ?? 0;
      return entry;
    };
    const newEntry = (a: number) => entryOf(a, { authorId: 0, posts: 0, reposts: 0, engagements: 0, reach: null, readyMadePosts: 0 });
    const top = options.top;
    if (!top || top.limit >= touched.length) return touched.map(newEntry);
    // Only accounts whose first ranking figure reaches the limit-th best can rank: the rest get no object.
    const probe = newEntry(0);
    const firsts = new Float64Array(touched.length);
    touched.forEach((a, i) => (firsts[i] = top.firstFigure(entryOf(a, probe))));
    const best = selectFirst(touched.map((_, i) => i), top.limit, (i, j) => firsts[i]! > firsts[j]! || (firsts[i] === firsts[j] && i < j));
    const threshold = firsts[best.at(-1)!]!;
    return touched.filter((_, i) => firsts[i]! >= threshold).map(newEntry);
  }

  /** The author of a held post if it is live and in scope (a ready-made post counts only then), else -1. */
  liveAuthorOf(id: number, scope: AnalyticsScope): number {
    const at = id <= this.maxPostId ? this.position[id]! : -1;
    if (at < 0 || this.removed[at] !== 0) return -1;
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || ((networks >>> this.network[at]!) & 1) === 0 || (tag !== 0 && (this.tags[at]! & tag) === 0)) return -1;
    return this.author[at]!;
  }

  /** Each given author's first live post in scope ever (ms), by author id: the earliest positions come first. */
  firstPostAt(authorIds: readonly number[], scope: AnalyticsScope): Map<number, number> {
    const first = new Map<number, number>();
    const { networks, tag } = this.masks(scope);
    if (tag === -1 || authorIds.length === 0) return first;
    const stamp = this.nextStamp();
    const { seen, author, network, tags, removed, created } = this;
    for (const a of authorIds) seen[a] = stamp;
    for (let at = 0; at < this.size && first.size < authorIds.length; at += 1) {
      const a = author[at]!;
      if (seen[a] !== stamp || removed[at] !== 0 || ((networks >>> network[at]!) & 1) === 0 || (tag !== 0 && (tags[at]! & tag) === 0)) continue;
      first.set(a, created[at]!);
      seen[a] = 0;
    }
    return first;
  }

  /** One past the largest author id held: codes at or above it are free for people the index does not hold. */
  authorIdLimit(): number {
    return this.maxAuthorId + 1;
  }

  /** Whether every window holds at least one whole local day the day totals answer (so summing beats any rollup). */
  holdsWholeDays(windows: readonly TimeWindow[]): boolean {
    const days = this.dayTotals;
    return days !== null && windows.length > 0 && windows.every((window) => days.coreOf(window.start, window.end) !== null);
  }

  /** Rebuilds of the per-day totals and the last one's time, or null when the connection keeps none. */
  dayTotalsStats(): { rebuilds: number; lastRebuildMs: number } | null {
    return this.dayTotals?.stats ?? null;
  }

  /** Bumped whenever a held account is forgotten or all are reloaded (CampaignAccounts). */
  accountEpoch(): number {
    return this.epoch;
  }

  /** Held accounts in the order they were first held; within an epoch it only grows (CampaignAccounts). */
  accountsAdded(): readonly string[] {
    return this.addedAccounts;
  }

  /** The held author id of an account (`network:network_id`), if the campaign has it. */
  authorIdOf(account: string): number | undefined {
    return this.authorIds.get(account);
  }

  /** Read-only views of the live columns in creation order and the followers by author id (the benchmark's alternative designs start from them). */
  columns(): { created: Float64Array; author: Int32Array; removed: Uint8Array; followers: Float64Array; authors: number } {
    return {
      created: this.created.subarray(0, this.size),
      author: this.author.subarray(0, this.size),
      removed: this.removed.subarray(0, this.size),
      followers: this.authorFollowers.subarray(0, this.maxAuthorId + 1),
      authors: this.maxAuthorId + 1,
    };
  }

  /** Posts and authors held, and the bytes of their arrays (for the benchmark). */
  footprint(): { posts: number; authors: number; bytes: number } {
    const arrays = [this.created, this.postId, this.author, this.network, this.tags, this.removed, this.engagements, this.impressions, this.kind, this.reach, this.withImpressions, ...this.counts, this.position, this.tagStart, this.tagCount, this.tagPool, this.authorNetwork, this.authorFollowers, this.seen, this.authorPosts, this.authorEngagements, this.authorReposts, this.authorReach];
    return { posts: this.size, authors: this.maxAuthorId, bytes: arrays.reduce((sum, array) => sum + array.byteLength, 0) };
  }
}

function comparatorOf(by: IndexedAuthorOrder, posts: Int32Array, engagements: Float64Array, followers: Float64Array): (a: number, b: number) => boolean {
  switch (by) {
    case 'posts':
      return (a, b) => posts[a]! > posts[b]! || (posts[a] === posts[b] && (engagements[a]! > engagements[b]! || (engagements[a] === engagements[b] && a < b)));
    case 'engagements':
      return (a, b) => engagements[a]! > engagements[b]! || (engagements[a] === engagements[b] && (posts[a]! > posts[b]! || (posts[a] === posts[b] && a < b)));
    case 'reach':
      // followers DESC NULLS LAST, posts DESC, author_id
      return (a, b) => {
        const fa = followers[a]!;
        const fb = followers[b]!;
        const na = Number.isNaN(fa);
        const nb = Number.isNaN(fb);
        if (na !== nb) return nb;
        if (!na && fa !== fb) return fa > fb;
        return posts[a]! > posts[b]! || (posts[a] === posts[b] && a < b);
      };
  }
}

/**
 * The first `count` items in the order `before` defines (a strict total order), best first. A small
 * count keeps a sorted buffer and skips most items with one comparison; a large one sorts them all.
 */
function selectFirst(items: number[], count: number, before: (a: number, b: number) => boolean): number[] {
  const compare = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (count >= 2_000 || count * 8 >= items.length) return items.sort(compare).slice(0, count);
  const best: number[] = [];
  for (const item of items) {
    if (best.length === count && !before(item, best[count - 1]!)) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(best[mid]!, item)) low = mid + 1;
      else high = mid;
    }
    best.splice(low, 0, item);
    if (best.length > count) best.pop();
  }
  return best;
}

const indexes = connectionIndexes(HAS_LOG_SQL, (db) => new PostIndex(db));
const dayZones = new WeakMap<Db, string>();

/**
 * Keeps per-day totals of the connection's posts in the local days of `timeZone` (the dashboard's
 * day buckets), so windows of whole days need not be read post by post; null stops keeping them.
 */
export function setPostIndexTimeZone(db: Db, timeZone: string | null): void {
  if (timeZone === null) dayZones.delete(db);
  else dayZones.set(db, timeZone);
}

/**
 * The post index of `db`, up to date with every commit, or null when the SQL must answer instead:
 * turned off for this connection, inside a write transaction, or a database without the change log.
 */
export function postIndexOf(db: Db): PostIndex | null {
  return indexes.of(db);
}

/** Turns the in-memory index on (the default) or off for one connection: off, every answer comes from SQL. */
export function setPostIndexEnabled(db: Db, enabled: boolean): void {
  indexes.setEnabled(db, enabled);
}
