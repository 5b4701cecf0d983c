// Keeps every stored post's next refresh time in step with the configured refresh schedule
// (REFRESH_SCHEDULE): the schedule is configuration, so when it changes, posts already stored follow
// the new one instead of the one they were first stored with.
import type { Db } from './connection.js';
import { statement } from './statements.js';

const SETTING = 'refresh_schedule';

/**
 * Recomputes `next_refresh_at` of every live post from `offsetsMs` (ages after posting, ascending)
 * when they differ from the schedule last applied, then remembers them; returns how many posts were
 * rescheduled (0 when the schedule is unchanged). A post's next refresh is the first scheduled age
 * after its latest reading, or none once every age has passed, as collector/refresh-schedule.ts says.
 */
export function applyRefreshSchedule(db: Db, offsetsMs: readonly number[]): number {
  if (!offsetsMs.every((offset) => Number.isSafeInteger(offset) && offset >= 0)) {
    throw new RangeError(`refresh ages must be whole milliseconds ≥ 0 (got ${offsetsMs.join(', ')})`);
  }
  const wanted = JSON.stringify(offsetsMs);
  return db.transaction(() => {
    const applied = statement<[string], { value: string }>(db, 'SELECT value FROM stored_settings WHERE name = ?').get(SETTING);
    if (applied?.value === wanted) return 0;
    const branches = offsetsMs.map((offset) => `WHEN created_at + ${offset} > metrics_at THEN created_at + ${offset}`).join(' ');
    const next = branches ? `CASE ${branches} ELSE NULL END` : 'NULL';
    // Built from validated integers, so the text is safe; it changes only with the schedule.
    const { changes } = db
      .prepare(`UPDATE posts SET next_refresh_at = ${next} WHERE removed_at IS NULL AND metrics_at IS NOT NULL AND next_refresh_at IS NOT ${next}`)
      .run();
    statement(db, 'INSERT INTO stored_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(SETTING, wanted);
    return changes;
  }).immediate();
}
