// The weekly report of a seeded database (seed-database.ts) as the report tests ask for it: generated
// at the seed's own "now", in its time zone, for its hashtags (the dashboard's is seeded-dashboard.ts).
import { generateWeeklyReport, type GenerateWeeklyReportOptions } from '../../reports/generate-weekly-report.js';
import type { WeeklyReport } from '../../reports/weekly-report.js';
import type { SeededDatabase } from './seed-database.js';

/** The seed's weekly report (by default the last complete week); `options` adds to or overrides the seed's settings. */
export function seededReport(seed: SeededDatabase, options: Partial<GenerateWeeklyReportOptions> = {}): Promise<WeeklyReport> {
  return generateWeeklyReport({ db: seed.db, timeZone: seed.timeZone, hashtags: seed.hashtags, now: seed.now, ...options });
}
