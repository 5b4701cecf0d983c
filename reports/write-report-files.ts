// Writes a report's files as YYYY-Www.html|md|json in the reports folder, each atomically (a temp
// file beside it, then rename), so the dashboard never serves a half-written report.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import type { WeeklyReport } from './weekly-report.js';

export const REPORT_FORMATS = ['html', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const RENDERERS: Record<ReportFormat, (report: WeeklyReport) => string> = {
  html: renderHtml,
  md: renderMarkdown,
  json: renderJson,
};

/** The file name of a week's report in one format: "2026-W44.html". */
export function reportFileName(week: string, format: ReportFormat): string {
  return `${week}.${format}`;
}

/** Writes `contents` to `file` through a temporary file in the same folder and a rename. */
export async function writeFileAtomically(file: string, contents: string): Promise<void> {
  const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
  try {
    await writeFile(partial, contents, 'utf8');
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Renders `report` in each of `formats` and writes the files into `dir` (created if needed).
 * Returns the paths written, in the order of `formats`.
 */
export async function writeReportFiles(report: WeeklyReport, dir: string, formats: readonly ReportFormat[] = REPORT_FORMATS): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const format of new Set(formats)) {
    const file = join(dir, reportFileName(report.week.label, format));
    await writeFileAtomically(file, RENDERERS[format](report));
    written.push(file);
  }
  return written;
}
