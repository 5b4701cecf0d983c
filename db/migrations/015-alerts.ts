// Version 15: alerts on unusual hours (core/surge-detection.ts). The key (metric, direction, hour)
// is unique so one surge alerts once however many collections look at it; delivery state says
// whether staff were told, are still to be (held by quiet hours or a failed send), or the daily cap
// kept it back. This text is frozen once shipped: it must not import anything that may change.

export const up = /* sql */ `
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  alert_key TEXT NOT NULL UNIQUE,
  metric TEXT NOT NULL CHECK (metric IN ('posts', 'engagements', 'new_contributors')),
  direction TEXT NOT NULL CHECK (direction IN ('surge', 'stop')),
  hour_start INTEGER NOT NULL,
  value REAL NOT NULL,
  baseline_median REAL NOT NULL,
  baseline_weeks INTEGER NOT NULL,
  score REAL NOT NULL,
  -- JSON: top posts and contributors of the hour, and how many ready-made posts it held.
  drivers TEXT NOT NULL,
  message TEXT NOT NULL,
  detected_at INTEGER NOT NULL,
  delivery TEXT NOT NULL DEFAULT 'pending' CHECK (delivery IN ('pending', 'delivered', 'over_daily_cap')),
  delivered_at INTEGER,
  delivery_attempts INTEGER NOT NULL DEFAULT 0,
  delivery_error TEXT
) STRICT;
CREATE INDEX alerts_by_hour ON alerts (hour_start);
CREATE INDEX alerts_pending ON alerts (detected_at) WHERE delivery = 'pending';
`;
