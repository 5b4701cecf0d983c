// The report's three renderings: hostile post text stays text, the HTML needs nothing from outside,
// and each format carries every section.
import { describe, expect, test } from 'vitest';
import { renderHtml } from '../../reports/render-html.js';
import { renderJson } from '../../reports/render-json.js';
import { escapeMarkdown, renderMarkdown } from '../../reports/render-markdown.js';
import { htmlToPlainText } from '../../reports/send-report-email.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { crowdedReportData, topPost } from './report-fixtures.js';

const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';

function hostileReport() {
  return buildWeeklyReport(
    crowdedReportData({
      topPostCandidates: [
        topPost(0, {
          text: `${XSS} [click me](https://evil.example) **loud** @channel #jobquality`,
          url: 'javascript:alert(3)',
          author: { username: 'evil_<b>user</b>', displayName: '"><svg onload=alert(4)>', followers: 10 },
        }),
        topPost(1),
      ],
    }),
  );
}

describe('report renderers', () => {
  test('post text and names from the networks are escaped in HTML, never markup', () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<svg onload');
    expect(html).not.toContain('<b>user</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=alert(4)&gt;');
  });

  test('a post link that is not http(s) is never made a link', () => {
    const html = renderHtml(hostileReport());
    expect(html).not.toMatch(/href="javascript:/i);
    expect(renderMarkdown(hostileReport())).not.toContain('javascript:');
  });

  test('the HTML report is self-contained: inline CSS and SVG, no script, nothing fetched', () => {
    const html = renderHtml(buildWeeklyReport(crowdedReportData()));
    expect(html).toMatch(/<style>[\s\S]*@page/);
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|\bsrc=/i);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  test('Markdown makes untrusted text inert: no links, emphasis, HTML or @channel', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).toContain('\\[click me\\](https://evil.example)');
    expect(md).toContain('\\*\\*loud\\*\\*');
    expect(md).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(md).not.toMatch(/@channel/);
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('# not a heading')).toBe('\\# not a heading');
  });

  test('every format carries every section', () => {
    const report = buildWeeklyReport(crowdedReportData());
    const html = renderHtml(report);
    const md = renderMarkdown(report);
    const text = htmlToPlainText(html);
    for (const section of ['Reach over the week', 'Top posts by engagements', 'Contributors', 'Network split', 'Shareable adoption', 'Data coverage', 'Methodology']) {
      expect(html).toContain(section);
      expect(md).toContain(`## ${section}`);
      expect(text).toContain(section);
    }
  });

  test('numbers are written for people: compact counts and signed changes', () => {
    const report = buildWeeklyReport(crowdedReportData());
    const reach = report.headline.find((kpi) => kpi.key === 'potentialReach')!;
    // 2,345,678 this week against 2,111,110 the week before: +11%.
    expect(reach.value).toBe(2_345_678);
    const html = renderHtml(report);
    expect(html).toContain('>2.3M<');
    expect(html).toContain('+11%');
    expect(renderMarkdown(report)).toContain('**Potential reach:** 2.3M (+11% vs last week;');
  });

  test('a day with a clock change is marked with its length', () => {
    const report = buildWeeklyReport(crowdedReportData());
    expect(renderHtml(report)).toContain('Sun 1 lasted 25 hours (the clocks changed)');
    expect(renderMarkdown(report)).toContain('| Sun 1 (25 h) |');
  });

  test('the JSON is the report itself, with exact numbers and UTC timestamps', () => {
    const report = buildWeeklyReport(crowdedReportData());
    const parsed = JSON.parse(renderJson(report));
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.kpis.current.potentialReach).toBe(2_345_678);
    expect(parsed.week.start).toBe('2026-10-26T04:00:00.000Z');
    expect(parsed.topPosts[0].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  test('the plain-text rendering keeps the numbers and drops the chart markup', () => {
    const text = htmlToPlainText(renderHtml(buildWeeklyReport(crowdedReportData())));
    expect(text).toContain('2.3M');
    expect(text).not.toMatch(/<svg|polyline|<rect/);
  });
});
