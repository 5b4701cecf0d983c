// The weekly report job that `jobquality start` schedules (REPORT_CRON): once per week it writes
// the last complete week's report, then emails it when SMTP_URL and REPORT_RECIPIENTS are set. A
// failed email is logged and retried on the next tick; a small state file in the reports folder
// remembers which weeks were generated and which emails are still owed, so ticks are idempotent.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import { generateWeeklyReport, type ReportInputs } from './generate-weekly-report.js';
import { lastCompleteWeek, parseIsoWeek } from './iso-week.js';
import { renderHtml } from './render-html.js';
import { describeSmtpServer, htmlToPlainText, reportSubject, sendEmailContent, type ReportEmailContent } from './send-report-email.js';
import { reportFileName, writeFileAtomically, writeReportFiles } from './write-report-files.js';

/** The state file, beside the reports (its name never matches the YYYY-Www.* report listing). */
export const SCHEDULE_STATE_FILE = '.weekly-report-state.json';

/** Weeks remembered as generated or emailed; older entries are forgotten. */
const REMEMBERED_WEEKS = 26;
/** An email still failing after this many weeks is given up (with an error in the log), not sent late forever. */
const MAX_EMAIL_RETRY_WEEKS = 4;

export interface ScheduledReportOptions extends ReportInputs {
  /** REPORTS_DIR. */
  dir: string;
  log: Logger;
  /** Email settings; nothing is sent unless smtpUrl is set and recipients is not empty. */
  email: { smtpUrl: string | null; from: string; recipients: readonly string[] };
  now?: () => number;
}

export interface ScheduledReportOutcome {
  /** The week this tick was about (the last complete one). */
  week: string;
  /** Files written this tick (empty when the week had been generated on an earlier tick). */
  files: string[];
  /** Weeks whose email was sent this tick. */
  emailed: string[];
  /** Weeks whose email failed this tick and will be retried next tick. */
  emailPending: string[];
}

interface PendingEmail {
  week: string;
  subject: string;
  /** When the first attempt was due (ISO UTC). */
  since: string;
}

interface ScheduleState {
  version: 1;
  generated: string[];
  emailed: Record<string, string>;
  pending: PendingEmail[];
}

const emptyState = (): ScheduleState => ({ version: 1, generated: [], emailed: {}, pending: [] });

function isState(value: unknown): value is ScheduleState {
  const state = value as ScheduleState;
  return (
    typeof value === 'object' &&
    value !== null &&
    state.version === 1 &&
    Array.isArray(state.generated) &&
    state.generated.every((week) => typeof week === 'string') &&
    typeof state.emailed === 'object' &&
    state.emailed !== null &&
    Array.isArray(state.pending) &&
    state.pending.every((entry) => typeof entry?.week === 'string' && typeof entry.subject === 'string' && typeof entry.since === 'string')
  );
}

async function readState(file: string, log: Logger): Promise<ScheduleState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isState(parsed)) return parsed;
  } catch {
    // Fall through: a damaged state file must not stop reports from being written.
  }
  log.warn({ file }, 'the weekly report state file is unreadable; starting afresh (last week\'s report may be written and emailed again)');
  return emptyState();
}

async function saveState(file: string, state: ScheduleState): Promise<void> {
  const recent = (weeks: string[]) => [...new Set(weeks)].sort().slice(-REMEMBERED_WEEKS);
  const emailedWeeks = recent(Object.keys(state.emailed));
  const trimmed: ScheduleState = {
    version: 1,
    generated: recent(state.generated),
    emailed: Object.fromEntries(emailedWeeks.map((week) => [week, state.emailed[week]!])),
    pending: state.pending,
  };
  await writeFileAtomically(file, `${JSON.stringify(trimmed, null, 2)}\n`);
}

/** The email for a pending week: the HTML file written for it, or (if it is gone) the report generated again. */
async function pendingContent(entry: PendingEmail, options: ScheduledReportOptions, now: number): Promise<ReportEmailContent> {
  let html: string;
  try {
    html = await readFile(join(options.dir, reportFileName(entry.week, 'html')), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const report = await generateWeeklyReport({ ...reportInputs(options), week: parseIsoWeek(entry.week, options.timeZone), now });
    html = renderHtml(report);
  }
  return { subject: entry.subject, html, text: htmlToPlainText(html) };
}

function reportInputs(options: ScheduledReportOptions): ReportInputs & { log: Logger } {
  const { db, timeZone, hashtags, verifyPostsExist, shareableAdoption, moments, intelligence, log } = options;
  return { db, timeZone, hashtags, verifyPostsExist, shareableAdoption, moments, intelligence, log };
}

/**
 * One tick of the weekly report schedule: writes the last complete week's report (html, md, json)
 * unless an earlier tick did, then sends every email still owed. Email failures are logged and kept
 * for the next tick; other errors (database, disk) are thrown for the scheduler to log.
 */
export async function runScheduledWeeklyReport(options: ScheduledReportOptions): Promise<ScheduledReportOutcome> {
  const log = options.log.child({ module: 'weekly-report' });
  const now = (options.now ?? Date.now)();
  const stateFile = join(options.dir, SCHEDULE_STATE_FILE);
  const state = await readState(stateFile, log);
  const week = lastCompleteWeek(now, options.timeZone);
  const emailOn = Boolean(options.email.smtpUrl) && options.email.recipients.length > 0;
  const outcome: ScheduledReportOutcome = { week: week.label, files: [], emailed: [], emailPending: [] };

  if (!state.generated.includes(week.label)) {
    const report = await generateWeeklyReport({ ...reportInputs(options), week, now });
    outcome.files = await writeReportFiles(report, options.dir);
    state.generated.push(week.label);
    log.info({ week: week.label, files: outcome.files }, 'weekly report written');
    if (emailOn && !state.emailed[week.label] && !state.pending.some((entry) => entry.week === week.label)) {
      state.pending.push({ week: week.label, subject: reportSubject(report), since: new Date(now).toISOString() });
    }
    await saveState(stateFile, state);
  }

  if (emailOn && state.pending.length > 0) {
    const delivery = { smtpUrl: options.email.smtpUrl!, from: options.email.from, recipients: options.email.recipients };
    const stillOwed: PendingEmail[] = [];
    for (const entry of state.pending) {
      const weeksLate = Math.round((week.start - parseIsoWeek(entry.week, options.timeZone).start) / (7 * 86_400_000));
      if (weeksLate >= MAX_EMAIL_RETRY_WEEKS) {
        log.error({ week: entry.week, since: entry.since }, `giving up emailing the ${entry.week} report after ${weeksLate} weeks of failures; the file is in the reports folder`);
        continue;
      }
      try {
        await sendEmailContent(delivery, await pendingContent(entry, options, now));
        state.emailed[entry.week] = new Date(now).toISOString();
        outcome.emailed.push(entry.week);
        log.info({ week: entry.week, recipients: delivery.recipients.length, server: describeSmtpServer(delivery.smtpUrl) }, 'weekly report emailed');
      } catch (error) {
        stillOwed.push(entry);
        outcome.emailPending.push(entry.week);
        log.error({ week: entry.week, err: error instanceof Error ? error.message : String(error) }, 'weekly report email failed; it will be retried on the next tick');
      }
    }
    state.pending = stillOwed;
    await saveState(stateFile, state);
  }
  return outcome;
}
