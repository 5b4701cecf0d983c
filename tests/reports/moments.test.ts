// Campaign moments end to end: recorded in the content file, validated with clear errors, and a
// planted moment shows its known lift against the collected weeks before it; a thin baseline says
// "too little data" and a moment under 48 hours old is still being measured.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApiRoutes } from '../../dashboard/server/api-routes.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { momentLift } from '../../core/moment-lift.js';
import { parseContentFile } from '../../shareables/content-file.js';
import { ContentSchema } from '../../shareables/content-schema.js';
import { ContentFileError } from '../../shareables/errors.js';
import { generateShareables } from '../../shareables/generate-posts.js';
import { measureMoments } from '../../reports/moments/measure-moments.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { collectedAfter, HOUR, storeHourPosts, WEEK } from '../helpers/hourly-campaign.js';
import { contentFixture } from '../shareables/content-fixture.js';

/** The launch: Monday 23 November 2026, 09:00 in New York. */
const LAUNCH = Date.parse('2026-11-23T14:00:00Z');
const NOW = LAUNCH + 49 * HOUR;
const regulars = Array.from({ length: 10 }, (_v, i) => `regular${i}`);

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

/** One post an hour by the regulars over the 48 hours from `start`; `collected` adds a run after each hour. */
function plantUsualHours(start: number, collected: boolean): void {
  for (let h = 0; h < 48; h += 1) {
    storeHourPosts(db, start + h * HOUR, 1, { authors: [regulars[h % regulars.length]!], likes: 5 });
    if (collected) collectedAfter(db, start + h * HOUR);
  }
}

function plantLaunch(): void {
  // Four weeks before: the regulars' first posts, not collected (a gap), so they never count.
  plantUsualHours(LAUNCH - 4 * WEEK, false);
  for (const week of [3, 2, 1]) plantUsualHours(LAUNCH - week * WEEK, true);
  plantUsualHours(LAUNCH, true);
  // The launch brings 24 newcomers posting in its first hours.
  for (let h = 0; h < 6; h += 1) storeHourPosts(db, LAUNCH + h * HOUR, 4, { authors: [0, 1, 2, 3].map((i) => `newcomer${h * 4 + i}`), likes: 5 });
}

const moment = (at: string, what: string, network?: string) => ({ at, what, ...(network ? { network } : {}) });

describe('campaign moments', () => {
  test('moments are read from the content file, aimed at every network unless one is named', () => {
    const content = ContentSchema.parse({ ...contentFixture(), moments: [moment('2026-11-23T09:00:00-05:00', 'Launch'), moment('2026-11-25T14:00:00Z', 'Webinar', 'bluesky')] });
    expect(content.moments).toEqual([
      { at: '2026-11-23T09:00:00-05:00', what: 'Launch', network: 'all' },
      { at: '2026-11-25T14:00:00Z', what: 'Webinar', network: 'bluesky' },
    ]);
    expect(contentFixture().moments).toEqual([]);
  });

  test('a moment without a UTC offset or with an unknown network is named with its line and what to write', () => {
    const source = [
      'campaign: { name: fixwork, title: Fix work, description: Posts }',
      'resources:',
      '  - { id: guide, kind: tool, title: Guide, url: "https://example.org/g", summary: A guide, quote: { text: Hi, attribution: Ann } }',
      'templates:',
      '  tool: [{ id: short, forms: ["Read {title}"] }]',
      'moments:',
      '  - { at: "2026-11-23 09:00", what: Launch }',
      '  - { at: "2026-11-23T09:00:00Z", what: Newsletter, network: myspace }',
    ].join('\n');
    let error: unknown;
    try {
      parseContentFile(source, 'content.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentFileError);
    const issues = (error as ContentFileError).issues;
    expect(issues).toContainEqual(expect.objectContaining({ line: 7, path: 'moments[0].at', message: expect.stringContaining('like 2026-11-30T09:00:00-05:00') }));
    expect(issues).toContainEqual(expect.objectContaining({ line: 8, path: 'moments[1].network', message: expect.stringContaining('must be "all" or one of the collected networks (x, bluesky, mastodon)') }));
  });

  test('a planted launch shows its lift against the three collected weeks before it, the uncollected one left out', () => {
    plantLaunch();
    const [launch] = measureMoments(db, [{ at: new Date(LAUNCH).toISOString(), what: 'Launch', network: 'all' }], NOW);
    expect(launch!.lift).toEqual({
      status: 'measured',
      baselineWeeks: 3,
      metrics: {
        posts: { after: 72, usual: 48, lift: 24, liftPercent: 50 },
        engagements: { after: 360, usual: 240, lift: 120, liftPercent: 50 },
        new_contributors: { after: 24, usual: 0, lift: 24, liftPercent: null },
      },
    });
  });

  test('a moment with fewer than two collected weeks before it says too little data, and one under 48 hours old is still measuring', () => {
    plantLaunch();
    const measured = measureMoments(
      db,
      [
        { at: new Date(LAUNCH - 3 * WEEK).toISOString(), what: 'Soft launch', network: 'all' },
        { at: new Date(NOW - HOUR).toISOString(), what: 'Press mention', network: 'x' },
      ],
      NOW,
    );
    expect(measured[0]!.lift).toEqual({ status: 'too_little_data', reason: 'only 0 of the 4 weeks before were collected for those hours (at least 2 needed)', baselineWeeks: 0 });
    expect(measured[1]!.lift).toEqual({ status: 'measuring', reason: 'the 48 hours after the moment have not passed yet' });
  });

  test('a moment whose own 48 hours were not all collected is not measured', () => {
    expect(momentLift({ at: 0, now: 49 * HOUR, after: null, baseline: [] })).toMatchObject({ status: 'too_little_data', reason: 'the 48 hours after the moment were not all collected' });
  });

  test('GET /api/moments answers each moment of the content file with its lift', async () => {
    plantLaunch();
    const content = ContentSchema.parse({ ...contentFixture(), moments: [moment(new Date(LAUNCH).toISOString(), 'Launch')] });
    const api = createApiRoutes({
      db,
      hashtags: ['jobquality'],
      timeZone: 'America/New_York',
      reportsDir: null,
      demo: false,
      enabledNetworks: ['x'],
      log: captureLogger().log,
      now: () => NOW,
      shareables: { content, generated: generateShareables(content, { hashtags: ['jobquality'] }) },
    });
    const response = await api.request('/moments');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { contentFileLoaded: boolean; moments: Array<{ at: string; what: string; network: string; lift: { status: string; metrics: { posts: { after: number } } } }> };
    expect(body.contentFileLoaded).toBe(true);
    expect(body.moments).toHaveLength(1);
    expect(body.moments[0]).toMatchObject({ at: '2026-11-23T14:00:00.000Z', what: 'Launch', network: 'all', lift: { status: 'measured', metrics: { posts: { after: 72 } } } });
  });

  test('the weekly report has a Moments section with the moments of its week and their lift', async () => {
    plantLaunch();
    const moments = [moment(new Date(LAUNCH).toISOString(), 'Launch <b>day</b>'), moment(new Date(LAUNCH + 7 * 24 * HOUR).toISOString(), 'Next week')];
    const report = await generateWeeklyReport({ db, week: '2026-W48', timeZone: 'America/New_York', hashtags: ['jobquality'], now: LAUNCH + 8 * 24 * HOUR, moments: ContentSchema.parse({ ...contentFixture(), moments }).moments });
    expect(report.moments).toHaveLength(1);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Moments');
    expect(markdown).toContain('Mon 23 Nov, 09:00 · Launch');
    expect(markdown).toContain('posts 72 against a usual 48 (+50%)');
    expect(markdown).not.toContain('Next week');
    const html = renderHtml(report);
    expect(html).toContain('Launch &lt;b&gt;day&lt;/b&gt;');
    expect(html).toContain('new contributors 24 against a usual 0');
  });

  test('a week without moments prints no Moments section', async () => {
    plantLaunch();
    const report = await generateWeeklyReport({ db, week: '2026-W48', timeZone: 'America/New_York', hashtags: ['jobquality'], now: LAUNCH + 8 * 24 * HOUR });
    expect(report.moments).toEqual([]);
    expect(renderMarkdown(report)).not.toContain('## Moments');
    expect(renderHtml(report)).not.toContain('Moments');
  });
});
