// The weekly report email against a real local SMTP server (smtp-server on 127.0.0.1): both parts
// arrive, a failed send is retried on the next scheduled tick, and the files are written regardless.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { listReports } from '../../dashboard/server/report-files.js';
import { runScheduledWeeklyReport, SCHEDULE_STATE_FILE } from '../../reports/scheduled-report.js';
import { ReportEmailError, sendReportEmail } from '../../reports/send-report-email.js';
import type { WeeklyReport } from '../../reports/weekly-report.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { seededReport } from '../helpers/seeded-report.js';

interface MimePart {
  headers: Record<string, string>;
  body: string;
}

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** Splits a raw message into its leaf parts, decoding quoted-printable and base64 bodies. */
function leafParts(raw: string): MimePart[] {
  const split = raw.indexOf('\r\n\r\n');
  const headerText = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      // The line break before each boundary belongs to the boundary, not to the part.
      .flatMap((part) => leafParts(part.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  let decoded = body;
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    decoded = Buffer.from(bytes, 'latin1').toString('utf8');
  } else if (encoding === 'base64') {
    decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return [{ headers, body: decoded }];
}

/** A local SMTP server that records what it receives and can refuse the next N messages. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  const state = { refuseNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.refuseNext > 0) {
          state.refuseNext -= 1;
          callback(Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 }));
          return;
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    received,
    state,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const NY = 'America/New_York';
const PASSWORD = 'smtp-secret-pass';
/** Monday 9 November 2026, 08:00 in New York: the REPORT_CRON default fires now. */
const MONDAY = Date.parse('2026-11-09T13:00:00Z');

let seed: SeededDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let dir: string;
let report: WeeklyReport;

beforeAll(async () => {
  seed = seedDatabase();
  report = await seededReport(seed);
});

afterAll(() => seed.db.close());

beforeEach(async () => {
  smtp = await startSmtpServer();
  dir = mkdtempSync(join(tmpdir(), 'jq-report-mail-'));
});

afterEach(async () => {
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
});

const smtpUrl = () => `smtp://reports:${PASSWORD}@127.0.0.1:${smtp.port}`;

describe('sendReportEmail', () => {
  test('the report arrives at the SMTP server with a text part and an HTML part', async () => {
    await sendReportEmail({ smtpUrl: smtpUrl(), from: 'Campaign <reports@example.org>', recipients: ['lead@example.org', 'funder@example.org'], report });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.from).toBe('reports@example.org');
    expect(mail.to).toEqual(['lead@example.org', 'funder@example.org']);
    expect(mail.raw).toMatch(/^Subject: #jobquality and #fairwork weekly report: 2026-W44 \(26 Oct – 1 Nov 2026\)|Subject: =\?UTF-8\?/m);
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    const parts = leafParts(mail.raw);
    const text = parts.find((part) => part.headers['content-type']!.startsWith('text/plain'));
    const html = parts.find((part) => part.headers['content-type']!.startsWith('text/html'));
    expect(text?.body).toContain(report.summary.slice(0, 60));
    expect(text?.body).not.toContain('<');
    expect(html?.body).toMatch(/^<!doctype html>/);
    expect(html?.body).toContain('2026-W44');
  });

  test('a refused message is reported with the server, never the password', async () => {
    smtp.state.refuseNext = 1;
    const error = await sendReportEmail({ smtpUrl: smtpUrl(), from: 'reports@example.org', recipients: ['lead@example.org'], report }).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(ReportEmailError);
    expect((error as Error).message).toContain(`127.0.0.1:${smtp.port}`);
    expect((error as Error).message).toContain('try again later');
    expect((error as Error).message).not.toContain(PASSWORD);
  });
});

describe('runScheduledWeeklyReport', () => {
  test('a failed email is logged, the files are still written, and the next tick sends it', async () => {
    const { log, text } = captureLogger();
    const options = {
      db: seed.db,
      dir,
      timeZone: NY,
      hashtags: seed.hashtags,
      log,
      email: { smtpUrl: smtpUrl(), from: 'reports@example.org', recipients: ['lead@example.org'] },
    };
    smtp.state.refuseNext = 1;

    const first = await runScheduledWeeklyReport({ ...options, now: () => MONDAY });
    expect(first.week).toBe('2026-W45');
    expect(first.files.map((file) => file.slice(dir.length + 1))).toEqual(['2026-W45.html', '2026-W45.md', '2026-W45.json']);
    expect(first.emailed).toEqual([]);
    expect(first.emailPending).toEqual(['2026-W45']);
    expect(smtp.received).toHaveLength(0);
    expect(text()).toContain('weekly report email failed; it will be retried on the next tick');
    expect(text()).not.toContain(PASSWORD);

    const second = await runScheduledWeeklyReport({ ...options, now: () => MONDAY + 60 * 60_000 });
    expect(second.files).toEqual([]);
    expect(second.emailed).toEqual(['2026-W45']);
    expect(smtp.received).toHaveLength(1);
    // The retry sends exactly the report that was written to disk (SMTP carries lines as CRLF).
    const html = leafParts(smtp.received[0]!.raw).find((part) => part.headers['content-type']!.startsWith('text/html'))!;
    expect(html.body.replace(/\r\n/g, '\n')).toBe(readFileSync(join(dir, '2026-W45.html'), 'utf8'));

    const third = await runScheduledWeeklyReport({ ...options, now: () => MONDAY + 2 * 60 * 60_000 });
    expect(third).toEqual({ week: '2026-W45', files: [], emailed: [], emailPending: [] });
    expect(smtp.received).toHaveLength(1);
  });

  test('without SMTP settings the report is written and nothing is sent or owed', async () => {
    const outcome = await runScheduledWeeklyReport({
      db: seed.db,
      dir,
      timeZone: NY,
      hashtags: seed.hashtags,
      log: captureLogger().log,
      email: { smtpUrl: null, from: 'reports@example.org', recipients: ['lead@example.org'] },
      now: () => MONDAY,
    });
    expect(outcome.files).toHaveLength(3);
    expect(outcome.emailPending).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    const state = JSON.parse(readFileSync(join(dir, SCHEDULE_STATE_FILE), 'utf8'));
    expect(state.pending).toEqual([]);
  });

  test('the next week is written on the next Monday, and the dashboard lists both weeks but not the state file', async () => {
    const options = {
      db: seed.db,
      dir,
      timeZone: NY,
      hashtags: seed.hashtags,
      log: captureLogger().log,
      email: { smtpUrl: null, from: 'reports@example.org', recipients: [] },
    };
    await runScheduledWeeklyReport({ ...options, now: () => MONDAY });
    const nextMonday = await runScheduledWeeklyReport({ ...options, now: () => MONDAY + 7 * 86_400_000 });
    expect(nextMonday.week).toBe('2026-W46');
    expect(nextMonday.files).toHaveLength(3);
    expect(readdirSync(dir).filter((name) => name.endsWith('.partial'))).toEqual([]);
    const listed = await listReports(dir);
    expect(listed.map((entry) => entry.week)).toEqual(['2026-W46', '2026-W45']);
    expect(listed[0]!.files).toEqual({ html: '/api/reports/2026-W46.html', md: '/api/reports/2026-W46.md', json: '/api/reports/2026-W46.json' });
    expect(existsSync(join(dir, SCHEDULE_STATE_FILE))).toBe(true);
  });
});
