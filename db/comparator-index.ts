// An in-memory columnar copy of the comparator posts (creation time, network, account, comparator
// tags, engagements, live), in creation order, so share of voice reads the comparator side of a range
// without SQL (db/share-of-voice.ts). Built on first use and caught up before each answer from the
// change log (migration 018) with the post index's cursor (db/post-index.ts). It holds no answer:
// every post is given back exactly as COMPARATOR_ROWS_SQL would, in the same order.
import { engagementsSql } from '../core/metrics.js';
import type { TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { connectionIndexes } from './connection-index.js';
import { ChangeLogCursor, growInt } from './post-index.js';
import { statement } from './statements.js';

const LOAD_PAGE = 50_000;
/** Networks get one bit each in a scope mask; past that, the SQL answers. */
const MAX_NETWORKS = 31;

interface ComparatorRow {
  id: number;
  created_at: number;
  network: string;
  /** `network:author_network_id`, as the post index knows accounts. */
  account: string;
  tags: string;
  engagements: number;
}

const ROW_COLUMNS = `c.id, c.created_at, c.network, c.network || ':' || c.author_network_id AS account, c.tags, ${engagementsSql('c')} AS engagements`;
const ROWS_AFTER_SQL = `SELECT ${ROW_COLUMNS} FROM comparator_posts c WHERE c.id > ? ORDER BY c.id LIMIT ?`;
const ROWS_BY_ID_SQL = `SELECT ${ROW_COLUMNS} FROM comparator_posts c WHERE c.id IN (SELECT value FROM json_each(?))`;
const HAS_TRIGGERS_SQL = `SELECT 1 AS found FROM sqlite_master WHERE type = 'trigger' AND name = 'change_log_comparator_insert'`;

/** What the comparator posts of one tag did in one bucket; people are distinct codes (see voiceByBucket). */
export interface ComparatorSample {
  posts: number;
  engagements: number;
  people: number[];
}

/** The campaign's accounts as the post index holds them (db/post-index.ts), to code people alike on both sides. */
export interface CampaignAccounts {
  /** Bumped whenever an account is forgotten or all are reloaded: what was resolved before is void. */
  accountEpoch(): number;
  /** Accounts (`network:network_id`) in the order they were first held; within an epoch it only grows. */
  accountsAdded(): readonly string[];
  authorIdOf(account: string): number | undefined;
  /** One past the largest author id: codes from it up are free. */
  authorIdLimit(): number;
}

const UNRESOLVED = -2;
const NOT_CAMPAIGN = -1;

/** The columns, one position per post in (created_at, id) order. */
interface Columns {
  created: Float64Array<ArrayBuffer>;
  id: Int32Array<ArrayBuffer>;
  network: Uint8Array<ArrayBuffer>;
  account: Int32Array<ArrayBuffer>;
  list: Int32Array<ArrayBuffer>;
  engagements: Float64Array<ArrayBuffer>;
  live: Uint8Array<ArrayBuffer>;
}

const emptyColumns = (size: number): Columns => ({
  created: new Float64Array(size),
  id: new Int32Array(size),
  network: new Uint8Array(size),
  account: new Int32Array(size),
  list: new Int32Array(size),
  engagements: new Float64Array(size),
  live: new Uint8Array(size),
});

const before = (createdAt: number, id: number, row: ComparatorRow) => createdAt < row.created_at || (createdAt === row.created_at && id < row.id);

/** The comparator posts of one database in creation order, as typed arrays. */
export class ComparatorIndex {
  private columns = emptyColumns(0);
  private size = 0;
  /** Per comparator post id: its position, -1 if not held. */
  private position = new Int32Array(0);
  private maxId = 0;
  // Networks, accounts and tag lists (JSON, as stored) get a code each as they are met.
  private readonly networkCodes = new Map<string, number>();
  private readonly accountCodes = new Map<string, number>();
  private readonly accountNames: string[] = [];
  private readonly listCodes = new Map<string, number>();
  private readonly lists: string[][] = [];
  /** Scratch per account code and asked tag: the bucket that last counted the account. */
  private seen = new Int32Array(0);
  private stamp = 0;
  /** Per account code: the campaign's author id for it, NOT_CAMPAIGN, or UNRESOLVED (kept across answers). */
  private campaignAuthor = new Int32Array(0);
  private readonly resolved: { campaign: CampaignAccounts | null; epoch: number; added: number } = { campaign: null, epoch: -1, added: 0 };
  private readonly cursor = new ChangeLogCursor();
  /** Full loads and catch-ups so far, rows read, and accounts an answer had to match itself (tests read them). */
  readonly stats = { loads: 0, catchUps: 0, rowsRead: 0, lookupsWhileAnswering: 0 };

  constructor(private readonly db: Db) {}

  /** Brings the copy up to date with what is committed; false inside a write transaction (SQL must answer). */
  sync(): boolean {
    return this.cursor.follow(this.db, () => this.loadAll(), () => this.catchUp()) !== 'blocked';
  }

  private loadAll(): void {
    this.stats.loads += 1;
    this.columns = emptyColumns(0);
    this.size = 0;
    this.position = new Int32Array(0);
    this.maxId = 0;
    this.readNew([]);
  }

  private catchUp(): void {
    this.stats.catchUps += 1;
    const known = this.cursor
      .changes(this.db)
      .filter((change) => change.tableName === 'comparator_posts' && change.rowId <= this.maxId)
      .map((change) => change.rowId);
    const unheld: ComparatorRow[] = [];
    if (known.length > 0) {
      const rows = statement<[string], ComparatorRow>(this.db, ROWS_BY_ID_SQL).all(JSON.stringify(known));
      this.stats.rowsRead += rows.length;
      const found = new Set(rows.map((row) => row.id));
      for (const row of rows) {
        const at = this.position[row.id]!;
        if (at < 0) unheld.push(row);
        // A deleted post's id given to a newer post moves it in the order: read everything again (rare).
        else if (this.columns.created[at] !== row.created_at) return this.loadAll();
        else this.set(this.columns, at, row);
      }
      // A post the network says is gone is deleted outright.
      for (const id of known) if (!found.has(id) && this.position[id]! >= 0) this.columns.live[this.position[id]!] = 0;
    }
    this.readNew(unheld);
  }

  /** Reads posts above the largest id held and merges them, with `extra`, into creation order. */
  private readNew(extra: ComparatorRow[]): void {
    const rows = extra;
    const unheld = extra.length;
    for (;;) {
      const page = statement<[number, number], ComparatorRow>(this.db, ROWS_AFTER_SQL).all(this.maxId, LOAD_PAGE);
      if (page.length === 0) break;
      this.maxId = page.at(-1)!.id;
      for (const row of page) rows.push(row);
    }
    this.stats.rowsRead += rows.length - unheld;
    if (rows.length === 0) return;
    this.merge(rows.sort((a, b) => a.created_at - b.created_at || a.id - b.id));
  }

  /**
   * Merges sorted `rows` with the held posts in place: the columns grow with room to spare, the held
   * posts after the first new one's place move up once, and only their positions are re-derived.
   */
  private merge(rows: ComparatorRow[]): void {
    const total = this.size + rows.length;
    this.reserve(total);
    const columns = this.columns;
    const keys = Object.keys(columns) as Array<keyof Columns>;
    const from = this.lowerBound(rows[0]!.created_at, rows[0]!.id);
    // New posts are mostly the newest: the tail to move is then short or empty.
    const gapEnd = from + rows.length;
    for (const key of keys) columns[key].copyWithin(gapEnd, from, this.size);
    let read = gapEnd;
    let next = 0;
    for (let write = from; next < rows.length; write += 1) {
      const row = rows[next]!;
      if (read < total && before(columns.created[read]!, columns.id[read]!, row)) {
        for (const key of keys) columns[key][write] = columns[key][read]!;
        read += 1;
      } else {
        this.set(columns, write, row);
        next += 1;
      }
    }
    this.size = total;
    this.position = growInt(this.position, this.maxId + 1, -1);
    for (let at = from; at < total; at += 1) this.position[columns.id[at]!] = at;
  }

  /** Room for `size` posts, doubling, the held ones kept. */
  private reserve(size: number): void {
    const old = this.columns;
    if (old.created.length >= size) return;
    const grown = emptyColumns(Math.max(size, old.created.length * 2, 1024));
    for (const key of Object.keys(grown) as Array<keyof Columns>) grown[key].set(old[key].subarray(0, this.size));
    this.columns = grown;
  }

  private set(columns: Columns, at: number, row: ComparatorRow): void {
    columns.created[at] = row.created_at;
    columns.id[at] = row.id;
    columns.network[at] = codeOf(this.networkCodes, row.network);
    columns.account[at] = this.accountCode(row.account);
    columns.list[at] = this.listCode(row.tags);
    columns.engagements[at] = row.engagements;
    columns.live[at] = 1;
  }

  private accountCode(account: string): number {
    let code = this.accountCodes.get(account);
    if (code === undefined) {
      code = this.accountNames.length;
      this.accountCodes.set(account, code);
      this.accountNames.push(account);
      this.campaignAuthor = growInt(this.campaignAuthor, code + 1, UNRESOLVED);
    }
    return code;
  }

  private listCode(list: string): number {
    let code = this.listCodes.get(list);
    if (code === undefined) {
      code = this.lists.length;
      this.listCodes.set(list, code);
      this.lists.push(JSON.parse(list) as string[]);
    }
    return code;
  }

  /**
   * Per bucket (ascending, not overlapping), per tag of `tags`: the live comparator posts created in
   * it on `networks` that carry the tag, their engagements and their distinct people. A person is
   * the campaign's author id for an account the campaign has (one person on both sides), else
   * `campaign.authorIdLimit()` plus the account's code here. Null when more networks are held than a mask has bits.
   */
  voiceByBucket(buckets: readonly TimeWindow[], networks: readonly string[], tags: readonly string[], campaign: CampaignAccounts): ComparatorSample[][] | null {
    if (this.networkCodes.size > MAX_NETWORKS) return null;
    let mask = 0;
    for (const network of networks) {
      const code = this.networkCodes.get(network);
      if (code !== undefined) mask |= 1 << code;
    }
    this.resolveAgainst(campaign);
    const others = campaign.authorIdLimit();
    // Per tag list: the positions in `tags` of the asked tags it carries.
    const carried: Array<number[] | undefined> = [];
    const tagCount = tags.length;
    if (this.seen.length < this.accountNames.length * tagCount) this.seen = new Int32Array(this.accountNames.length * tagCount * 2);
    const { seen, campaignAuthor, accountNames } = this;
    const { created, network, account, list, engagements, live } = this.columns;
    return buckets.map((bucket) => {
      const samples: ComparatorSample[] = tags.map(() => ({ posts: 0, engagements: 0, people: [] }));
      const stamp = (this.stamp += 1);
      const end = this.lowerBound(bucket.end);
      for (let at = this.lowerBound(bucket.start); at < end; at += 1) {
        if (live[at] === 0 || ((mask >>> network[at]!) & 1) === 0) continue;
        const l = list[at]!;
        const found = (carried[l] ??= askedPositions(this.lists[l]!, tags));
        if (found.length === 0) continue;
        const a = account[at]!;
        let person = campaignAuthor[a]!;
        if (person === UNRESOLVED) {
          campaignAuthor[a] = person = campaign.authorIdOf(accountNames[a]!) ?? NOT_CAMPAIGN;
          this.stats.lookupsWhileAnswering += 1;
        }
        if (person === NOT_CAMPAIGN) person = others + a;
        for (const t of found) {
          const sample = samples[t]!;
          sample.posts += 1;
          sample.engagements += engagements[at]!;
          if (seen[a * tagCount + t] !== stamp) {
            seen[a * tagCount + t] = stamp;
            sample.people.push(person);
          }
        }
      }
      return samples;
    });
  }

  /**
   * Resolves every comparator account against the campaign's accounts now, so that no answer pays
   * for it: the first 90-day share of voice at 1M spent 65 ms of its 290 on these look-ups.
   */
  resolveAccounts(campaign: CampaignAccounts): void {
    this.resolveAgainst(campaign);
    const { campaignAuthor, accountNames } = this;
    for (let a = 0; a < accountNames.length; a += 1) {
      if (campaignAuthor[a] === UNRESOLVED) campaignAuthor[a] = campaign.authorIdOf(accountNames[a]!) ?? NOT_CAMPAIGN;
    }
  }

  /**
   * Forgets the campaign accounts resolved before, if the campaign's accounts were reloaded or one
   * was forgotten; else unresolves only the comparator accounts the campaign has gained since.
   */
  private resolveAgainst(campaign: CampaignAccounts): void {
    const resolved = this.resolved;
    const epoch = campaign.accountEpoch();
    const added = campaign.accountsAdded();
    if (resolved.campaign !== campaign || resolved.epoch !== epoch) {
      this.campaignAuthor.fill(UNRESOLVED);
      Object.assign(resolved, { campaign, epoch, added: added.length });
      return;
    }
    for (let i = resolved.added; i < added.length; i += 1) {
      const code = this.accountCodes.get(added[i]!);
      if (code !== undefined) this.campaignAuthor[code] = UNRESOLVED;
    }
    resolved.added = added.length;
  }

  /** The first position at or after (`createdAt`, `id`). */
  private lowerBound(createdAt: number, id = 0): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const c = this.columns.created[mid]!;
      if (c < createdAt || (c === createdAt && this.columns.id[mid]! < id)) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Comparator posts held (live or not) and the bytes of their arrays (for the benchmark). */
  footprint(): { posts: number; bytes: number } {
    const arrays = [...Object.values(this.columns), this.position, this.seen, this.campaignAuthor] as ArrayBufferView[];
    return { posts: this.size, bytes: arrays.reduce((sum, array) => sum + array.byteLength, 0) };
  }
}

/** The positions in `tags` of the asked tags a post's stored tag list carries, in the list's order. */
export function askedPositions(list: readonly string[], tags: readonly string[]): number[] {
  return list.flatMap((tag) => (tags.includes(tag) ? [tags.indexOf(tag)] : []));
}

function codeOf(codes: Map<string, number>, name: string): number {
  let code = codes.get(name);
  if (code === undefined) codes.set(name, (code = codes.size));
  return code;
}

const indexes = connectionIndexes(HAS_TRIGGERS_SQL, (db) => new ComparatorIndex(db));

/**
 * The comparator index of `db`, up to date with every commit, or null when SQL must answer: turned
 * off for this connection, inside a write transaction, or a database whose comparator posts are not in the change log (before 018).
 */
export function comparatorIndexOf(db: Db): ComparatorIndex | null {
  return indexes.of(db);
}

/** Turns the comparator index on (the default) or off for one connection: off, the comparator side is read from SQL (the benchmark's "before"). */
export function setComparatorIndexEnabled(db: Db, enabled: boolean): void {
  indexes.setEnabled(db, enabled);
}
