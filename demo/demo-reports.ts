// The demo's weekly reports, written as soon as it has collected: last week (which the first run
// reached back for) and this week so far, so someone trying the demo sees a report at once instead
// of waiting for Monday's scheduled one.
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import type { CampaignMoment } from '../shareables/content-schema.js';
import { generateWeeklyReport, type ShareableAdoptionSource, type VerifyPostsExist } from '../reports/generate-weekly-report.js';
import { lastCompleteWeek, weekContaining } from '../reports/iso-week.js';
import { writeReportFiles } from '../reports/write-report-files.js';

export interface DemoReportOptions {
  db: Db;
  dir: string;
  timeZone: string;
  hashtags: readonly string[];
  now: number;
  log: Logger;
  verifyPostsExist?: VerifyPostsExist;
  shareableAdoption?: ShareableAdoptionSource;
  /** The content file's campaign moments: those in a week get its Moments section. */
  moments?: readonly CampaignMoment[];
  /** The comparator hashtags, for the Share of voice section. */
  compareHashtags?: readonly string[];
}

/** Writes last week's report and this week's week-to-date report (html, md, json); resolves to the files written. */
export async function writeDemoReports(options: DemoReportOptions): Promise<string[]> {
  const { now, timeZone } = options;
  const files: string[] = [];
  for (const week of [lastCompleteWeek(now, timeZone), weekContaining(now, timeZone)]) {
    const report = await generateWeeklyReport({
      db: options.db,
      week,
      timeZone,
      hashtags: options.hashtags,
      now,
      log: options.log,
      ...(options.verifyPostsExist ? { verifyPostsExist: options.verifyPostsExist } : {}),
      ...(options.shareableAdoption ? { shareableAdoption: options.shareableAdoption } : {}),
      ...(options.moments ? { moments: options.moments } : {}),
      intelligence: { compareHashtags: options.compareHashtags ?? [] },
    });
    files.push(...(await writeReportFiles(report, options.dir)));
  }
  return files;
}
