// Numbers and changes written for people: 12.3K, 1.2M, +18%, −5%, 3.4%. The report's JSON keeps
// the exact numbers; these strings are for HTML, Markdown and email only.
import type { KpiFormat } from '../core/kpi-catalogue.js';

const UNITS = [
  { value: 1e9, suffix: 'B' },
  { value: 1e6, suffix: 'M' },
  { value: 1e3, suffix: 'K' },
] as const;

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** An exact whole number with thousands separators: 12,345. */
export function formatExact(value: number): string {
  return grouped.format(value);
}

/**
 * A count in at most three or four characters: 987, 1.2K, 12.3K, 123K, 1.2M. One decimal below
 * 100 of a unit, none above; "12.0K" is written "12K". Null (not reported) is "n/a".
 */
export function formatShortCount(value: number | null): string {
  if (value === null) return 'n/a';
  const sign = value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (size < 1000) return `${sign}${Math.round(size)}`;
  for (let i = 0; i < UNITS.length; i += 1) {
    const unit = UNITS[i]!;
    if (size < unit.value) continue;
    const scaled = size / unit.value;
    const decimals = scaled < 100 ? 1 : 0;
    const rounded = Number(scaled.toFixed(decimals));
    // 999,950 rounds to "1000K": write it in the next unit up instead.
    const larger = UNITS[i - 1];
    if (rounded >= 1000 && larger) return `${sign}${Number((size / larger.value).toFixed(1))}${larger.suffix}`;
    return `${sign}${rounded}${unit.suffix}`;
  }
  return `${sign}${Math.round(size)}`;
}

/**
 * Change from `previous` to `current` as a whole percentage: "+18%", "−5%", "±0%". "new" when
 * there was nothing before, "n/a" when either side is unknown.
 */
export function formatChange(current: number | null, previous: number | null): string {
  const ratio = relativeChange(current, previous);
  if (ratio === undefined) return 'n/a';
  if (ratio === null) return current === 0 ? '±0%' : 'new';
  const percent = Math.round(ratio * 100);
  if (percent === 0) return '±0%';
  return `${percent > 0 ? '+' : '−'}${grouped.format(Math.abs(percent))}%`;
}

/**
 * (current − previous) / previous; null when previous is 0 (no base to compare with), undefined
 * when either value is unknown.
 */
export function relativeChange(current: number | null, previous: number | null): number | null | undefined {
  if (current === null || previous === null) return undefined;
  if (previous === 0) return null;
  return (current - previous) / previous;
}

/** A ratio as a percentage with one decimal: 0.0345 → "3.5%"; null → "n/a". */
export function formatRate(value: number | null): string {
  if (value === null) return 'n/a';
  const percent = value * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A duration in hours or days for people: "18 h", "2.5 days". */
export function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Number((hours / 24).toFixed(1))} days`;
}

/** Change of a rate in percentage points: 0.031 → 0.035 is "+0.4 pts"; "n/a" when either is unknown. */
export function formatPointChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return 'n/a';
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return '±0 pts';
  return `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`;
}

/**
 * A headline number's change for people: "+18% vs last week" for counts, "+0.4 pts vs last week"
 * for rates, "… vs same point last week" for a week in progress, or "no data for the week before"
 * when collection had not begun then.
 */
export function formatKpiChange(kind: KpiFormat, current: number | null, previous: number | null, previousCollected: boolean, soFar = false): string {
  if (!previousCollected) return 'no data for the week before';
  return `${kind === 'rate' ? formatPointChange(current, previous) : formatChange(current, previous)} vs ${soFar ? 'same point last week' : 'last week'}`;
}

/** A KPI's value as its catalogue format writes it, short: "12.3K" for a count, "3.5%" for a rate. */
export function formatKpiValue(format: KpiFormat, value: number | null): string {
  return format === 'rate' ? formatRate(value) : formatShortCount(value);
}

/** The same in full, for a tooltip: "12,345" for a count, "3.5%" for a rate, "not reported" for null. */
export function formatKpiExact(format: KpiFormat, value: number | null): string {
  if (value === null) return 'not reported';
  return format === 'rate' ? formatRate(value) : formatExact(value);
}
