// The weekly reports written to REPORTS_DIR (YYYY-Www.html|md|json): listed for the dashboard and
// served read-only. Only names of that exact form are ever opened, so no path can escape the folder.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';

const REPORT_FILE = /^(\d{4}-W\d{2})\.(html|md|json)$/;
type ReportFormat = 'html' | 'md' | 'json';

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export interface ReportListing {
  week: string;
  files: Partial<Record<ReportFormat, string>>;
}

/** Reports found in `dir`, newest week first, each with the URL of every format present. */
export async function listReports(dir: string | null): Promise<ReportListing[]> {
  if (!dir) return [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const weeks = new Map<string, ReportListing>();
  for (const name of names) {
    const match = REPORT_FILE.exec(name);
    if (!match) continue;
    const [, week, format] = match as unknown as [string, string, ReportFormat];
    const listing = weeks.get(week) ?? { week, files: {} };
    listing.files[format] = `/api/reports/${name}`;
    weeks.set(week, listing);
  }
  return [...weeks.values()].sort((a, b) => b.week.localeCompare(a.week));
}

/** `GET /:file` for one report file. HTML reports are self-contained, so they get a CSP that runs no script. */
export function reportRoutes(dir: string | null): Hono {
  const routes = new Hono();
  routes.get('/:file', async (c) => {
    const name = c.req.param('file');
    const match = REPORT_FILE.exec(name);
    if (!dir || !match) return c.notFound();
    let body: Buffer;
    try {
      body = await readFile(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return c.notFound();
      throw error;
    }
    const format = match[2] as ReportFormat;
    c.header('Content-Type', CONTENT_TYPES[format]);
    c.header('Cache-Control', 'no-cache');
    if (format === 'html') c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'");
    return c.body(new Uint8Array(body));
  });
  return routes;
}
