// Version 17: a lighter write path, and hashtag changes in the change log.
// (Dropping posts_by_network_created as well was measured and left out: it saved under 1 ms of a page,
// and without it the planner read a partial hour's gains through the wrong index, 1.7 s at 1M posts.)
//
// Measured on a page of 100 new posts at a million posts (`npm run bench`, bench/measure-triggers.ts):
// - The change counters of 010 fired once per row written, so a new post bumped 'collected' five or
//   six times (author, post, each tag, its snapshot). A post's tags and snapshots are only ever
//   written together with the post's own row (db/posts.ts: a new post, a re-collected post's update,
//   a refreshed reading's update of the latest counts, a purge), and that write bumps the counter in
//   the same transaction: the per-row counters of post_hashtags and metric_snapshots go.
// - The in-memory post index (db/post-index.ts) now holds each post's hashtags, for the co-occurring
//   hashtag list. The tags of a post already held change only when a re-collected, edited post
//   changes its tags: those rows are logged. A new post's tags are inserted right after its own row,
//   while it is the newest post (its id is read with the new posts), so they log nothing.
// No data is rewritten: on an existing database this is a few schema changes.
// This text is frozen once shipped: it must not import anything that may change.

const UNCOUNTED = [
  'change_counter_post_hashtags_insert',
  'change_counter_post_hashtags_update',
  'change_counter_post_hashtags_delete',
  'change_counter_metric_snapshots_insert',
  'change_counter_metric_snapshots_delete',
] as const;

/** A change-log entry for the post whose tag row was inserted or deleted (when `when` holds). */
function logTagChange(event: 'INSERT' | 'DELETE', row: 'NEW' | 'OLD', when: string | null): string {
  return `CREATE TRIGGER change_log_post_hashtags_${event.toLowerCase()} AFTER ${event} ON post_hashtags${when ? `\nWHEN ${when}` : ''}
BEGIN
  INSERT INTO change_log (table_name, row_id) VALUES ('posts', ${row}.post_id);
END;`;
}

export const up = /* sql */ `
${UNCOUNTED.map((name) => `DROP TRIGGER IF EXISTS ${name};`).join('\n')}

${logTagChange('INSERT', 'NEW', 'NEW.post_id < (SELECT MAX(id) FROM posts)')}
${logTagChange('DELETE', 'OLD', null)}
`;
