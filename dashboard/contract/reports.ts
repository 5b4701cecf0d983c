// GET /api/reports: the weekly report files, newest week first, each a same-origin URL under /api/reports/.
import { z } from 'zod';

const reportUrl = z.string().startsWith('/api/reports/');

export const weeklyReportListing = z.strictObject({
  /** ISO week, e.g. "2026-W47". */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  files: z.strictObject({ html: reportUrl.optional(), md: reportUrl.optional(), json: reportUrl.optional() }),
});

export const reportsAnswer = z.strictObject({ reports: z.array(weeklyReportListing) });
