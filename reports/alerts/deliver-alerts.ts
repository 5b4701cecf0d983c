// Tells staff about stored alerts: by email (the report's SMTP path) and by an incoming webhook
// (Slack, Teams and Mattermost all accept a JSON body { "text": ... }). Quiet hours hold alerts for
// a later pass; at most `maxPerDay` are sent per local day, the rest stay listed but unsent.
import { isQuietTime, METRIC_LABELS, startOfLocalDay, type QuietHours } from '../../core/surge-detection.js';
import type { Logger } from '../../core/logger.js';
import {
  countAlertsDeliveredSince,
  listPendingAlerts,
  markAlertDelivered,
  markAlertOverDailyCap,
  recordAlertDeliveryFailure,
  type StoredAlert,
} from '../../db/alerts.js';
import type { Db } from '../../db/connection.js';
import { escapeHtml } from '../../core/html-text.js';
import { sendEmailContent, type EmailDelivery } from '../send-report-email.js';

/** How long a webhook may take to answer before the send counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

export interface AlertChannels {
  /** Null when SMTP_URL or the recipients are not set. */
  email: EmailDelivery | null;
  /** ALERT_WEBHOOK_URL (may hold a secret token: never logged). */
  webhookUrl: string | null;
}

export interface DeliverAlertsOptions {
  db: Db;
  now: number;
  timeZone: string;
  quietHours: QuietHours | null;
  maxPerDay: number;
  channels: AlertChannels;
  log: Logger;
  /** For tests: the fetch the webhook goes through. */
  fetch?: typeof fetch;
}

export interface DeliveryOutcome {
  delivered: number;
  held: number;
  overDailyCap: number;
  failed: number;
}

/** A webhook send failed; the message never holds the URL. */
export class AlertWebhookError extends Error {
  override name = 'AlertWebhookError';
}

/** Posts `{ text }` to an incoming webhook with a deadline. Throws AlertWebhookError. */
export async function postWebhook(url: string, text: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : 'the connection failed';
    throw new AlertWebhookError(`The alert webhook (ALERT_WEBHOOK_URL) could not be reached: ${reason}.`);
  }
  // The body is not needed; cancel it so a large answer is never read.
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new AlertWebhookError(`The alert webhook (ALERT_WEBHOOK_URL) answered HTTP ${response.status}; check the URL in the chat tool's settings.`);
}

function emailContent(alert: StoredAlert) {
  const subject = `Alert: ${alert.direction === 'surge' ? 'surge' : 'sudden stop'} in ${METRIC_LABELS[alert.metric]} (${alert.value} against a usual ${alert.baselineMedian})`;
  const html = `<!doctype html><html><body><pre style="font-family: inherit; white-space: pre-wrap">${escapeHtml(alert.message)}</pre></body></html>`;
  return { subject, html, text: alert.message };
}

async function send(alert: StoredAlert, options: DeliverAlertsOptions): Promise<void> {
  const { channels } = options;
  if (channels.email) await sendEmailContent(channels.email, emailContent(alert));
  if (channels.webhookUrl) await postWebhook(channels.webhookUrl, alert.message, options.fetch);
}

/** Sends pending alerts unless it is quiet time or the day's cap is reached. */
export async function deliverAlerts(options: DeliverAlertsOptions): Promise<DeliveryOutcome> {
  const { db, now, log } = options;
  const pending = listPendingAlerts(db);
  const outcome: DeliveryOutcome = { delivered: 0, held: 0, overDailyCap: 0, failed: 0 };
  if (pending.length === 0) return outcome;
  if (!options.channels.email && !options.channels.webhookUrl) {
    // Nowhere to send: they stay pending and listed in /api/alerts.
    outcome.held = pending.length;
    return outcome;
  }
  if (isQuietTime(now, options.quietHours, options.timeZone)) {
    outcome.held = pending.length;
    log.info({ held: pending.length }, 'alerts held until quiet hours end');
    return outcome;
  }
  let sentToday = countAlertsDeliveredSince(db, startOfLocalDay(now, options.timeZone));
  for (const alert of pending) {
    if (sentToday >= options.maxPerDay) {
      markAlertOverDailyCap(db, alert.id);
      outcome.overDailyCap += 1;
      continue;
    }
    try {
      await send(alert, options);
      markAlertDelivered(db, alert.id, now);
      sentToday += 1;
      outcome.delivered += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      recordAlertDeliveryFailure(db, alert.id, message);
      outcome.failed += 1;
      log.warn({ alert: alert.key }, `alert not delivered, will retry after the next collection: ${message}`);
    }
  }
  return outcome;
}
