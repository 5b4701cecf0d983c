// The weekly report and the dashboard API over one seeded database, as the report and API tests ask
// for them: generated or answered at the seed's own "now", in its time zone, for its hashtags.
import { expect } from 'vitest';
import { generateWeeklyReport, type GenerateWeeklyReportOptions } from '../../reports/generate-weekly-report.js';
import type { WeeklyReport } from '../../reports/weekly-report.js';
import { captureLogger } from './capture-logger.js';
import type { SeededDatabase } from './seed-database.js';
import { testDashboard } from './test-dashboard.js';

/** The seed's weekly report (by default the last complete week); `options` adds to or overrides the seed's settings. */
export function seededReport(seed: SeededDatabase, options: Partial<GenerateWeeklyReportOptions> = {}): Promise<WeeklyReport> {
  return generateWeeklyReport({ db: seed.db, timeZone: seed.timeZone, hashtags: seed.hashtags, now: seed.now, ...options });
}

/** A GET of the dashboard API over the seed, as parsed JSON; any answer but 200 fails the test, with its body. */
export type SeededApi = <T = any>(path: string) => Promise<T>;

export function seededApi(seed: SeededDatabase): SeededApi {
  const { app } = testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, log: captureLogger().log, now: () => seed.now });
  return async (path) => {
    const response = await app.request(path);
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return (await response.json()) as never;
  };
}
