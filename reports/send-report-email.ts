// Sends a weekly report by email with nodemailer: the HTML report as the HTML part and a plain-text
// rendering of it as the text part. The SMTP URL may hold a password: it is never logged or echoed.
import { convert } from 'html-to-text';
import nodemailer from 'nodemailer';
import { renderHtml } from './render-html.js';
import type { WeeklyReport } from './weekly-report.js';

/** The message to send, ready-made (a retry re-sends exactly what was written to disk). */
export interface ReportEmailContent {
  subject: string;
  html: string;
  text: string;
}

export interface EmailDelivery {
  /** SMTP_URL, e.g. smtps://user:pass@mail.example.org:465 or smtp://localhost:25. */
  smtpUrl: string;
  from: string;
  recipients: readonly string[];
}

/** Sending failed: the message names the server (never its credentials) and what went wrong. */
export class ReportEmailError extends Error {
  override name = 'ReportEmailError';
  constructor(readonly server: string, detail: string) {
    super(`Could not send the weekly report through ${server}: ${detail}. Check SMTP_URL and REPORT_RECIPIENTS; the report files were still written.`);
  }
}

/** The subject line of a week's report email. */
export function reportSubject(report: Pick<WeeklyReport, 'title' | 'week'>): string {
  return `${report.title}: ${report.week.label} (${report.week.dates})`;
}

/** Plain text of the HTML report, for the text part (the chart is left out; its numbers are in the table below it). */
export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 90,
    selectors: [
      { selector: 'svg', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'table.data', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}

/** Subject, HTML part and text part of a report's email. */
export function reportEmailContent(report: WeeklyReport, html = renderHtml(report)): ReportEmailContent {
  return { subject: reportSubject(report), html, text: htmlToPlainText(html) };
}

/** "mail.example.org:465" from an SMTP URL, for messages (no user name, no password). */
export function describeSmtpServer(smtpUrl: string): string {
  if (!URL.canParse(smtpUrl)) return 'the SMTP server in SMTP_URL';
  const url = new URL(smtpUrl);
  return url.port ? `${url.hostname}:${url.port}` : url.hostname;
}

/** `text` with the SMTP URL's password (and the URL itself) blanked out, should a library echo them. */
export function withoutSecrets(text: string, smtpUrl: string): string {
  let clean = text.split(smtpUrl).join('[SMTP_URL]');
  for (const secret of smtpSecrets(smtpUrl)) clean = clean.split(secret).join('[redacted]');
  return clean;
}

/** The password in an SMTP URL, raw and decoded; for a URL that does not parse, everything between "://" and the last "@". */
function smtpSecrets(smtpUrl: string): string[] {
  let password = '';
  if (URL.canParse(smtpUrl)) password = new URL(smtpUrl).password;
  else {
    const userinfo = /^[a-z][a-z0-9+.-]*:\/\/(.*)@/i.exec(smtpUrl)?.[1] ?? '';
    password = userinfo.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : userinfo;
  }
  const secrets = [password];
  try {
    secrets.push(decodeURIComponent(password));
  } catch {
    // Not valid percent-encoding: the raw form is all there is.
  }
  return [...new Set(secrets.filter((secret) => secret.length > 0))].sort((a, b) => b.length - a.length);
}

/** Sends ready-made content to every recipient in one message. Throws ReportEmailError. */
export async function sendEmailContent(delivery: EmailDelivery, content: ReportEmailContent): Promise<void> {
  const server = describeSmtpServer(delivery.smtpUrl);
  // Even building the transport parses the URL: its errors are redacted like sending errors.
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined;
  try {
    transport = nodemailer.createTransport(delivery.smtpUrl);
    await transport.sendMail({
      from: delivery.from,
      to: [...delivery.recipients],
      subject: content.subject,
      text: content.text,
      html: content.html,
    });
  } catch (error) {
    throw new ReportEmailError(server, withoutSecrets(error instanceof Error ? error.message : String(error), delivery.smtpUrl));
  } finally {
    transport?.close();
  }
}

/** Emails `report` (HTML + text parts) to `recipients` through `smtpUrl`. Throws ReportEmailError. */
export async function sendReportEmail(options: EmailDelivery & { report: WeeklyReport }): Promise<void> {
  const { report, ...delivery } = options;
  await sendEmailContent(delivery, reportEmailContent(report));
}
