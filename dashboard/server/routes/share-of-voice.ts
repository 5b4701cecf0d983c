// GET /api/share-of-voice, /api/share-of-voice.csv and .xlsx: the campaign's share of posts, people and
// engagements against each comparator hashtag (COMPARE_HASHTAGS), per day or week and over the
// range, counted only over buckets both were collected in (core/share-of-voice.ts).
import type { Hono } from 'hono';
import { z } from 'zod';
import { INTELLIGENCE_CATALOGUE } from '../../../core/kpi-catalogue.js';
import { tableCsv } from '../../../core/table-csv.js';
import { exportFileName } from '../csv-download.js';
import { tableXlsxDownload } from '../xlsx-download.js';
import { SHARE_OF_VOICE_UTC_COLUMNS } from '../../contract/downloads.js';
import { measureVoices, SHARE_OF_VOICE_CSV_COLUMNS, shareOfVoiceCsvRows, shareOfVoiceJson } from '../intelligence-answers.js';
import { InvalidParameterError, oneOf } from '../query-params.js';
import { countBuckets, MAX_BUCKETS } from '../time-range.js';
import { rangeJson, type ApiDeps } from './api-deps.js';
import type { ShareOfVoiceResponse } from '../../contract/index.js';

const SOV_INTERVALS = ['day', 'week'] as const;
const SOV_DEFINITIONS = ['sov_posts', 'sov_people', 'sov_engagements', 'sov_overlap'] as const;

export function shareOfVoiceRoutes(api: Hono, deps: ApiDeps): void {
  const answer = (c: Parameters<ApiDeps['parse']>[0]) => {
    const { filters, params } = deps.parse(c, { interval: z.enum(SOV_INTERVALS, { error: oneOf(SOV_INTERVALS) }).default('day') });
    if (countBuckets(filters.range, params.interval, deps.timeZone) > MAX_BUCKETS) {
      throw new InvalidParameterError('interval', `Query parameter "interval" gives more than ${MAX_BUCKETS} buckets for this range; choose week or a shorter range.`);
    }
    const settings = deps.intelligence ?? { compareHashtags: [], accountMap: null };
    return { filters, settings, interval: params.interval, voices: measureVoices(deps.db, filters, params.interval, settings, deps.timeZone, deps.now()) };
  };
  api.get('/share-of-voice', (c) => {
    const { filters, settings, interval, voices } = answer(c);
    return c.json({ range: { ...rangeJson(filters.range), timeZone: deps.timeZone }, interval, ...shareOfVoiceJson(voices, settings), definitions: SOV_DEFINITIONS.map((id) => INTELLIGENCE_CATALOGUE[id]) } satisfies ShareOfVoiceResponse);
  });
  api.get('/share-of-voice.csv', (c) => {
    const { filters, voices } = answer(c);
    const rows = shareOfVoiceCsvRows(voices, deps.timeZone);
    return c.body(tableCsv(SHARE_OF_VOICE_CSV_COLUMNS, rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(filters, deps.timeZone, 'csv', 'share-of-voice')}"`,
    });
  });
  api.get('/share-of-voice.xlsx', (c) => {
    const { filters, voices } = answer(c);
    const fileName = exportFileName(filters, deps.timeZone, 'xlsx', 'share-of-voice');
    return tableXlsxDownload(c, { columns: SHARE_OF_VOICE_CSV_COLUMNS, rows: shareOfVoiceCsvRows(voices, deps.timeZone) }, { sheet: 'share of voice', utcColumns: SHARE_OF_VOICE_UTC_COLUMNS, fileName });
  });
}
