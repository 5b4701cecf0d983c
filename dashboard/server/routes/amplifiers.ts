// GET /api/amplifiers, /api/amplifiers.csv and .xlsx: the people who spread the campaign furthest in the
// range (core/amplifiers.ts), one person's mapped accounts (AMPLIFIER_ACCOUNTS_FILE) counted once.
import type { Hono } from 'hono';
import { z } from 'zod';
import { AMPLIFIER_ORDERS } from '../../../core/amplifiers.js';
import { INTELLIGENCE_CATALOGUE } from '../../../core/kpi-catalogue.js';
import { tableCsv } from '../../../core/table-csv.js';
import { exportFileName } from '../csv-download.js';
import { tableXlsxDownload } from '../xlsx-download.js';
import { AMPLIFIERS_UTC_COLUMNS } from '../../contract/downloads.js';
import { AMPLIFIER_CSV_COLUMNS, amplifierCsvRows, rankedAmplifiers } from '../intelligence-answers.js';
import { oneOf, wholeNumber } from '../query-params.js';
import { isoUtc } from '../time-range.js';
import { rangeJson, type ApiDeps } from './api-deps.js';
import type { AmplifiersResponse } from '../../contract/index.js';

const AMPLIFIER_DEFINITIONS = ['amplifier_reach', 'amplifier_engagements', 'amplifier_ready_made', 'amplifier_first_seen'] as const;

const order = z.enum(AMPLIFIER_ORDERS, { error: oneOf(AMPLIFIER_ORDERS) }).default('reach');

export function amplifiersRoutes(api: Hono, deps: ApiDeps): void {
  const accountMap = () => deps.intelligence?.accountMap ?? null;
  api.get('/amplifiers', (c) => {
    const { filters, params } = deps.parse(c, { by: order, limit: wholeNumber(1, 100).default(10) });
    const map = accountMap();
    return c.json({
      range: { ...rangeJson(filters.range), timeZone: deps.timeZone },
      by: params.by,
      accountMap: { loaded: map !== null, people: map?.people.length ?? 0 },
      amplifiers: rankedAmplifiers(deps.db, filters, params, map).map((entry) => ({ ...entry, firstSeenAt: isoUtc(entry.firstSeenAt) })),
      definitions: AMPLIFIER_DEFINITIONS.map((id) => INTELLIGENCE_CATALOGUE[id]),
    } satisfies AmplifiersResponse);
  });
  api.get('/amplifiers.csv', (c) => {
    const { filters, params } = deps.parse(c, { by: order, limit: wholeNumber(1, 10_000).default(1_000) });
    return c.body(tableCsv(AMPLIFIER_CSV_COLUMNS, amplifierCsvRows(rankedAmplifiers(deps.db, filters, params, accountMap()))), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(filters, deps.timeZone, 'csv', 'amplifiers')}"`,
    });
  });
  api.get('/amplifiers.xlsx', (c) => {
    const { filters, params } = deps.parse(c, { by: order, limit: wholeNumber(1, 10_000).default(1_000) });
    const rows = amplifierCsvRows(rankedAmplifiers(deps.db, filters, params, accountMap()));
    return tableXlsxDownload(c, { columns: AMPLIFIER_CSV_COLUMNS, rows }, { sheet: 'amplifiers', utcColumns: AMPLIFIERS_UTC_COLUMNS, fileName: exportFileName(filters, deps.timeZone, 'xlsx', 'amplifiers') });
  });
}
