// Alerts end to end on a simulated campaign with a known answer: posts stored through the
// collector's store functions, runs in the run log, a real local SMTP server and a webhook receiver
// on 127.0.0.1. A planted surge alerts exactly once; a quiet week does not; quiet hours hold
// delivery; the daily cap holds; hours that were not collected never count.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createApiRoutes } from '../../dashboard/server/api-routes.js';
import { listAlerts } from '../../db/alerts.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { createAlertStep, type AlertStepOptions } from '../../reports/alerts/alert-step.js';
import { parseQuietHours } from '../../core/surge-detection.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { collectedAfter as collectedAfterHour, HOUR, storeHourPosts, WEEK } from '../helpers/hourly-campaign.js';

const NY = 'America/New_York';
/** The hour judged: Monday 30 November 2026, 09:00-10:00 in New York. */
const HOUR_START = Date.parse('2026-11-30T14:00:00Z');
/** The collection after it (10:20 in New York). */
const NOW = HOUR_START + HOUR + 20 * 60_000;
const WEBHOOK_SECRET = 'T000/B000/webhook-secret-token';

let db: Db;

const storePosts = (hourStart: number, count: number, options: { authors: string[]; likes: number; readyMade?: number }) => storeHourPosts(db, hourStart, count, options);
const collectedAfter = (hourStart: number) => collectedAfterHour(db, hourStart);

const regulars = Array.from({ length: 20 }, (_v, i) => `regular${i}`);
/** Posts at this hour in the six weeks before, oldest first: median 20. */
const USUAL = [19, 18, 22, 21, 20, 20];

/** Six earlier weeks: about 20 posts at this hour by the same regulars, every one collected. */
function plantUsualWeeks(weeks = 6, collected = weeks): void {
  for (let k = weeks; k >= 1; k -= 1) {
    const hour = HOUR_START - k * WEEK;
    storePosts(hour, USUAL[weeks - k]!, { authors: regulars, likes: 5 });
    if (k <= collected) collectedAfter(hour);
  }
}

function plantSurge(): void {
  const newcomers = Array.from({ length: 60 }, (_v, i) => `newcomer${i}`);
  storePosts(HOUR_START, 80, { authors: newcomers, likes: 10, readyMade: 12 });
  collectedAfter(HOUR_START);
}

function plantQuietHour(): void {
  storePosts(HOUR_START, 21, { authors: regulars, likes: 5 });
  collectedAfter(HOUR_START);
}

interface Receiver {
  bodies: unknown[];
  status: number;
  url: string;
  close(): Promise<void>;
}

async function startWebhookReceiver(): Promise<Receiver> {
  const receiver = { bodies: [] as unknown[], status: 200 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      // Like Slack's incoming webhooks: JSON with a text field, answered "ok".
      if (req.method !== 'POST' || req.url !== `/services/${WEBHOOK_SECRET}` || req.headers['content-type'] !== 'application/json') {
        res.writeHead(400).end('invalid_payload');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: unknown };
      if (receiver.status !== 200) {
        res.writeHead(receiver.status).end('server_error');
        return;
      }
      if (typeof body.text !== 'string' || body.text === '') {
        res.writeHead(400).end('no_text');
        return;
      }
      receiver.bodies.push(body);
      res.writeHead(200, { 'content-type': 'text/html' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/services/${WEBHOOK_SECRET}`,
    close: () => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  });
}

async function startSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let webhook: Receiver;
let logged: ReturnType<typeof captureLogger>;

beforeEach(async () => {
  db = openDatabase(':memory:');
  smtp = await startSmtp();
  webhook = await startWebhookReceiver();
  logged = captureLogger();
});

afterEach(async () => {
  db.close();
  await smtp.close();
  await webhook.close();
});

function step(overrides: Partial<AlertStepOptions> = {}) {
  return createAlertStep({
    db,
    log: logged.log,
    timeZone: NY,
    baselineWeeks: 6,
    quietHours: null,
    maxPerDay: 3,
    channels: { email: { smtpUrl: smtp.url, from: 'Tracker <alerts@example.org>', recipients: ['lead@example.org'] }, webhookUrl: webhook.url },
    now: () => NOW,
    ...overrides,
  });
}

describe('alerts after collection', () => {
  test('a planted surge is alerted once, by email and webhook, however many collections look at it', async () => {
    plantUsualWeeks();
    plantSurge();
    await step().run();
    await step({ now: () => NOW + 15 * 60_000 }).run();
    await step({ now: () => NOW + HOUR }).run();

    const alerts = listAlerts(db, { start: 0, end: NOW + WEEK }, 50);
    // Posts, engagements and new contributors all surged in the one hour; each alerts once.
    expect(alerts.map((alert) => `${alert.metric}:${alert.direction}`).sort()).toEqual(['engagements:surge', 'new_contributors:surge', 'posts:surge']);
    const posts = alerts.find((alert) => alert.metric === 'posts')!;
    expect(posts).toMatchObject({ value: 80, baselineMedian: 20, baselineWeeks: 6, delivery: 'delivered' });
    expect(posts.drivers.readyMadePosts).toBe(12);
    expect(posts.message).toContain('Surge in posts: 80 in the hour Mon 30 Nov 2026, 09:00–10:00 (America/New_York), against a usual 20 (+300%');
    expect(posts.message).toContain("12 posts in the hour used the campaign's ready-made posts.");
    expect(posts.drivers.topPosts).toHaveLength(3);
    expect(posts.drivers.topContributors[0]).toMatchObject({ network: 'x', posts: 2 });
    const engagements = alerts.find((alert) => alert.metric === 'engagements')!;
    expect(engagements).toMatchObject({ value: 800, baselineMedian: 100 });
    expect(alerts.find((alert) => alert.metric === 'new_contributors')).toMatchObject({ value: 60, baselineMedian: 0 });

    expect(webhook.bodies).toHaveLength(3);
    expect(webhook.bodies.map((body) => (body as { text: string }).text)).toContain(posts.message);
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.join('\n')).toMatch(/Subject: Alert: surge in posts \(80 against a usual 20\)/);
    expect(logged.text()).not.toContain(WEBHOOK_SECRET);
  });

  test('a quiet week alerts nothing and sends nothing', async () => {
    plantUsualWeeks();
    plantQuietHour();
    const result = await step().run();
    expect(result).toEqual({ detected: 0, delivery: { delivered: 0, held: 0, overDailyCap: 0, failed: 0 } });
    expect(listAlerts(db, { start: 0, end: NOW + WEEK }, 50)).toEqual([]);
    expect(webhook.bodies).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  test('weeks that were not collected do not count: two collected weeks are too few to judge', async () => {
    plantUsualWeeks(6, 2);
    plantSurge();
    await step().run();
    expect(listAlerts(db, { start: 0, end: NOW + WEEK }, 50)).toEqual([]);
  });

  test('an hour that was not collected is not judged, so an outage is never a sudden stop', async () => {
    plantUsualWeeks();
    await step().run();
    expect(listAlerts(db, { start: 0, end: NOW + WEEK }, 50)).toEqual([]);
  });

  test('quiet hours hold delivery and the held alerts go out after them', async () => {
    plantUsualWeeks();
    plantSurge();
    // 10:20 in New York falls inside quiet hours 09-11; the collection at 11:05 is after them.
    const quietHours = parseQuietHours('09-11');
    const held = await step({ quietHours }).run();
    expect(held).toMatchObject({ detected: 3, delivery: { delivered: 0, held: 3 } });
    expect(webhook.bodies).toEqual([]);
    expect(smtp.received).toEqual([]);
    const after = await step({ quietHours, now: () => NOW + 45 * 60_000 }).run();
    expect(after).toMatchObject({ detected: 0, delivery: { delivered: 3, held: 0 } });
    expect(webhook.bodies).toHaveLength(3);
  });

  test('at most ALERT_MAX_PER_DAY alerts are sent in a local day; the rest stay listed unsent', async () => {
    plantUsualWeeks();
    plantSurge();
    const result = await step({ maxPerDay: 1 }).run();
    expect(result).toMatchObject({ detected: 3, delivery: { delivered: 1, overDailyCap: 2 } });
    expect(webhook.bodies).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    const deliveries = listAlerts(db, { start: 0, end: NOW + WEEK }, 50).map((alert) => alert.delivery).sort();
    expect(deliveries).toEqual(['delivered', 'over_daily_cap', 'over_daily_cap']);
  });

  test('a webhook that fails keeps the alert pending for the next collection, and its URL is never logged', async () => {
    plantUsualWeeks();
    plantSurge();
    webhook.status = 500;
    const failed = await step({ channels: { email: null, webhookUrl: webhook.url } }).run();
    expect(failed).toMatchObject({ delivery: { delivered: 0, failed: 3 } });
    expect(logged.text()).toContain('answered HTTP 500');
    expect(logged.text()).not.toContain(WEBHOOK_SECRET);
    webhook.status = 200;
    const retried = await step({ channels: { email: null, webhookUrl: webhook.url }, now: () => NOW + 15 * 60_000 }).run();
    expect(retried).toMatchObject({ delivery: { delivered: 3, failed: 0 } });
    expect(webhook.bodies).toHaveLength(3);
  });

  test('GET /api/alerts lists the alert with what drove it', async () => {
    plantUsualWeeks();
    plantSurge();
    await step().run();
    const api = createApiRoutes({
      db,
      hashtags: ['jobquality'],
      timeZone: NY,
      reportsDir: null,
      demo: false,
      enabledNetworks: ['x'],
      log: logged.log,
      now: () => NOW,
      shareables: null,
    });
    const response = await api.request('/alerts?from=2026-11-30&to=2026-11-30');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { alerts: Array<Record<string, unknown>> };
    const posts = body.alerts.find((alert) => alert.metric === 'posts');
    expect(posts).toMatchObject({ direction: 'surge', hourStart: '2026-11-30T14:00:00.000Z', value: 80, baselineMedian: 20, delivery: 'delivered' });
    expect((posts!.drivers as { readyMadePosts: number }).readyMadePosts).toBe(12);
  });
});
