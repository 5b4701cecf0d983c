// Version 10: change counters, so a kept dashboard answer is reused until the data it was computed
// from changes, and only then. Before this, answers were keyed on SQLite's data_version and
// total_changes(), which move on every commit: each share click emptied the whole cache.
//
// 'collected' moves on any write to what the collector and attribution store (authors, posts, their
// hashtags and readings, collection runs, shareable attributions); 'share_clicks' on a counted
// share-button press. Triggers keep them, so every writer (this process, `collect --once`, an older
// build) is covered without calling anything. Checkpoints are left out: they say where to resume,
// and no answer reads them. A counter only ever grows, inside the writer's own transaction, so a
// rolled-back write leaves it as it was.
// This text is frozen once shipped.

const COLLECTED_TABLES = ['authors', 'posts', 'post_hashtags', 'metric_snapshots', 'collection_runs', 'post_shareables'] as const;

function bumpOn(table: string, counter: string, events: readonly string[]): string {
  return events
    .map(
      (event) => `CREATE TRIGGER change_counter_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
BEGIN
  UPDATE change_counters SET value = value + 1 WHERE name = '${counter}';
END;`,
    )
    .join('\n');
}

export const up = /* sql */ `
CREATE TABLE change_counters (
  name TEXT PRIMARY KEY CHECK (name IN ('collected', 'share_clicks')),
  value INTEGER NOT NULL CHECK (value >= 0)
) STRICT, WITHOUT ROWID;
INSERT INTO change_counters (name, value) VALUES ('collected', 0), ('share_clicks', 0);
${COLLECTED_TABLES.map((table) => bumpOn(table, 'collected', table === 'metric_snapshots' ? ['INSERT', 'DELETE'] : ['INSERT', 'UPDATE', 'DELETE'])).join('\n')}
${bumpOn('share_clicks', 'share_clicks', ['INSERT', 'UPDATE', 'DELETE'])}
`;
