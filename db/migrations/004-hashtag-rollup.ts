// Version 4: hashtags per hour, so the dashboard's co-occurring hashtag list sums a rollup instead of
// joining every post of the range to its tags (0.7 s over 90 days at a million posts: `npm run bench`).
//
// rollup_hashtags_hourly: live posts per UTC creation hour (hour = created_at / 3600000), network,
// tracked tag ('' = every post) and hashtag (every tag of the post as stored in post_hashtags, tracked
// ones included: the query leaves out what it is asked to). Partial hours are read from the raw tables.
//
// Kept by triggers, so the collector's write path needs no change: a tag stored for a live post adds 1,
// a tag deleted from a live post takes 1 away, and a post that is removed (purge sets removed_at before
// it deletes the tags), restored, or changes creation time, network or tracked tags moves all its tags.
// A post row deleted outright first deletes its tags while it still exists, as 002 does for snapshots.
// This text is frozen once shipped: it must not import anything that may change.

/** All tracked tags of a post plus '' (the all-posts row), as a json_each source. */
const tagsOf = (matchedHashtags: string) => `json_each(json_insert(${matchedHashtags}, '$[#]', ''))`;

const UPSERT = `ON CONFLICT (tag, hour, network, hashtag) DO UPDATE SET posts = posts + excluded.posts;`;

/** Adds (sign = 1) or removes (sign = -1) one post_hashtags row `row` (NEW or OLD), if its post is live. */
function applyTag(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO rollup_hashtags_hourly (tag, hour, network, hashtag, posts)
    SELECT t.value, p.created_at / 3600000, p.network, ${row}.tag, ${sign}
    FROM posts p, ${tagsOf('p.matched_hashtags')} t
    WHERE p.id = ${row}.post_id AND p.removed_at IS NULL
    ${UPSERT}`;
}

/** Adds (sign = 1) or removes (sign = -1) every tag of post `row` (NEW or OLD of posts) under its own attributes, if live. */
function applyPost(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  return `INSERT INTO rollup_hashtags_hourly (tag, hour, network, hashtag, posts)
    SELECT t.value, ${row}.created_at / 3600000, ${row}.network, h.tag, ${sign}
    FROM post_hashtags h, ${tagsOf(`${row}.matched_hashtags`)} t
    WHERE h.post_id = ${row}.id AND ${row}.removed_at IS NULL
    ${UPSERT}`;
}

export const up = /* sql */ `
CREATE TABLE rollup_hashtags_hourly (
  tag TEXT NOT NULL,
  hour INTEGER NOT NULL,
  network TEXT NOT NULL,
  hashtag TEXT NOT NULL,
  posts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (tag, hour, network, hashtag)
) STRICT, WITHOUT ROWID;

-- Backfill from what an existing database already holds.
INSERT INTO rollup_hashtags_hourly (tag, hour, network, hashtag, posts)
  SELECT t.value, p.created_at / 3600000, p.network, h.tag, COUNT(*)
  FROM posts p JOIN post_hashtags h ON h.post_id = p.id, ${tagsOf('p.matched_hashtags')} t
  WHERE p.removed_at IS NULL
  GROUP BY 1, 2, 3, 4;

CREATE TRIGGER rollup_hashtags_tag_insert AFTER INSERT ON post_hashtags
BEGIN
  ${applyTag('NEW', 1)}
END;

CREATE TRIGGER rollup_hashtags_tag_delete AFTER DELETE ON post_hashtags
BEGIN
  ${applyTag('OLD', -1)}
END;

CREATE TRIGGER rollup_hashtags_post_update
AFTER UPDATE OF created_at, network, matched_hashtags, removed_at ON posts
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.network IS NOT NEW.network OR OLD.matched_hashtags IS NOT NEW.matched_hashtags
  OR (OLD.removed_at IS NULL) <> (NEW.removed_at IS NULL)
BEGIN
  ${applyPost('OLD', -1)}
  ${applyPost('NEW', 1)}
END;

-- Delete a post's tags while the post still exists, so they leave the rollup.
CREATE TRIGGER rollup_hashtags_post_delete BEFORE DELETE ON posts
BEGIN
  DELETE FROM post_hashtags WHERE post_id = OLD.id;
END;
`;
