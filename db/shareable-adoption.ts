// Shareable adoption in the database: share-button clicks counted per shareable, network and local
// day (nothing about the person), which collected posts used which shareable, how far attribution
// has got, and the per-shareable summary the dashboard and the weekly report show.
import { engagementsSql } from '../core/metrics.js';
import type { Network, PostKind } from '../core/types.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

/** Counts one press of a share button: +1 for the shareable, network and local day (YYYY-MM-DD). */
export function recordShareClick(db: Db, click: { shareableId: string; network: string; day: string }): void {
  statement(
    db,
    `INSERT INTO share_clicks (shareable_id, network, day, clicks) VALUES (@shareableId, @network, @day, 1)
     ON CONFLICT (shareable_id, network, day) DO UPDATE SET clicks = clicks + 1`,
  ).run(click);
}

/** Counts one press of the action page's Copy button: +1 copy for the shareable, network and local day. */
export function recordShareCopy(db: Db, copy: { shareableId: string; network: string; day: string }): void {
  statement(
    db,
    `INSERT INTO share_clicks (shareable_id, network, day, clicks, copies) VALUES (@shareableId, @network, @day, 0, 1)
     ON CONFLICT (shareable_id, network, day) DO UPDATE SET copies = copies + 1`,
  ).run(copy);
}

/** A collected post attribution has not examined yet: what the matcher needs. */
export interface PostAwaitingAttribution {
  postId: number;
  network: Network;
  text: string;
  /** Expanded link targets the network reported. */
  links: string[];
}

export interface AttributionBatch {
  /** Live posts with text, other than reposts, in id order. */
  posts: PostAwaitingAttribution[];
  /**
   * The highest post id this batch covers (removed posts and reposts included, which are skipped):
   * pass it to saveAttributions. Null when every post has been examined.
   */
  throughId: number | null;
}

interface AwaitingRow {
  postId: number;
  network: Network;
  kind: PostKind;
  text: string | null;
  links: string;
  removedAt: number | null;
}

/** Every post at or below it has been examined (0 before the first attribution). */
export function getAttributionWatermark(db: Db): number {
  return statement<[], { id: number }>(db, 'SELECT last_post_id AS id FROM shareable_attribution_progress WHERE id = 1').get()?.id ?? 0;
}

/**
 * The next `limit` posts attribution has not examined, oldest id first. Reposts are passed over:
 * they amplify someone else's post rather than use a ready-made one, and would count it twice.
 * Removed posts are passed over too (their text is gone).
 */
export function listPostsAwaitingAttribution(db: Db, limit: number): AttributionBatch {
  const rows = statement<[object], AwaitingRow>(
    db,
    `SELECT id AS postId, network, kind, text, links, removed_at AS removedAt FROM posts
     WHERE id > (SELECT COALESCE(MAX(last_post_id), 0) FROM shareable_attribution_progress)
     ORDER BY id LIMIT @limit`,
  ).all({ limit });
  const last = rows.at(-1);
  return {
    posts: rows
      .filter((row) => row.removedAt === null && row.kind !== 'repost' && row.text !== null)
      .map((row) => ({ postId: row.postId, network: row.network, text: row.text!, links: JSON.parse(row.links) as string[] })),
    throughId: last ? last.postId : null,
  };
}

/** What attribution concluded about one post (see shareables/attribution.ts). */
export interface PostAttribution {
  postId: number;
  shareableId: string;
  method: 'link' | 'text';
  score: number;
  edited: number;
  closestNetwork: string;
}

/**
 * Stores the attributions of one batch and moves the watermark to `throughId`, in one transaction:
 * a crash stores both or neither, so no post is skipped and none examined twice. A post removed in
 * the meantime is left out.
 */
export function saveAttributions(db: Db, attributions: readonly PostAttribution[], throughId: number, now: number): void {
  const insert = statement(
    db,
    `INSERT INTO post_shareables (post_id, shareable_id, method, score, edited, closest_network, attributed_at)
     SELECT @postId, @shareableId, @method, @score, @edited, @closestNetwork, @now
     WHERE EXISTS (SELECT 1 FROM posts WHERE id = @postId AND removed_at IS NULL)
     ON CONFLICT (post_id) DO UPDATE SET shareable_id = excluded.shareable_id, method = excluded.method, score = excluded.score,
       edited = excluded.edited, closest_network = excluded.closest_network, attributed_at = excluded.attributed_at`,
  );
  const advance = statement(
    db,
    `INSERT INTO shareable_attribution_progress (id, last_post_id, updated_at) VALUES (1, @throughId, @now)
     ON CONFLICT (id) DO UPDATE SET last_post_id = MAX(last_post_id, excluded.last_post_id), updated_at = excluded.updated_at`,
  );
  db.transaction(() => {
    for (const attribution of attributions) insert.run({ ...attribution, now });
    advance.run({ throughId, now });
  }).immediate();
}

/** How much supporters edited the posts they used: 0 = as generated, 1 = every word changed. */
export interface EditedSummary {
  mean: number;
  median: number;
}

export interface AdoptionFigures {
  /** Share-button presses on the days of the window. */
  clicks: number;
  /** Copy-button presses on the days of the window. */
  copies: number;
  /** Live posts created in the window that used the shareable. */
  posts: number;
  postsByMethod: { link: number; text: number };
  /** Null when no post used it. */
  edited: EditedSummary | null;
  /** Latest engagements of those posts (core/metrics definitions). */
  engagements: number;
  /** Distinct accounts behind those posts. */
  contributors: number;
  /** Sum of the latest follower counts of those accounts (core/metrics potential reach). */
  potentialReach: number;
}

export interface NetworkAdoption extends AdoptionFigures {
  /** A collected network (x, bluesky, mastodon) or a share-only one (threads, linkedin, facebook). */
  network: string;
}

export interface ShareableAdoption extends AdoptionFigures {
  shareableId: string;
  /** Networks with a click or a post, in no particular order. */
  networks: NetworkAdoption[];
}

export interface AdoptionQuery {
  /** Posts created in this window count. */
  window: TimeWindow;
  /** Posts in this scope count (the dashboard's own filters). */
  scope: AnalyticsScope;
  /** Clicks on these local days count, both included (YYYY-MM-DD in the report time zone). */
  clickDays: { from: string; to: string };
  /** Clicks on these networks count. */
  clickNetworks: readonly string[];
}

interface AdoptedPostRow {
  shareableId: string;
  network: Network;
  method: 'link' | 'text';
  edited: number;
  authorId: number;
  followers: number | null;
  engagements: number;
}

// The dashboard's own scope filter and engagement formula, on the latest reading stored on posts.
const ADOPTED_POSTS_SQL = `
  SELECT s.shareable_id AS shareableId, p.network, s.method, s.edited, p.author_id AS authorId, a.followers,
    ${engagementsSql('p')} AS engagements
  FROM post_shareables s
  JOIN posts p ON p.id = s.post_id
  JOIN authors a ON a.id = p.author_id
  WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}`;

const CLICKS_SQL = `
  SELECT shareable_id AS shareableId, network, SUM(clicks) AS clicks, SUM(copies) AS copies FROM share_clicks
  WHERE day >= @from AND day <= @to AND network IN (SELECT value FROM json_each(@networks))
  GROUP BY shareable_id, network`;

function editedSummary(values: number[]): EditedSummary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length, median };
}

/** Figures accumulated before the edited summary and distinct contributors are worked out. */
class Tally {
  clicks = 0;
  copies = 0;
  posts = 0;
  postsByMethod = { link: 0, text: 0 };
  engagements = 0;
  readonly edited: number[] = [];
  /** Author id → latest followers; an account counts once however often it posted. */
  readonly authors = new Map<number, number | null>();

  add(row: AdoptedPostRow): void {
    this.posts += 1;
    this.postsByMethod[row.method] += 1;
    this.engagements += row.engagements;
    this.edited.push(row.edited);
    this.authors.set(row.authorId, row.followers);
  }

  figures(): AdoptionFigures {
    let potentialReach = 0;
    for (const followers of this.authors.values()) potentialReach += followers ?? 0;
    return {
      clicks: this.clicks,
      copies: this.copies,
      posts: this.posts,
      postsByMethod: { ...this.postsByMethod },
      edited: editedSummary(this.edited),
      engagements: this.engagements,
      contributors: this.authors.size,
      potentialReach,
    };
  }
}

/**
 * Per shareable with a click or a post in the query: clicks, the posts that used it, how much they
 * were edited, their engagements and potential reach, overall and by network. Most posts first.
 */
export function getShareableAdoption(db: Db, query: AdoptionQuery): ShareableAdoption[] {
  const posts = statement<[object], AdoptedPostRow>(db, ADOPTED_POSTS_SQL).all({ ...scopeParams(query.scope), start: query.window.start, end: query.window.end });
  const clicks = statement<[object], { shareableId: string; network: string; clicks: number; copies: number }>(db, CLICKS_SQL).all({
    from: query.clickDays.from,
    to: query.clickDays.to,
    networks: JSON.stringify(query.clickNetworks),
  });

  const byShareable = new Map<string, { total: Tally; networks: Map<string, Tally> }>();
  const tallies = (shareableId: string, network: string): [Tally, Tally] => {
    let entry = byShareable.get(shareableId);
    if (!entry) {
      entry = { total: new Tally(), networks: new Map() };
      byShareable.set(shareableId, entry);
    }
    let perNetwork = entry.networks.get(network);
    if (!perNetwork) {
      perNetwork = new Tally();
      entry.networks.set(network, perNetwork);
    }
    return [entry.total, perNetwork];
  };
  for (const row of posts) for (const tally of tallies(row.shareableId, row.network)) tally.add(row);
  for (const row of clicks) {
    for (const tally of tallies(row.shareableId, row.network)) {
      tally.clicks += row.clicks;
      tally.copies += row.copies;
    }
  }

  return [...byShareable.entries()]
    .map(([shareableId, entry]) => ({
      shareableId,
      ...entry.total.figures(),
      networks: [...entry.networks.entries()].map(([network, tally]) => ({ network, ...tally.figures() })),
    }))
    .sort((a, b) => b.posts - a.posts || b.clicks - a.clicks || b.copies - a.copies || a.shareableId.localeCompare(b.shareableId));
}
