// The step run after each collection: detect alerts on the hours that just ended, then deliver what
// is pending. A failure here is logged and never stops collection.
import type { Logger } from '../../core/logger.js';
import { DEFAULT_SURGE_RULES, type QuietHours, type SurgeRules } from '../../core/surge-detection.js';
import type { Db } from '../../db/connection.js';
import { detectAlerts } from './detect-alerts.js';
import { deliverAlerts, type AlertChannels, type DeliveryOutcome } from './deliver-alerts.js';

export interface AlertStepOptions {
  db: Db;
  log: Logger;
  timeZone: string;
  baselineWeeks: number;
  quietHours: QuietHours | null;
  maxPerDay: number;
  channels: AlertChannels;
  rules?: SurgeRules;
  now?: () => number;
  fetch?: typeof fetch;
}

export interface AlertStep {
  run(): Promise<{ detected: number; delivery: DeliveryOutcome } | null>;
}

export function createAlertStep(options: AlertStepOptions): AlertStep {
  const log = options.log.child({ module: 'alerts' });
  return {
    async run() {
      const now = (options.now ?? Date.now)();
      try {
        const detected = detectAlerts({ db: options.db, now, timeZone: options.timeZone, rules: options.rules ?? DEFAULT_SURGE_RULES, baselineWeeks: options.baselineWeeks });
        for (const alert of detected) log.info({ alert: alert.key }, alert.message.split('\n')[0]);
        const delivery = await deliverAlerts({ ...options, now, log });
        return { detected: detected.length, delivery };
      } catch (error) {
        log.error({ err: error }, 'alert detection failed; collection goes on');
        return null;
      }
    },
  };
}
