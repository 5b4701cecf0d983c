// The HTML report as people open it in Chromium: on a 390-pixel phone screen no word in a table is
// split across lines, and axe-core finds no serious or critical accessibility issue, for a complete
// week, a crowded one and a week to date.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { renderHtml } from '../../reports/render-html.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { launchChromium } from '../helpers/browser.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { crowdedReportData } from './report-fixtures.js';
import { seededReport } from '../helpers/seeded-report.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let browser: Browser;
const reports: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchChromium();
  const seed = seedDatabase();
  reports.complete = renderHtml(await seededReport(seed));
  seed.db.close();
  reports.crowded = renderHtml(buildWeeklyReport(crowdedReportData()));
  const month = seedDatabase({ now: Date.parse('2026-12-02T15:00:00Z'), days: 30 });
  reports['week-to-date'] = renderHtml(await generateWeeklyReport({ db: month.db, timeZone: month.timeZone, hashtags: month.hashtags, now: month.now, week: '2026-W49' }));
  month.db.close();
});

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 844 } });
  await page.setContent(html, { waitUntil: 'load' });
  return page;
}

/**
 * Words in the data tables that the layout split across two lines. Words of more than 24 characters
 * (links, run-together hashtags) may wrap anywhere; ordinary words and numbers must not (a line
 * break after a hyphen is a normal break, so "Rate-limit" is two words here).
 */
async function splitWords(page: Page): Promise<string[]> {
  // Runs in the page; this project type-checks without DOM types, hence the `any`.
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const split: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent?.closest('table.data td, table.data th')) continue;
      // Text for screen readers only (a 1-pixel clipped box) is never seen, so never split for a reader.
      if (parent.getBoundingClientRect().width <= 1) continue;
      const text: string = node.textContent;
      for (const match of text.matchAll(/[^\s\-‐–—]+/g)) {
        const word = match[0] as string;
        if (word.length > 24) continue;
        const range = doc.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + word.length);
        const tops = new Set([...range.getClientRects()].filter((rect: any) => rect.width > 0).map((rect: any) => Math.round(rect.top)));
        if (tops.size > 1) split.push(word);
      }
    }
    return split;
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function axeViolations(page: Page): Promise<Array<{ id: string; impact: string | null; help: string; targets: string[] }>> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
}

describe('weekly report in Chromium', () => {
  for (const name of ['complete', 'crowded', 'week-to-date'] as const) {
    test(`on a 390-pixel phone the ${name} report splits no word in its tables and does not overflow`, async () => {
      const page = await open(reports[name]!, 390);
      const split = await splitWords(page);
      const overflow = await page.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      });
      await page.close();
      expect(split).toEqual([]);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    test(`axe finds no serious or critical issue in the ${name} report`, async () => {
      const page = await open(reports[name]!, 800);
      const violations = await axeViolations(page);
      await page.close();
      expect(violations).toEqual([]);
    });
  }
});
