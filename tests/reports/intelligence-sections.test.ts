// The weekly report's Share of voice and Amplifiers sections on the planted campaign of
// tests/helpers/voice-campaign.ts (hand-computed answer), in JSON, Markdown and HTML; left out when
// there is nothing to say.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Db } from '../../db/connection.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import type { WeeklyReport } from '../../reports/weekly-report.js';
import { plantVoiceCampaign, VOICE_ACCOUNT_MAP, VOICE_NOW } from '../helpers/voice-campaign.js';

let db: Db;
let report: WeeklyReport;

beforeAll(async () => {
  db = plantVoiceCampaign();
  // ISO week 2026-W48 (Mon 23 – Sun 29 Nov) so far, in UTC; the campaign's X and Mastodon posts.
  report = await generateWeeklyReport({ db, week: '2026-W48', timeZone: 'UTC', hashtags: ['jobquality'], networks: ['x', 'mastodon'], now: VOICE_NOW, intelligence: { compareHashtags: ['fairpay'], accountMap: VOICE_ACCOUNT_MAP } });
});

afterAll(() => db.close());

describe('weekly report: share of voice and amplifiers', () => {
  test('the share of voice over the week matches the hand-computed answer', () => {
    expect(report.shareOfVoice).toEqual([
      {
        tag: 'fairpay',
        total: { campaign: { posts: 4, people: 2, engagements: 21 }, comparator: { posts: 3, people: 2, engagements: 34 }, overlapPosts: 1, share: { posts: 0.5714, people: 0.6667, engagements: 0.3818 } },
        daysLeftOut: 0,
        days: 3,
      },
    ]);
  });

  test("the amplifiers rank Ana's two accounts as one person", () => {
    expect(report.amplifiers.map((entry) => [entry.rank, entry.person, entry.reach, entry.posts])).toEqual([
      [1, 'Ana Ruiz', 1300, 3],
      [2, null, 400, 1],
    ]);
  });

  test('Markdown and HTML give both sections in words', () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Share of voice\n- \\#fairpay: the campaign had 57% of posts (4 against 3), 67% of people and 38% of engagements; 1 campaign post also carried #fairpay.\n\n## Amplifiers');
    expect(markdown).toContain('## Amplifiers\n1. **Ana Ruiz: @ana (X), @ana@social.example (Mastodon):** reach 1.3K, 3 posts and 0 reposts, 17 engagements');
    const html = renderHtml(report);
    expect(html).toContain('Share of voice');
    expect(html).toContain('<strong>Ana Ruiz: @ana (X), @ana@social.example (Mastodon)</strong>');
  });

  test('without comparators there is no Share of voice section, and a week nobody posted in has no Amplifiers', async () => {
    const quiet = await generateWeeklyReport({ db, week: '2026-W47', timeZone: 'UTC', hashtags: ['jobquality'], now: VOICE_NOW });
    expect(quiet.shareOfVoice).toEqual([]);
    expect(quiet.amplifiers).toEqual([]);
    expect(renderMarkdown(quiet)).not.toMatch(/## (Share of voice|Amplifiers)/);
  });
});
