// GET /api/posts.csv and /api/posts.xlsx: the range's posts as a spreadsheet download.
import type { Hono } from 'hono';
import { csvDownload } from '../csv-download.js';
import { xlsxDownload } from '../xlsx-download.js';
import type { ApiDeps } from './api-deps.js';

export function downloadsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/posts.csv', (c) => {
    const { filters } = deps.parse(c, {});
    return csvDownload(c, deps.db, filters, deps.timeZone, deps.log);
  });
  api.get('/posts.xlsx', (c) => {
    const { filters } = deps.parse(c, {});
    return xlsxDownload(c, deps.db, filters, deps.timeZone, deps.log);
  });
}
