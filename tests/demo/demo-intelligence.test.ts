// `npm run demo` on its first run shows campaign intelligence: at least one alert on an unusual
// hour, a campaign moment with its measured lift, and the campaign's share of voice against the
// comparator hashtags, with earlier simulated weeks as the usual to compare with.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { COMPARATOR_HASHTAGS } from '../../demo/comparator-chatter.js';
import { startDemo, type RunningDemo } from '../../demo/start-demo.js';
import { lastCompleteWeek, weekContaining } from '../../reports/iso-week.js';

const QUIET_CRON = '0 0 1 1 *';
let dir: string;
let demo: RunningDemo;

async function getJson<T = any>(path: string): Promise<T> {
  const response = await fetch(`${demo.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jq-demo-intel-'));
  demo = await startDemo({ databaseFile: join(dir, 'demo.db'), reportsDir: join(dir, 'reports'), port: 0, collectCron: QUIET_CRON, liveTicks: false, logLevel: 'silent', timeZone: 'America/New_York' });
  // The first collection, its alert step and the reports run at start.
  await demo.reportsWritten;
}, 120_000);

afterAll(async () => {
  await demo?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo on its first run', () => {
  test('has earlier simulated weeks in its database, so hours and moments have a usual to be judged against', () => {
    expect(demo.historyPosts).toBeGreaterThan(500);
  });

  test('lists at least one alert on an unusual hour, saying what moved and against what usual', async () => {
    const { alerts } = await getJson<{ alerts: Array<{ direction: string; baselineWeeks: number; message: string }> }>('/api/alerts?from=2000-01-01');
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]!.baselineWeeks).toBeGreaterThanOrEqual(3);
    expect(alerts[0]!.message).toMatch(/^(Surge|Sudden stop) in /);
  });

  test('shows a campaign moment whose 48-hour lift is measured, and one still being measured', async () => {
    const { moments } = await getJson<{ moments: Array<{ what: string; lift: { status: string; metrics?: { posts: { after: number; usual: number } } } }> }>('/api/moments');
    const measured = moments.filter((moment) => moment.lift.status === 'measured');
    expect(measured.length).toBeGreaterThan(0);
    expect(measured[0]!.lift.metrics!.posts.after).toBeGreaterThan(measured[0]!.lift.metrics!.posts.usual);
    expect(moments.some((moment) => moment.lift.status === 'measuring')).toBe(true);
  });

  test("shows the campaign's share of voice against each comparator hashtag over the collected week", async () => {
    const answer = await getJson<{ voices: Array<{ tag: string; total: { share: { posts: number }; comparator: { posts: number }; overlapPosts: number } | null }> }>('/api/share-of-voice');
    expect(answer.voices.map((voice) => voice.tag)).toEqual([...COMPARATOR_HASHTAGS]);
    for (const voice of answer.voices) {
      expect(voice.total, voice.tag).not.toBeNull();
      expect(voice.total!.comparator.posts, voice.tag).toBeGreaterThan(0);
      expect(voice.total!.share.posts, voice.tag).toBeGreaterThan(0.5);
      expect(voice.total!.share.posts, voice.tag).toBeLessThan(1);
    }
    // Campaign posts often carry #FairWork too: they count for the campaign, as overlap.
    expect(answer.voices.find((voice) => voice.tag === 'fairwork')!.total!.overlapPosts).toBeGreaterThan(0);
  });

  test('its reports (last week and this week so far) have the Moments, Share of voice and Amplifiers sections', () => {
    const now = Date.now();
    const reports = [lastCompleteWeek(now, 'America/New_York'), weekContaining(now, 'America/New_York')].map((week) => JSON.parse(readFileSync(join(dir, 'reports', `${week.label}.json`), 'utf8')));
    // The newsletter (three days ago) and the webinar (yesterday) fall in one of the two weeks.
    expect(reports.flatMap((report) => report.moments).map((moment: { what: string }) => moment.what)).toEqual(expect.arrayContaining(['Newsletter: the job quality checklist', 'Webinar: fair scheduling in care']));
    for (const report of reports) {
      expect(report.shareOfVoice.map((voice: { tag: string }) => voice.tag)).toEqual([...COMPARATOR_HASHTAGS]);
      expect(report.amplifiers.length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(dir, 'reports', `${reports[0].week.label}.md`), 'utf8')).toContain('## Share of voice');
  });
});
