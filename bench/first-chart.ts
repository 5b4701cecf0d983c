// How soon the dashboard's first chart appears in Chromium, cold: for every load a fresh server
// process (`jobquality serve` with the built app, bench/serve-process.ts) over the database, a
// collection committed beside it (so no answer is cached and the post index must catch up), and a
// fresh browser context on the default view. Times navigation start to the first time chart drawn
// with data (the app's `jq:first-chart` performance mark) and records the API requests' waterfall.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../db/connection.js';
import { launchBenchChromium } from './chromium.js';
import { commitCollection } from './measure-cold.js';
import { startServeProcess } from './serve-process.js';
import { summarize, type Timing } from './statistics.js';
import type { Campaign } from './synthetic-campaign.js';

/** The mark dashboard/app/src/internal/chart-element.ts sets when the first time chart is drawn with data. */
const FIRST_CHART_MARK = 'jq:first-chart';

/** The issue's goal for the first chart. */
export const FIRST_CHART_GOAL_MS = 1000;

/** One request of a load, in ms from navigation start (the page's Resource Timing). */
export interface RequestTiming {
  /** e.g. `timeseries potential_reach` or `status`. */
  label: string;
  startMs: number;
  firstByteMs: number;
  endMs: number;
}

export interface FirstChartLoad {
  /** Navigation start to the first time chart drawn with data. */
  firstChartMs: number;
  /** Which chart that was (its `data-chart`, or its tag). */
  chart: string;
  /** Navigation start to the last API answer of the view. */
  lastAnswerMs: number;
  /** The document and the app's script and styles, then every API request, in start order. */
  requests: RequestTiming[];
  /** Fork to listening: process start, database open, post index and run log loaded. */
  serverStartMs: number;
  /** CPU time the server spent from navigation start until the whole view was answered. */
  serverCpuMs: number;
  /** The same, read just after the first chart was seen (an upper bound: a few later answers may be in it). */
  serverCpuToFirstChartMs: number;
}

export interface FirstChartResult {
  label: string;
  posts: number;
  loads: FirstChartLoad[];
  firstChart: Timing;
  lastAnswer: Timing;
  serverStart: Timing;
  serverCpu: Timing;
  serverCpuToFirstChart: Timing;
  /** The machine's 1-minute load average before and after the loads (the benchmark shares the machine). */
  loadAverage: [number, number];
  browserVersion: string;
}

export interface FirstChartOptions {
  label: string;
  /** A database the benchmark may write (a scratch copy): each load commits a collection to it. */
  file: string;
  posts: number;
  campaign: Campaign;
  /** The servers' clock at start (it moves on from there). */
  now: number;
  timeZone: string;
  loads: number;
  onLoad?: (load: FirstChartLoad, index: number) => void;
}

/** A request's short name: the endpoint, and for series the metric and network (`timeseries posts mastodon`). */
function labelOf(url: string): string {
  const parsed = new URL(url);
  if (!parsed.pathname.startsWith('/api/')) return parsed.pathname === '/' ? 'document' : parsed.pathname.replace(/^\/(assets\/)?/, '').replace(/-[\w-]{8}\./, '.');
  const endpoint = parsed.pathname.slice('/api/'.length);
  const detail = [parsed.searchParams.get('metric'), parsed.searchParams.get('network')].filter(Boolean).join(' ');
  return detail ? `${endpoint} ${detail}` : endpoint;
}

interface Location {
  href: string;
}

interface PageTimeline {
  firstChartMs: number | null;
  chart: string;
  documentEndMs: number;
  resources: Array<{ url: string; startMs: number; firstByteMs: number; endMs: number }>;
}

/** The page's own clock: the mark and every request, in ms from navigation start. */
function readTimeline(page: Page): Promise<PageTimeline> {
  // Runs in the page: its DOM types are not this project's (Node's), hence the casts.
  return page.evaluate((mark) => {
    const entriesOf = performance.getEntriesByType.bind(performance) as (type: string) => unknown[];
    const first = performance.getEntriesByName(mark)[0] as { startTime: number; detail?: { chart?: string } } | undefined;
    const navigation = entriesOf('navigation')[0] as { responseStart: number; responseEnd: number };
    const resources = (entriesOf('resource') as Array<{ name: string; startTime: number; responseStart: number; responseEnd: number }>).map((entry) => ({
      url: entry.name,
      startMs: entry.startTime,
      firstByteMs: entry.responseStart,
      endMs: entry.responseEnd,
    }));
    resources.unshift({ url: (globalThis as unknown as { location: Location }).location.href.replace(/\?.*$/, ''), startMs: 0, firstByteMs: navigation.responseStart, endMs: navigation.responseEnd });
    return { firstChartMs: first?.startTime ?? null, chart: first?.detail?.chart ?? '', documentEndMs: navigation.responseEnd, resources };
  }, FIRST_CHART_MARK);
}

/** Opens the dashboard in a fresh context and waits for the first chart and for the whole view. */
async function loadOnce(browser: Browser, url: string, serverCpuMs: () => Promise<number>): Promise<Omit<FirstChartLoad, 'serverStartMs'>> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: 'UTC', locale: 'en-US' });
  try {
    const page = await context.newPage();
    const cpuBefore = await serverCpuMs();
    await page.goto(url);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, FIRST_CHART_MARK, { timeout: 120_000 });
    const cpuAtFirstChart = await serverCpuMs();
    await page.waitForSelector('jq-dashboard[data-state="ready"]:not([data-busy])', { timeout: 120_000 });
    const cpuAfter = await serverCpuMs();
    const timeline = await readTimeline(page);
    if (timeline.firstChartMs === null) throw new Error('the page did not mark its first chart');
    const requests = timeline.resources.map((entry) => ({ label: labelOf(entry.url), startMs: entry.startMs, firstByteMs: entry.firstByteMs, endMs: entry.endMs }));
    const answers = timeline.resources.filter((entry) => new URL(entry.url).pathname.startsWith('/api/'));
    return {
      firstChartMs: timeline.firstChartMs,
      chart: timeline.chart,
      lastAnswerMs: Math.max(...answers.map((entry) => entry.endMs)),
      requests,
      serverCpuMs: cpuAfter - cpuBefore,
      serverCpuToFirstChartMs: cpuAtFirstChart - cpuBefore,
    };
  } finally {
    await context.close();
  }
}

/** The environment `jobquality serve` is started with: the database, a loopback port, the campaign's hashtags and zone. */
function serveEnvironment(options: FirstChartOptions, reportsDir: string): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '',
    JOBQUALITY_DB: options.file,
    HOST: '127.0.0.1',
    PORT: '0',
    TRACK_HASHTAGS: options.campaign.hashtags.join(','),
    TZ_REPORTS: options.timeZone,
    REPORTS_DIR: reportsDir,
    LOG_LEVEL: 'warn',
  };
}

/** Times `options.loads` cold loads, each with its own server process and collection. */
export async function measureFirstChart(options: FirstChartOptions): Promise<FirstChartResult> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'jq-bench-first-chart-'));
  const writer = openDatabase(options.file);
  const browser = await launchBenchChromium();
  const loads: FirstChartLoad[] = [];
  let serial = 3_000_000;
  const loadBefore = loadavg()[0]!;
  try {
    for (let i = 0; i < options.loads; i += 1) {
      const server = await startServeProcess({ env: serveEnvironment(options, reportsDir), now: options.now });
      try {
        serial = commitCollection(writer, options.campaign, serial, options.now);
        const load = { ...(await loadOnce(browser, `${server.url}/`, server.cpuMs)), serverStartMs: server.startMs };
        loads.push(load);
        options.onLoad?.(load, i);
      } finally {
        await server.stop();
      }
    }
    return {
      label: options.label,
      posts: options.posts,
      loads,
      firstChart: summarize(loads.map((load) => load.firstChartMs)),
      lastAnswer: summarize(loads.map((load) => load.lastAnswerMs)),
      serverStart: summarize(loads.map((load) => load.serverStartMs)),
      serverCpu: summarize(loads.map((load) => load.serverCpuMs)),
      serverCpuToFirstChart: summarize(loads.map((load) => load.serverCpuToFirstChartMs)),
      loadAverage: [loadBefore, loadavg()[0]!],
      browserVersion: browser.version(),
    };
  } finally {
    await browser.close();
    writer.close();
    rmSync(reportsDir, { recursive: true, force: true });
  }
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;

/** The load whose first chart is the median one (the waterfall shown). */
function medianLoad(result: FirstChartResult): FirstChartLoad {
  const sorted = [...result.loads].sort((a, b) => a.firstChartMs - b.firstChartMs);
  return sorted[(sorted.length - 1) >> 1]!;
}

/** The result as a Markdown section: the figures against the goal, then the median load's waterfall. */
export function formatFirstChart(result: FirstChartResult): string {
  const { firstChart, lastAnswer, serverStart, serverCpu, serverCpuToFirstChart } = result;
  const verdict = firstChart.p95Ms < FIRST_CHART_GOAL_MS ? 'met' : 'not met';
  const median = medianLoad(result);
  const lines = [
    `## First chart in Chromium, cold (${result.label}, ${result.posts.toLocaleString('en-US')} posts)`,
    '',
    `Chromium ${result.browserVersion}, 1280×900; ${result.loads.length} loads, each with a fresh server process (\`jobquality serve\` with the built app), ` +
      'a collection committed after it started (nothing cached, the post index catches up on the first request) and a fresh browser context on the default view.',
    '',
    '| from navigation start to | p50 | p95 | fastest |',
    '|---|---:|---:|---:|',
    `| **first time chart drawn with data** | **${ms(firstChart.medianMs)}** | **${ms(firstChart.p95Ms)}** | ${ms(firstChart.minMs)} |`,
    `| the view's last API answer | ${ms(lastAnswer.medianMs)} | ${ms(lastAnswer.p95Ms)} | ${ms(lastAnswer.minMs)} |`,
    `| (server CPU by the first chart, read just after it) | ${ms(serverCpuToFirstChart.medianMs)} | ${ms(serverCpuToFirstChart.p95Ms)} | ${ms(serverCpuToFirstChart.minMs)} |`,
    `| (server CPU for the whole view, every request) | ${ms(serverCpu.medianMs)} | ${ms(serverCpu.p95Ms)} | ${ms(serverCpu.minMs)} |`,
    '',
    `Goal (under ${ms(FIRST_CHART_GOAL_MS)}): **${verdict}**, p95 ${(firstChart.p95Ms / FIRST_CHART_GOAL_MS).toFixed(2)}× the goal. ` +
      `Each load: ${result.loads.map((load) => `${ms(load.firstChartMs)} (${load.chart})`).join(', ')}. Server start (fork to listening, post index and run log loaded): p50 ${ms(serverStart.medianMs)}, not counted. ` +
      `Machine load average ${result.loadAverage.map((value) => value.toFixed(1)).join(' → ')} on ${cpus().length} cores: wall times wait for a core.`,
    '',
    `Waterfall of the median load (first chart at ${ms(median.firstChartMs)}, ${median.chart}):`,
    '',
    '| request | start | first byte | end | done before the first chart |',
    '|---|---:|---:|---:|---|',
    ...[...median.requests]
      .sort((a, b) => a.startMs - b.startMs)
      .map((r) => `| ${r.label} | ${Math.round(r.startMs)} | ${Math.round(r.firstByteMs)} | ${Math.round(r.endMs)} | ${r.endMs <= median.firstChartMs ? 'yes' : 'no'} |`),
    '',
  ];
  return lines.join('\n');
}
