// The demo's weekly reports, written as soon as it has collected: last week (which the first run
// reached back for) and this week so far, so someone trying the demo sees a report at once instead
// of waiting for Monday's scheduled one.
import type { Logger } from '../core/logger.js';
import { generateWeeklyReport, type ReportInputs } from '../reports/generate-weekly-report.js';
import { lastCompleteWeek, weekContaining } from '../reports/iso-week.js';
import { writeReportFiles } from '../reports/write-report-files.js';

export interface DemoReportOptions extends ReportInputs {
  dir: string;
  now: number;
  log: Logger;
}

/** Writes last week's report and this week's week-to-date report (html, md, json); resolves to the files written. */
export async function writeDemoReports(options: DemoReportOptions): Promise<string[]> {
  const { dir, ...reportOptions } = options;
  const { now, timeZone } = options;
  const files: string[] = [];
  for (const week of [lastCompleteWeek(now, timeZone), weekContaining(now, timeZone)]) {
    const report = await generateWeeklyReport({ ...reportOptions, week });
    files.push(...(await writeReportFiles(report, dir)));
  }
  return files;
}
