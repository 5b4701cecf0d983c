// Version 16: share of voice and amplifiers (issue 16, items 3 and 4).
//
// comparator_posts: posts collected for COMPARE_HASHTAGS that carry no tracked hashtag. They live
//   in a table of their own, with their author inline, so no campaign query (posts, authors, the
//   rollups, the post index, exports, alerts, moments) can ever count them. A post carrying both a
//   tracked and a comparator hashtag is the campaign's: it is stored in posts only, and share of
//   voice finds it there through post_hashtags (overlap). Latest counts only, re-read on the
//   refresh schedule like campaign posts; a post the network says is gone is deleted outright.
// comparator_collection: when each comparator hashtag was first collected on each network, so share
//   of voice never compares the campaign with days the comparator was not collected.
// post_reach: each campaign post's author's follower count when the post was first stored (the
//   amplifiers' reach "at the time of their posts"; authors keeps only the latest count). Filled by
//   trigger, so the collector's write path is unchanged; posts stored before this version get the
//   follower count known at the upgrade.
// Writes to comparator_posts move the 'collected' change counter (migration 010) so kept dashboard
// answers follow. This text is frozen once shipped: it must not import anything that may change.

const COMPARATOR_EVENTS = ['INSERT', 'UPDATE', 'DELETE'] as const;

export const up = /* sql */ `
CREATE TABLE comparator_posts (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL,
  network_id TEXT NOT NULL,
  refresh_ref TEXT NOT NULL,
  -- JSON array of the comparator hashtags (lower case, no '#') the post carries.
  tags TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('original', 'reply', 'quote', 'repost')),
  created_at INTEGER NOT NULL,
  author_network_id TEXT NOT NULL,
  author_username TEXT NOT NULL,
  author_followers INTEGER,
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  quotes INTEGER,
  bookmarks INTEGER,
  impressions INTEGER,
  first_seen_at INTEGER NOT NULL,
  metrics_at INTEGER NOT NULL,
  next_refresh_at INTEGER,
  UNIQUE (network, network_id)
) STRICT;
CREATE INDEX comparator_posts_by_created ON comparator_posts (created_at);
CREATE INDEX comparator_posts_refresh_due ON comparator_posts (network, next_refresh_at) WHERE next_refresh_at IS NOT NULL;

CREATE TABLE comparator_collection (
  network TEXT NOT NULL,
  tag TEXT NOT NULL,
  first_collected_at INTEGER NOT NULL,
  PRIMARY KEY (network, tag)
) STRICT, WITHOUT ROWID;

${COMPARATOR_EVENTS.map(
  (event) => `CREATE TRIGGER change_counter_comparator_posts_${event.toLowerCase()} AFTER ${event} ON comparator_posts
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'collected';
END;`,
).join('\n')}

CREATE TABLE post_reach (
  post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  followers INTEGER
) STRICT;
INSERT INTO post_reach (post_id, followers) SELECT p.id, a.followers FROM posts p JOIN authors a ON a.id = p.author_id;
CREATE TRIGGER post_reach_on_insert AFTER INSERT ON posts
BEGIN
  INSERT OR IGNORE INTO post_reach (post_id, followers) SELECT NEW.id, followers FROM authors WHERE id = NEW.author_id;
END;
`;
