// Version 19: a new post, author or comparator post no longer bumps the 'collected' counter.
// Measured on a page of 100 new posts at a million posts (BENCHMARKS.md, fifth round): the counter's
// triggers were the largest group left, about 4 ms of 19 on the AMD machine, for two UPDATEs of one
// row per post (its author's upsert and its own row). The change token (db/data-version.ts) now adds
// each of these tables' largest id to the counter instead: an insert always raises it (ids are never
// given explicitly, and a deleted newest row bumps the counter first), so the token still moves on
// every insert. An author's upsert that changes nothing an answer reads (only followers_updated_at,
// which no answer shows) no longer counts either. Updates and deletes count as before.
// This text is frozen once shipped.

export const up = /* sql */ `
DROP TRIGGER IF EXISTS change_counter_posts_insert;
DROP TRIGGER IF EXISTS change_counter_authors_insert;
DROP TRIGGER IF EXISTS change_counter_comparator_posts_insert;
DROP TRIGGER IF EXISTS change_counter_authors_update;
CREATE TRIGGER change_counter_authors_update AFTER UPDATE ON authors
WHEN OLD.network IS NOT NEW.network OR OLD.network_id IS NOT NEW.network_id OR OLD.username IS NOT NEW.username
  OR OLD.display_name IS NOT NEW.display_name OR OLD.followers IS NOT NEW.followers OR OLD.verified IS NOT NEW.verified
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = 'collected';
END;
`;
