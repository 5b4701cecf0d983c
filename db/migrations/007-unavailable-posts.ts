// Version 7: posts that are hidden but not deleted, and which copy a post's counts came from.
// A Bluesky post missing from getPosts may only be hidden (its author blocked the tracker, was taken
// down or deactivated): it is marked unavailable, keeping its last counts frozen, instead of being
// purged. A Mastodon post is seen through several servers; `counts_source` names the server whose copy
// gave the latest counts (the author's home server when it answers). The run log counts the posts a
// run marked unavailable apart from the removed ones.
// This text is frozen once shipped: it must not import anything that may change.

export const up = /* sql */ `
ALTER TABLE posts ADD COLUMN unavailable_at INTEGER;
ALTER TABLE posts ADD COLUMN unavailable_reason TEXT;
ALTER TABLE posts ADD COLUMN counts_source TEXT;
ALTER TABLE collection_runs ADD COLUMN posts_unavailable INTEGER NOT NULL DEFAULT 0;
`;
