// The HTML report in Debian's Chromium: it prints on at most two A4 or Letter pages and never
// overflows sideways, on a desktop or a phone-sized screen, with the seeded week and a crowded one.
import { writeFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderHtml } from '../../reports/render-html.js';
import { buildWeeklyReport } from '../../reports/weekly-report.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { crowdedReportData } from './report-fixtures.js';
import { seededReport } from '../helpers/seeded-report.js';

let browser: Browser;
const reports: Record<string, string> = {};

/** Pages in a PDF: its page objects (`/Type /Page`, not the `/Type /Pages` tree nodes). */
function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  const seed = seedDatabase();
  reports.seeded = renderHtml(await seededReport(seed));
  seed.db.close();
  reports.crowded = renderHtml(buildWeeklyReport(crowdedReportData()));
});

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, width: number) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // Anything the page tried to fetch would show up here; a self-contained report asks for nothing.
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.setContent(html, { waitUntil: 'load' });
  return { page, requests };
}

describe('weekly report HTML in Chromium', () => {
  for (const name of ['seeded', 'crowded'] as const) {
    for (const format of ['A4', 'Letter'] as const) {
      test(`the ${name} report prints on one or two ${format} pages`, async () => {
        const { page, requests } = await open(reports[name]!, 800);
        const pdf = await page.pdf({ format, printBackground: true });
        await page.close();
        const pages = countPdfPages(pdf);
        expect(pages).toBeGreaterThanOrEqual(1);
        expect(pages).toBeLessThanOrEqual(2);
        expect(requests).toEqual([]);
      });
    }

    for (const width of [800, 375]) {
      test(`the ${name} report has no horizontal overflow ${width} pixels wide`, async () => {
        const { page } = await open(reports[name]!, width);
        // Runs in the page; this project type-checks without DOM types, hence the `any`.
        const overflow = await page.evaluate(() => {
          const doc = (globalThis as any).document;
          const root = doc.documentElement;
          const wide = [...doc.querySelectorAll('body *')].filter((element: any) => element.getBoundingClientRect().right > root.clientWidth + 0.5).map((element: any) => element.tagName as string);
          return { scrollWidth: root.scrollWidth as number, clientWidth: root.clientWidth as number, wide: wide.slice(0, 5) };
        });
        await page.close();
        expect(overflow.wide).toEqual([]);
        expect(overflow.scrollWidth).toBeLessThanOrEqual(overflow.clientWidth);
      });
    }
  }

  test('the seeded report renders to a screenshot for a person to look at', async () => {
    const { page } = await open(reports.seeded!, 800);
    const png = await page.screenshot({ fullPage: true });
    await page.close();
    writeFileSync('/tmp/report.png', png);
    // A PNG of a whole report page: the signature, and taller than one screen.
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
  });
});
