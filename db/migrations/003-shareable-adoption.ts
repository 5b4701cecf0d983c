// Version 3: shareable adoption. Which collected posts used a ready-made post (post_shareables),
// how many times each share button was pressed per network and local day (share_clicks), and how far
// attribution has got through the posts (shareable_attribution_progress).
//
// share_clicks holds counts only: nothing about the person who clicked (no IP address, user agent,
// cookie or referrer), so a count can never be traced back to anyone.
// A removed post's attribution is deleted with its text (removal purges what we may not keep).
// This text is frozen once shipped.

export const up = /* sql */ `
CREATE TABLE post_shareables (
  post_id INTEGER PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  shareable_id TEXT NOT NULL,
  -- 'link': a utm_content link named the shareable; 'text': the text was similar enough.
  method TEXT NOT NULL CHECK (method IN ('link', 'text')),
  -- Similarity (0-1) to the closest generated post of the shareable.
  score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
  -- How much of the generated post's words the supporter changed (0 = none, 1 = all).
  edited REAL NOT NULL CHECK (edited >= 0 AND edited <= 1),
  closest_network TEXT NOT NULL,
  attributed_at INTEGER NOT NULL
) STRICT;
CREATE INDEX post_shareables_by_shareable ON post_shareables (shareable_id);

CREATE TABLE share_clicks (
  shareable_id TEXT NOT NULL,
  network TEXT NOT NULL,
  -- Local calendar date (YYYY-MM-DD) in the report time zone.
  day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  clicks INTEGER NOT NULL CHECK (clicks >= 0),
  PRIMARY KEY (shareable_id, network, day)
) STRICT, WITHOUT ROWID;
CREATE INDEX share_clicks_by_day ON share_clicks (day);

-- One row: every post with a smaller or equal id has been examined. Posts get ever larger ids
-- (INTEGER PRIMARY KEY, never deleted), so "not yet examined" is "id above the watermark".
CREATE TABLE shareable_attribution_progress (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_post_id INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TRIGGER post_shareables_purge_removed AFTER UPDATE OF removed_at ON posts
WHEN NEW.removed_at IS NOT NULL AND OLD.removed_at IS NULL
BEGIN
  DELETE FROM post_shareables WHERE post_id = NEW.id;
END;
`;
