// Version 6: X retweets are amplification, not posts with engagement of their own.
//
// A retweet arrives carrying its original's retweet_count and no likes, so counting it as a post
// counted each original once per retweet (82,870 engagements instead of 68,325 on the recorded kpop
// page: README "What each network's numbers mean"). From now on a repost keeps NULL counts and no
// snapshots and links to its original's row (repost_of_post_id); the original is stored once with
// its own counts. Reposts still count as posts (by kind), contributors and potential reach.
//
// This migration corrects the X reposts already stored: their counts become NULL and their
// snapshots are deleted, so the rollup triggers of 002 take them out of rollup_posts_hourly and
// rollup_gains_hourly. Their originals were never requested before, so the link stays NULL until
// a refresh (`jobquality collect --once --refresh all`) reads them again and stores the original.
//
// collection_runs.usage_cap_period records a run stopped because the plan's usage cap was spent
// (X answers 429 UsageCapExceeded with period 'Daily' or 'Monthly'; 'unknown' when it did not say).
// This text is frozen once shipped: it must not import anything that may change.

export const up = /* sql */ `
ALTER TABLE posts ADD COLUMN repost_of_post_id INTEGER REFERENCES posts (id) ON DELETE SET NULL;
CREATE INDEX posts_by_repost_of ON posts (repost_of_post_id) WHERE repost_of_post_id IS NOT NULL;

DELETE FROM metric_snapshots WHERE post_id IN (SELECT id FROM posts WHERE network = 'x' AND kind = 'repost');
UPDATE posts SET likes = NULL, reposts = NULL, replies = NULL, quotes = NULL, bookmarks = NULL, impressions = NULL
  WHERE network = 'x' AND kind = 'repost'
    AND (likes IS NOT NULL OR reposts IS NOT NULL OR replies IS NOT NULL OR quotes IS NOT NULL OR bookmarks IS NOT NULL OR impressions IS NOT NULL);

ALTER TABLE collection_runs ADD COLUMN usage_cap_period TEXT;
`;
