// The report's headline rows come from the KPI catalogue (core/kpi-catalogue.ts): a KPI registered
// there shows up in the report's JSON, Markdown and HTML, written as its format says and coloured
// by whether more is better, without a line of report code knowing its name.
import { describe, expect, test, vi } from 'vitest';
import type { Kpis } from '../../core/metrics.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { crowdedReportData } from './report-fixtures.js';

// A seventh KPI only this test knows: the share of posts that are replies, a rate where less is better.
vi.mock('../../core/kpi-catalogue.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/kpi-catalogue.js')>();
  const replyShare = {
    id: 'replyShare',
    label: 'Reply share',
    summary: 'Replies among the posts.',
    definition: 'Replies divided by all posts created in the period.',
    unit: 'ratio',
    format: 'rate',
    higherIsBetter: false,
    needsImpressions: false,
  };
  return { ...real, KPI_CATALOGUE: [...real.KPI_CATALOGUE, replyShare] };
});

/** The crowded fixture week with the new KPI's value in each week's KPIs (its maths would live in core/metrics.ts). */
function reportWithReplyShare() {
  const data = crowdedReportData();
  const shares = [0.2, 0.22, 0.25, 0.3];
  const weeklyKpis = data.weeklyKpis.map((entry, index) => {
    const kpis: Kpis = Object.assign({}, entry.kpis, { replyShare: shares[index] });
    return { week: entry.week, kpis };
  });
  return buildWeeklyReport({ ...data, weeklyKpis });
}

describe('report rows from the KPI catalogue', () => {
  test('a KPI added to the catalogue becomes a headline row with its value, the week before, its trend and its definition', () => {
    const report = reportWithReplyShare();
    expect(report.headline.map((kpi) => kpi.key)).toEqual(['posts', 'contributors', 'engagements', 'impressions', 'potentialReach', 'engagementRate', 'replyShare']);
    expect(report.headline.at(-1)).toMatchObject({
      label: 'Reply share',
      format: 'rate',
      higherIsBetter: false,
      value: 0.3,
      previous: 0.25,
      trend: [0.2, 0.22, 0.25, 0.3].map((value) => expect.objectContaining({ value, collected: true })),
    });
    expect(report.methodology.definitions).toContainEqual({ term: 'Reply share', text: 'Replies divided by all posts created in the period.' });
  });

  test('a KPI counted only where impressions are reported says which networks its number comes from', () => {
    const report = reportWithReplyShare();
    expect(report.kpis.current.impressionsCoverage).toBe('partial');
    expect(report.headline.map((kpi) => kpi.label)).toEqual([
      'Posts', 'Contributors', 'Engagements', 'Impressions (X only)', 'Potential reach', 'Engagement rate (X only)', 'Reply share',
    ]);
  });

  test('the Markdown writes a rate KPI as a percentage and its change in percentage points', () => {
    const markdown = renderMarkdown(reportWithReplyShare());
    expect(markdown).toContain('- **Reply share:** 30% (+5.0 pts vs last week; 4 weeks: 20% · 22% · 25% · **30%**)');
    expect(markdown).toContain('- **Reply share:** Replies divided by all posts created in the period.');
  });

  test('the HTML card colours a rise red when less is better, and a rise of a KPI where more is better green', () => {
    const html = renderHtml(reportWithReplyShare());
    const card = (label: string) => html.slice(html.indexOf(`>${label}</div>`), html.indexOf('</td>', html.indexOf(`>${label}</div>`)));
    expect(card('Reply share')).toContain('title="30%">30%</div>');
    expect(card('Reply share')).toContain('<span style="color:#b42318;font-weight:700">+5.0 pts</span>');
    // The fixture's posts grow week on week: good news, in green.
    expect(card('Posts')).toContain('<span style="color:#1a7f37;font-weight:700">+');
  });
});
