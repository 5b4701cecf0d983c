// The report as JSON for machines: the WeeklyReport object itself (exact numbers, ISO-8601 UTC
// times, `schemaVersion`, and `meta` with how the quoted posts were checked).
import type { WeeklyReport } from './weekly-report.js';

/** Pretty-printed JSON of the report, ending in a newline. */
export function renderJson(report: WeeklyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
