// Stored alerts (migration 014): saved once per key, listed for the API, and their delivery state;
// plus the one question detection asks that no other module does (ready-made posts in a window).
import type { AlertDrivers, AlertMetric, SurgeDirection } from '../core/surge-detection.js';
import type { Network } from '../core/types.js';
import { rawScopeSql, scopeParams, type AnalyticsScope, type TimeWindow } from './analytics-scope.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export type AlertDelivery = 'pending' | 'delivered' | 'over_daily_cap';

export interface NewAlert {
  key: string;
  metric: AlertMetric;
  direction: SurgeDirection;
  hourStart: number;
  value: number;
  baselineMedian: number;
  baselineWeeks: number;
  score: number;
  drivers: AlertDrivers;
  message: string;
  detectedAt: number;
}

export interface StoredAlert extends NewAlert {
  id: number;
  delivery: AlertDelivery;
  deliveredAt: number | null;
  deliveryAttempts: number;
  deliveryError: string | null;
}

interface AlertRow extends Omit<StoredAlert, 'drivers'> {
  drivers: string;
}

const ALERT_COLUMNS = `id, alert_key AS key, metric, direction, hour_start AS hourStart, value, baseline_median AS baselineMedian,
  baseline_weeks AS baselineWeeks, score, drivers, message, detected_at AS detectedAt, delivery, delivered_at AS deliveredAt,
  delivery_attempts AS deliveryAttempts, delivery_error AS deliveryError`;

const fromRow = (row: AlertRow): StoredAlert => ({ ...row, drivers: JSON.parse(row.drivers) as AlertDrivers });

/** Saves an alert unless one with its key exists; true when it was new. */
export function insertAlert(db: Db, alert: NewAlert): boolean {
  return (
    statement(
      db,
      `INSERT INTO alerts (alert_key, metric, direction, hour_start, value, baseline_median, baseline_weeks, score, drivers, message, detected_at)
       VALUES (@key, @metric, @direction, @hourStart, @value, @baselineMedian, @baselineWeeks, @score, @drivers, @message, @detectedAt)
       ON CONFLICT (alert_key) DO NOTHING`,
    ).run({ ...alert, drivers: JSON.stringify(alert.drivers) }).changes === 1
  );
}

/** Whether an alert with this key was saved. */
export function alertExists(db: Db, key: string): boolean {
  return statement<[string], { n: number }>(db, 'SELECT COUNT(*) AS n FROM alerts WHERE alert_key = ?').get(key)!.n > 0;
}

/** Alerts about hours in `window`, newest hour first. */
export function listAlerts(db: Db, window: TimeWindow, limit: number): StoredAlert[] {
  return statement<[number, number, number], AlertRow>(
    db,
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start DESC, id DESC LIMIT ?`,
  )
    .all(window.start, window.end, limit)
    .map(fromRow);
}

/** Alerts not yet delivered nor kept back by the cap, oldest first. */
export function listPendingAlerts(db: Db): StoredAlert[] {
  return statement<[], AlertRow>(db, `SELECT ${ALERT_COLUMNS} FROM alerts WHERE delivery = 'pending' ORDER BY detected_at, id`).all().map(fromRow);
}

/** Alerts delivered at or after `since` (the daily cap counts these). */
export function countAlertsDeliveredSince(db: Db, since: number): number {
  return statement<[number], { n: number }>(db, `SELECT COUNT(*) AS n FROM alerts WHERE delivery = 'delivered' AND delivered_at >= ?`).get(since)!.n;
}

export function markAlertDelivered(db: Db, id: number, now: number): void {
  statement(db, `UPDATE alerts SET delivery = 'delivered', delivered_at = ?, delivery_attempts = delivery_attempts + 1, delivery_error = NULL WHERE id = ?`).run(now, id);
}

/** The daily cap was reached: the alert stays listed but is not sent. */
export function markAlertOverDailyCap(db: Db, id: number): void {
  statement(db, `UPDATE alerts SET delivery = 'over_daily_cap' WHERE id = ?`).run(id);
}

/** A send failed: the alert stays pending, to be tried again after the next collection. */
export function recordAlertDeliveryFailure(db: Db, id: number, error: string): void {
  statement(db, `UPDATE alerts SET delivery_attempts = delivery_attempts + 1, delivery_error = ? WHERE id = ?`).run(error, id);
}

export interface ReadyMadePost {
  network: Network;
  networkId: string;
  shareableId: string;
}

/** Live posts created in `window` that attribution matched to a ready-made post. */
export function getReadyMadePostsInWindow(db: Db, window: TimeWindow, scope: AnalyticsScope): ReadyMadePost[] {
  return statement<[object], ReadyMadePost>(
    db,
    `SELECT p.network, p.network_id AS networkId, s.shareable_id AS shareableId
     FROM posts p JOIN post_shareables s ON s.post_id = p.id
     WHERE p.created_at >= @start AND p.created_at < @end AND ${rawScopeSql('p')}
     ORDER BY p.created_at, p.id`,
  ).all({ ...scopeParams(scope), start: window.start, end: window.end });
}
