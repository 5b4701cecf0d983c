// Version 1: posts, authors, append-only metric snapshots, collection runs and checkpoints.
// Times are INTEGER milliseconds since the epoch (UTC): compact, indexable and unambiguous.

export const up = /* sql */ `
CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL CHECK (network IN ('x', 'bluesky', 'mastodon')),
  network_id TEXT NOT NULL,
  username TEXT NOT NULL,
  display_name TEXT,
  followers INTEGER,
  followers_updated_at INTEGER,
  verified INTEGER,
  UNIQUE (network, network_id)
) STRICT;

CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL CHECK (network IN ('x', 'bluesky', 'mastodon')),
  network_id TEXT NOT NULL,
  refresh_ref TEXT NOT NULL,
  author_id INTEGER NOT NULL REFERENCES authors (id),
  created_at INTEGER NOT NULL,
  text TEXT,
  lang TEXT,
  url TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('original', 'reply', 'quote', 'repost')),
  -- JSON arrays of lower-case tags without '#': the tracked ones matched, and every tag in the post.
  matched_hashtags TEXT NOT NULL DEFAULT '[]',
  links TEXT NOT NULL DEFAULT '[]',
  first_seen_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  removed_at INTEGER,
  removed_reason TEXT,
  -- Latest reading, denormalised from metric_snapshots so top-post queries need no join.
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  quotes INTEGER,
  bookmarks INTEGER,
  impressions INTEGER,
  metrics_at INTEGER,
  next_refresh_at INTEGER,
  UNIQUE (network, network_id)
) STRICT;
CREATE INDEX posts_by_created ON posts (created_at);
CREATE INDEX posts_by_network_created ON posts (network, created_at);
CREATE INDEX posts_by_author ON posts (author_id);
CREATE INDEX posts_refresh_due ON posts (network, next_refresh_at) WHERE removed_at IS NULL AND next_refresh_at IS NOT NULL;

CREATE TABLE post_hashtags (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (tag, post_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX post_hashtags_by_post ON post_hashtags (post_id);

CREATE TABLE metric_snapshots (
  post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  observed_at INTEGER NOT NULL,
  likes INTEGER,
  reposts INTEGER,
  replies INTEGER,
  quotes INTEGER,
  bookmarks INTEGER,
  impressions INTEGER,
  PRIMARY KEY (post_id, observed_at)
) STRICT, WITHOUT ROWID;
CREATE INDEX metric_snapshots_by_time ON metric_snapshots (observed_at);

CREATE TABLE collection_runs (
  id INTEGER PRIMARY KEY,
  network TEXT NOT NULL CHECK (network IN ('x', 'bluesky', 'mastodon')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('running', 'ok', 'rate_limited', 'interrupted', 'failed', 'skipped')),
  posts_new INTEGER NOT NULL DEFAULT 0,
  posts_updated INTEGER NOT NULL DEFAULT 0,
  posts_removed INTEGER NOT NULL DEFAULT 0,
  requests INTEGER NOT NULL DEFAULT 0,
  posts_read INTEGER NOT NULL DEFAULT 0,
  estimated_cost_usd REAL NOT NULL DEFAULT 0,
  rate_limit_pauses INTEGER NOT NULL DEFAULT 0,
  refreshes_dropped INTEGER NOT NULL DEFAULT 0,
  message TEXT,
  error TEXT
) STRICT;
CREATE INDEX collection_runs_by_network ON collection_runs (network, started_at);

CREATE TABLE checkpoints (
  network TEXT NOT NULL CHECK (network IN ('x', 'bluesky', 'mastodon')),
  scope TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (network, scope)
) STRICT;
`;
