// Version 2: hourly rollups for the dashboard and reports, kept current by triggers so the
// collector's write path needs no change, and a covering index for what rollups cannot answer.
//
// rollup_posts_hourly: posts created per UTC hour (hour = created_at / 3600000), per network,
//   tracked tag ('' = every post), kind and whether the post reports impressions, with their latest
//   counts summed. Live posts only: a removed post leaves it.
// rollup_gains_hourly: counts gained per UTC hour from the snapshot history. Each snapshot adds its
//   difference from the post's previous snapshot at the hour it was observed; a post's first reading
//   counts in full at the post's creation hour (what a post had when first seen was earned since it
//   was posted, so a first collection or a backfill shows no spike). Missing counts read as 0, so a
//   post's gains always add up to its latest snapshot. Live posts only.
// Counts are stored per component (likes, reposts, ...), never as engagements, so the engagement
// formula (core/metrics.ts) is applied when querying and a formula change needs no migration.
//
// Triggers recompute one post's gains from its handful of snapshots on every snapshot insert or
// delete, which stays exact even for out-of-order or replaced (INSERT OR REPLACE) snapshots.
// SQLite allows no WITH clause inside triggers, hence the nested subqueries. This text is frozen
// once shipped: it must not import anything that may change.

const COUNTS = ['likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions'] as const;

/** `likes, reposts, …` optionally prefixed, e.g. `s.likes, s.reposts, …`. */
const list = (prefix = '') => COUNTS.map((c) => `${prefix}${c}`).join(', ');

/** All tracked tags of a post plus '' (the all-posts row), as a json_each source. */
const tagsOf = (matchedHashtags: string) => `json_each(json_insert(${matchedHashtags}, '$[#]', ''))`;

const addOnConflict = (extra: readonly string[] = []) =>
  [...extra, ...COUNTS].map((c) => `${c} = ${c} + excluded.${c}`).join(', ');

/**
 * Each snapshot's contribution (hour, count differences) for one post's snapshot set `source`
 * (rows of observed_at + counts); `createdAt` is the post's creation time.
 */
function contributions(source: string, createdAt: string): string {
  const deltas = COUNTS.map((c) => `COALESCE(${c}, 0) - COALESCE(LAG(${c}) OVER w, 0) AS ${c}`).join(', ');
  return `SELECT (CASE WHEN ROW_NUMBER() OVER w = 1 THEN ${createdAt} ELSE observed_at END) / 3600000 AS hour, ${deltas}
    FROM (${source}) WINDOW w AS (ORDER BY observed_at)`;
}

/**
 * Adds (after − before) of a live post's contributions into rollup_gains_hourly, where `after` and
 * `before` are the post's snapshot sets after and before the change.
 */
function applyGainChange(postId: string, after: string, before: string): string {
  const createdAt = `(SELECT created_at FROM posts WHERE id = ${postId})`;
  const sums = COUNTS.map((c) => `SUM(d.${c})`).join(', ');
  const negated = COUNTS.map((c) => `-${c}`).join(', ');
  return `INSERT INTO rollup_gains_hourly (tag, hour, network, ${list()})
    SELECT t.value, d.hour, p.network, ${sums}
    FROM posts p,
      (SELECT hour, ${list()} FROM (${contributions(after, createdAt)})
       UNION ALL SELECT hour, ${negated} FROM (${contributions(before, createdAt)})) d,
      ${tagsOf('p.matched_hashtags')} t
    WHERE p.id = ${postId} AND p.removed_at IS NULL
    GROUP BY t.value, d.hour
    HAVING ${COUNTS.map((c) => `SUM(d.${c}) <> 0`).join(' OR ')}
    ON CONFLICT (tag, hour, network) DO UPDATE SET ${addOnConflict()};`;
}

/** Adds the difference between NEW (the post's latest snapshot) and the one before it; the first reading at the creation hour. */
function appendGain(): string {
  const deltas = COUNTS.map((c) => `COALESCE(NEW.${c}, 0) - COALESCE(prev.${c}, 0)`).join(', ');
  return `INSERT INTO rollup_gains_hourly (tag, hour, network, ${list()})
    SELECT t.value, (CASE WHEN prev.observed_at IS NULL THEN p.created_at ELSE NEW.observed_at END) / 3600000, p.network, ${deltas}
    FROM posts p
      LEFT JOIN metric_snapshots prev ON prev.post_id = NEW.post_id
        AND prev.observed_at = (SELECT MAX(observed_at) FROM metric_snapshots WHERE post_id = NEW.post_id AND observed_at < NEW.observed_at)
      JOIN ${tagsOf('p.matched_hashtags')} t
    WHERE p.id = NEW.post_id AND p.removed_at IS NULL
    ON CONFLICT (tag, hour, network) DO UPDATE SET ${addOnConflict()};`;
}

/** Adds (sign = 1) or removes (sign = -1) all gains of post `row` (OLD or NEW of posts) under its own attributes. */
function applyWholePostGains(row: 'OLD' | 'NEW', sign: 1 | -1): string {
  const snapshots = `SELECT observed_at, ${list()} FROM metric_snapshots WHERE post_id = ${row}.id`;
  const sums = COUNTS.map((c) => `${sign} * SUM(d.${c})`).join(', ');
  return `INSERT INTO rollup_gains_hourly (tag, hour, network, ${list()})
    SELECT t.value, d.hour, ${row}.network, ${sums}
    FROM (${contributions(snapshots, `${row}.created_at`)}) d, ${tagsOf(`${row}.matched_hashtags`)} t
    WHERE ${row}.removed_at IS NULL
    GROUP BY t.value, d.hour
    ON CONFLICT (tag, hour, network) DO UPDATE SET ${addOnConflict()};`;
}

/** Adds (sign = 1) or removes (sign = -1) post `row` from rollup_posts_hourly. */
function applyPostCounts(row: 'OLD' | 'NEW', sign: 1 | -1): string {
  const values = COUNTS.map((c) => `${sign} * COALESCE(${row}.${c}, 0)`).join(', ');
  return `INSERT INTO rollup_posts_hourly (tag, hour, network, kind, with_impressions, posts, ${list()})
    SELECT t.value, ${row}.created_at / 3600000, ${row}.network, ${row}.kind, ${row}.impressions IS NOT NULL, ${sign}, ${values}
    FROM ${tagsOf(`${row}.matched_hashtags`)} t
    WHERE ${row}.removed_at IS NULL
    ON CONFLICT (tag, hour, network, kind, with_impressions) DO UPDATE SET ${addOnConflict(['posts'])};`;
}

/** Adds NEW − OLD of a live post's counts to its (unchanged) rollup_posts_hourly rows. */
function applyPostCountChange(): string {
  const deltas = COUNTS.map((c) => `COALESCE(NEW.${c}, 0) - COALESCE(OLD.${c}, 0)`).join(', ');
  return `INSERT INTO rollup_posts_hourly (tag, hour, network, kind, with_impressions, posts, ${list()})
    SELECT t.value, NEW.created_at / 3600000, NEW.network, NEW.kind, NEW.impressions IS NOT NULL, 0, ${deltas}
    FROM ${tagsOf('NEW.matched_hashtags')} t
    WHERE true
    ON CONFLICT (tag, hour, network, kind, with_impressions) DO UPDATE SET ${addOnConflict(['posts'])};`;
}

const countColumns = COUNTS.map((c) => `  ${c} INTEGER NOT NULL DEFAULT 0,`).join('\n');
const changed = (columns: readonly string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');
const snapshotsOf = (postId: string, extra = '') => `SELECT observed_at, ${list()} FROM metric_snapshots WHERE post_id = ${postId}${extra}`;

export const up = /* sql */ `
CREATE TABLE rollup_posts_hourly (
  tag TEXT NOT NULL,
  hour INTEGER NOT NULL,
  network TEXT NOT NULL,
  kind TEXT NOT NULL,
  with_impressions INTEGER NOT NULL,
  posts INTEGER NOT NULL DEFAULT 0,
${countColumns}
  PRIMARY KEY (tag, hour, network, kind, with_impressions)
) STRICT, WITHOUT ROWID;

CREATE TABLE rollup_gains_hourly (
  tag TEXT NOT NULL,
  hour INTEGER NOT NULL,
  network TEXT NOT NULL,
${countColumns}
  PRIMARY KEY (tag, hour, network)
) STRICT, WITHOUT ROWID;

-- Questions the rollups cannot answer (distinct contributors and reach, per-author totals, top
-- posts, partial hours) read this covering index instead of the table. removed_at is a column, not
-- a partial-index condition, because the planner does not treat a partial index as covering.
CREATE INDEX posts_by_network_created_covering
  ON posts (network, created_at, author_id, removed_at, matched_hashtags, kind, ${list()});

-- Backfill from what an existing database already holds.
INSERT INTO rollup_posts_hourly (tag, hour, network, kind, with_impressions, posts, ${list()})
  SELECT t.value, p.created_at / 3600000, p.network, p.kind, p.impressions IS NOT NULL, COUNT(*),
    ${COUNTS.map((c) => `SUM(COALESCE(p.${c}, 0))`).join(', ')}
  FROM posts p, ${tagsOf('p.matched_hashtags')} t
  WHERE p.removed_at IS NULL
  GROUP BY 1, 2, 3, 4, 5;

INSERT INTO rollup_gains_hourly (tag, hour, network, ${list()})
  SELECT t.value, d.hour, p.network, ${COUNTS.map((c) => `SUM(d.${c})`).join(', ')}
  FROM (
    SELECT s.post_id,
      (CASE WHEN ROW_NUMBER() OVER w = 1 THEN (SELECT created_at FROM posts WHERE id = s.post_id) ELSE s.observed_at END) / 3600000 AS hour,
      ${COUNTS.map((c) => `COALESCE(s.${c}, 0) - COALESCE(LAG(s.${c}) OVER w, 0) AS ${c}`).join(', ')}
    FROM metric_snapshots s
    WINDOW w AS (PARTITION BY s.post_id ORDER BY s.observed_at)
  ) d
  JOIN posts p ON p.id = d.post_id AND p.removed_at IS NULL,
  ${tagsOf('p.matched_hashtags')} t
  GROUP BY 1, 2, 3;

CREATE TRIGGER rollup_posts_insert AFTER INSERT ON posts WHEN NEW.removed_at IS NULL
BEGIN
  ${applyPostCounts('NEW', 1)}
END;

-- The usual update, a refreshed reading of a live post: add the differences in place.
CREATE TRIGGER rollup_posts_refresh
AFTER UPDATE OF ${list()} ON posts
WHEN NEW.removed_at IS NULL AND OLD.removed_at IS NULL AND (OLD.impressions IS NULL) = (NEW.impressions IS NULL)
  AND NOT (${changed(['created_at', 'network', 'kind', 'matched_hashtags'])}) AND (${changed(COUNTS)})
BEGIN
  ${applyPostCountChange()}
END;

-- Anything else that moves a post between rollup rows: take it out of the old row, add it to the new.
CREATE TRIGGER rollup_posts_update
AFTER UPDATE OF created_at, network, kind, matched_hashtags, removed_at, impressions ON posts
WHEN ${changed(['created_at', 'network', 'kind', 'matched_hashtags'])} OR (OLD.removed_at IS NULL) <> (NEW.removed_at IS NULL)
  OR (OLD.impressions IS NULL) <> (NEW.impressions IS NULL)
BEGIN
  ${applyPostCounts('OLD', -1)}
  ${applyPostCounts('NEW', 1)}
END;

-- A post whose creation time, network or tags change, or which is removed (or restored), moves its gains.
CREATE TRIGGER rollup_gains_post_update
AFTER UPDATE OF created_at, network, matched_hashtags, removed_at ON posts
WHEN ${changed(['created_at', 'network', 'matched_hashtags'])} OR (OLD.removed_at IS NULL) <> (NEW.removed_at IS NULL)
BEGIN
  ${applyWholePostGains('OLD', -1)}
  ${applyWholePostGains('NEW', 1)}
END;

CREATE TRIGGER rollup_posts_delete AFTER DELETE ON posts WHEN OLD.removed_at IS NULL
BEGIN
  ${applyPostCounts('OLD', -1)}
END;

-- Delete a post's snapshots while the post still exists, so their gains leave the rollup.
CREATE TRIGGER rollup_gains_post_delete BEFORE DELETE ON posts
BEGIN
  DELETE FROM metric_snapshots WHERE post_id = OLD.id;
END;

-- INSERT OR REPLACE deletes the old row without firing delete triggers: take its gains out first.
CREATE TRIGGER rollup_gains_snapshot_replace BEFORE INSERT ON metric_snapshots
WHEN EXISTS (SELECT 1 FROM metric_snapshots WHERE post_id = NEW.post_id AND observed_at = NEW.observed_at)
BEGIN
  ${applyGainChange('NEW.post_id', snapshotsOf('NEW.post_id', ' AND observed_at <> NEW.observed_at'), snapshotsOf('NEW.post_id'))}
END;

-- The usual case, a reading newer than every other of the post: add its difference at its hour.
CREATE TRIGGER rollup_gains_snapshot_append AFTER INSERT ON metric_snapshots
WHEN NOT EXISTS (SELECT 1 FROM metric_snapshots WHERE post_id = NEW.post_id AND observed_at > NEW.observed_at)
BEGIN
  ${appendGain()}
END;

-- A reading older than another of the post changes that one's difference too: recompute the post.
CREATE TRIGGER rollup_gains_snapshot_insert AFTER INSERT ON metric_snapshots
WHEN EXISTS (SELECT 1 FROM metric_snapshots WHERE post_id = NEW.post_id AND observed_at > NEW.observed_at)
BEGIN
  ${applyGainChange('NEW.post_id', snapshotsOf('NEW.post_id'), snapshotsOf('NEW.post_id', ' AND observed_at <> NEW.observed_at'))}
END;

CREATE TRIGGER rollup_gains_snapshot_delete AFTER DELETE ON metric_snapshots
BEGIN
  ${applyGainChange('OLD.post_id', snapshotsOf('OLD.post_id'), `${snapshotsOf('OLD.post_id')} UNION ALL SELECT OLD.observed_at, ${list('OLD.')}`)}
END;

-- Snapshots are readings taken at a moment: append or delete them, never edit one (the rollup would go stale).
CREATE TRIGGER metric_snapshots_append_only BEFORE UPDATE ON metric_snapshots
BEGIN
  SELECT RAISE(ABORT, 'metric_snapshots rows are append-only: insert a new reading instead of updating one');
END;
`;
