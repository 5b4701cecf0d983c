// `npm run bench:action-page`: how heavy and how fast the action page is on a slow phone. Builds the
// page from the content file, serves it gzip-compressed as a static host would, and loads it cold in
// Debian's Chromium at 390x844 with the network throttled through CDP (Network.emulateNetworkConditions,
// Lighthouse's "slow 4G" mobile profile) and the CPU slowed 4×. Reports transferred bytes and time to
// interactive (medians); `--screenshots <dir>` also writes the phone screenshots the README shows.
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Command, InvalidArgumentError } from 'commander';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBenchChromium } from './chromium.js';
import { buildActionPage } from '../shareables/action-page/build-action-page.js';
import { writeActionPage } from '../shareables/action-page/write-action-page.js';
import { loadCampaignShareables } from '../shareables/campaign-shareables.js';
import { summarize } from './statistics.js';

const median = (values: readonly number[]): number => summarize(values).medianMs;

/** Lighthouse's mobile throttling: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4× slower. */
const SLOW_PHONE = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpuSlowdown: 4 };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1, timezoneId: 'UTC', locale: 'en-GB' };

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
// What static hosts compress (images other than SVG are compressed already).
const COMPRESSED = new Set(['.html', '.js', '.css', '.json', '.svg']);

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}

/** A static host for the page folder that gzips text files when the browser accepts it. */
function serveFolder(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(dir)) return void res.writeHead(404).end();
    let body: Buffer;
    try {
      body = readFileSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    const headers: Record<string, string> = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' };
    if (COMPRESSED.has(extname(file)) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
      body = gzipSync(body, { level: 9 });
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

interface LoadMeasure {
  transferredBytes: number;
  requests: number;
  firstContentfulPaintMs: number;
  interactiveMs: number;
  loadMs: number;
}

/**
 * One cold load on a throttled phone. Time to interactive: from navigation start until the page's
 * script has wired up the cards (it reveals the network picker as its last step), measured in the page.
 */
async function measureLoad(browser: Browser, url: string): Promise<LoadMeasure> {
  const context = await browser.newContext(PHONE);
  try {
    // Page code as strings: this file compiles without the DOM library.
    await context.addInitScript({
      content: `new MutationObserver(function () {
        var picker = document.getElementById('picker');
        if (picker && !picker.hidden && window.interactiveAt === undefined) window.interactiveAt = performance.now();
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ['hidden'] });`,
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_PHONE.latency, downloadThroughput: SLOW_PHONE.downloadThroughput, uploadThroughput: SLOW_PHONE.uploadThroughput });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
    let transferredBytes = 0;
    let requests = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      transferredBytes += event.encodedDataLength;
      requests += 1;
    });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.interactiveAt !== undefined');
    // Lazy images below the fold and the icon may still arrive; count them as a visit would.
    await page.waitForLoadState('networkidle');
    const timings = await page.evaluate<{ fcp: number; interactive: number; load: number }>(`({
      fcp: (performance.getEntriesByName('first-contentful-paint')[0] || { startTime: NaN }).startTime,
      interactive: window.interactiveAt,
      load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    })`);
    return { transferredBytes, requests, firstContentfulPaintMs: timings.fcp, interactiveMs: timings.interactive, loadMs: timings.load };
  } finally {
    await context.close();
  }
}

async function takeScreenshots(browser: Browser, url: string, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const shoot = async (name: string, setup?: string, act?: (page: import('playwright-core').Page) => Promise<void>) => {
    const context = await browser.newContext(PHONE);
    if (setup) await context.addInitScript({ content: setup });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle' });
    if (act) await act(page);
    const file = join(dir, name);
    await page.screenshot({ path: file });
    written.push(file);
    await context.close();
  };
  // As on a phone without a share menu (or a desktop browser): the network picker starts on X.
  await shoot('action-page-phone.png');
  // As on a phone with a share menu (navigator.share): WhatsApp, Signal, Instagram… through it.
  await shoot(
    'action-page-phone-share-menu.png',
    `Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: function () { return Promise.resolve(); } });
     Object.defineProperty(Navigator.prototype, 'canShare', { configurable: true, value: function () { return true; } });`,
  );
  // Filtered to events, posting to Mastodon.
  await shoot('action-page-phone-events.png', undefined, async (page) => {
    await page.getByLabel('Post to').selectOption('mastodon');
    await page.getByRole('radio', { name: 'Events' }).check();
  });
  return written;
}

const program = new Command('bench:action-page')
  .description('Transferred bytes and time to interactive of the action page on a throttled phone (Chromium, CDP).')
  .option('--content <file>', 'the content file to build the page from', 'shareables/sample-content.yaml')
  .option('--runs <n>', 'cold loads to take the median of', positiveInteger, 5)
  .option('--screenshots <dir>', 'also write 390x844 phone screenshots into this folder (unthrottled)');

async function main(): Promise<void> {
  const options = program.parse().opts<{ content: string; runs: number; screenshots?: string }>();
  const shareables = loadCampaignShareables(resolve(options.content), ['jobquality']);
  const root = mkdtempSync(join(tmpdir(), 'jq-bench-action-page-'));
  const folder = join(root, 'act');
  // With a tracker address, as published for counting (the beacons are not sent during a load).
  writeActionPage(folder, buildActionPage({ ...shareables, publicBaseUrl: 'https://track.example.org', pageUrl: null, today: new Date().toISOString().slice(0, 10) }));
  const server = await serveFolder(root);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/act/`;
  const browser = await launchBenchChromium();
  try {
    const runs: LoadMeasure[] = [];
    for (let run = 1; run <= options.runs; run += 1) {
      const measured = await measureLoad(browser, url);
      process.stderr.write(`run ${run}: ${measured.transferredBytes} bytes in ${measured.requests} requests, interactive at ${measured.interactiveMs.toFixed(0)} ms\n`);
      runs.push(measured);
    }
    const files = ['index.html', 'action-page.js', 'action-page.css'].map((name) => {
      const raw = readFileSync(join(folder, name));
      return `${name} ${(raw.length / 1024).toFixed(1)} KB (${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzip)`;
    });
    const of = (pick: (m: LoadMeasure) => number) => median(runs.map(pick));
    const lines = [
      '## Action page on a slow phone',
      '',
      `${shareables.generated.shareables.length} messages from ${options.content}; Chromium ${browser.version()}, 390x844, ` +
        `${SLOW_PHONE.latency} ms RTT, ${((SLOW_PHONE.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbit/s down, CPU ${SLOW_PHONE.cpuSlowdown}× slower; cold cache, gzip; median of ${options.runs} loads.`,
      '',
      '| what | value |',
      '|---|---:|',
      `| transferred (all requests) | ${(of((m) => m.transferredBytes) / 1024).toFixed(1)} KB in ${of((m) => m.requests)} requests |`,
      `| first contentful paint | ${of((m) => m.firstContentfulPaintMs).toFixed(0)} ms |`,
      `| time to interactive (script ready) | ${of((m) => m.interactiveMs).toFixed(0)} ms |`,
      `| load event | ${of((m) => m.loadMs).toFixed(0)} ms |`,
      '',
      `Files: ${files.join('; ')}; the page folder holds ${(folderBytes(folder) / 1024).toFixed(0)} KB in all (the link preview image is fetched by link previews, not by visitors).`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
    if (options.screenshots) for (const file of await takeScreenshots(browser, url, resolve(options.screenshots))) process.stderr.write(`wrote ${file}\n`);
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
    rmSync(root, { recursive: true, force: true });
  }
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of ['index.html', 'action-page.js', 'action-page.css', 'favicon.svg', 'posts.json']) total += statSync(join(dir, name)).size;
  const images = join(dir, 'images');
  for (const name of readdirSafe(images)) total += statSync(join(images, name)).size;
  return total;
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:action-page failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
