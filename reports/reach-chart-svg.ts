// The report's reach-over-time chart as inline SVG (no script, no external resource): bars for the
// potential reach of each day's contributors, a line for the week so far. Email clients that drop
// SVG still have the same numbers in the table printed under it.
import { DateTime } from 'luxon';
import { escapeHtml } from '../core/html-text.js';
import { formatShortCount } from './format.js';

export interface ChartDay {
  /** YYYY-MM-DD, local. */
  date: string;
  hours: number;
  /** Null for a day that has not begun (a week-to-date report): it keeps its slot but draws nothing. */
  potentialReach: number | null;
  cumulativePotentialReach: number | null;
}

const WIDTH = 680;
const HEIGHT = 180;
const PLOT = { left: 46, right: 670, top: 30, bottom: 142 };
const BAR_COLOUR = '#9cc9d1';
const LINE_COLOUR = '#0b5563';
const TEXT_COLOUR = '#4a5560';

/**
 * The smallest "nice" axis maximum (1, 2, 3, 4, 5, 6 or 8 × 10^k, at least 2) at or above `value`,
 * chosen so the half-way gridline is a round number too.
 */
export function niceCeiling(value: number): number {
  if (value <= 2) return 2;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 3, 4, 5, 6, 8, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Short day label: "Mon 26". */
export function dayLabel(date: string): string {
  return DateTime.fromISO(date).toFormat('ccc d');
}

/** The chart for the week's days, as an `<svg>` element string. */
export function renderReachChartSvg(allDays: readonly ChartDay[]): string {
  // Days still to come keep their place on the axis and draw no bar and no point (never a zero).
  const started = allDays.filter((day) => day.potentialReach !== null && day.cumulativePotentialReach !== null);
  const days = started as ReadonlyArray<ChartDay & { potentialReach: number; cumulativePotentialReach: number }>;
  const max = niceCeiling(Math.max(0, ...days.map((day) => Math.max(day.potentialReach, day.cumulativePotentialReach))));
  const plotHeight = PLOT.bottom - PLOT.top;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, allDays.length);
  const y = (value: number) => PLOT.bottom - (value / max) * plotHeight;
  const centre = (index: number) => PLOT.left + slot * index + slot / 2;
  const round = (value: number) => Math.round(value * 10) / 10;

  const grid = [0, 0.5, 1]
    .map((share) => {
      const value = max * share;
      const at = round(y(value));
      return (
        `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${at}" y2="${at}" stroke="#dde3e8" stroke-width="1"/>` +
        `<text x="${PLOT.left - 6}" y="${at + 4}" text-anchor="end" font-size="11" fill="${TEXT_COLOUR}">${escapeHtml(formatShortCount(value))}</text>`
      );
    })
    .join('');

  const barWidth = round(slot * 0.56);
  const bars = days
    .map((day, index) => {
      const top = round(y(day.potentialReach));
      const height = round(PLOT.bottom - top);
      return (
        `<rect x="${round(centre(index) - barWidth / 2)}" y="${top}" width="${barWidth}" height="${height}" fill="${BAR_COLOUR}">` +
        `<title>${escapeHtml(`${day.date}: ${formatShortCount(day.potentialReach)} that day, ${formatShortCount(day.cumulativePotentialReach)} so far`)}</title></rect>`
      );
    })
    .join('');
  const labels = allDays
    .map((day, index) => {
      return (
        `<text x="${round(centre(index))}" y="${PLOT.bottom + 16}" text-anchor="middle" font-size="11" fill="${TEXT_COLOUR}">${escapeHtml(dayLabel(day.date))}${day.hours === 24 ? '' : '*'}</text>`
      );
    })
    .join('');

  const points = days.map((day, index) => `${round(centre(index))},${round(y(day.cumulativePotentialReach))}`);
  const line = days.length
    ? `<polyline points="${points.join(' ')}" fill="none" stroke="${LINE_COLOUR}" stroke-width="2.5" stroke-linejoin="round"/>` +
      points.map((point) => `<circle cx="${point.split(',')[0]}" cy="${point.split(',')[1]}" r="3" fill="${LINE_COLOUR}"/>`).join('')
    : '';
  const last = days.at(-1);
  const lastLabel =
    last && last.cumulativePotentialReach > 0
      ? `<text x="${round(centre(days.length - 1))}" y="${round(y(last.cumulativePotentialReach)) - 8}" text-anchor="middle" font-size="11" font-weight="700" fill="${LINE_COLOUR}">${escapeHtml(formatShortCount(last.cumulativePotentialReach))}</text>`
      : '';
  const empty = days.every((day) => day.cumulativePotentialReach === 0)
    ? `<text x="${(PLOT.left + PLOT.right) / 2}" y="${(PLOT.top + PLOT.bottom) / 2}" text-anchor="middle" font-size="13" fill="${TEXT_COLOUR}">No posts ${started.length < allDays.length ? 'so far' : 'this week'}</text>`
    : '';
  const legend =
    `<rect x="${PLOT.left}" y="6" width="12" height="12" fill="${BAR_COLOUR}"/>` +
    `<text x="${PLOT.left + 17}" y="16" font-size="11" fill="${TEXT_COLOUR}">Reach of that day's contributors</text>` +
    `<line x1="${PLOT.left + 230}" x2="${PLOT.left + 252}" y1="12" y2="12" stroke="${LINE_COLOUR}" stroke-width="2.5"/>` +
    `<text x="${PLOT.left + 257}" y="16" font-size="11" fill="${TEXT_COLOUR}">Week so far (each contributor once)</text>`;

  const description = last
    ? `Potential reach by day; the week's total${started.length < allDays.length ? ' so far' : ''} is ${formatShortCount(last.cumulativePotentialReach)}.`
    : 'Potential reach by day.';
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escapeHtml(description)}" ` +
    `style="display:block;width:100%;height:auto;max-width:${WIDTH}px" font-family="Helvetica, Arial, sans-serif">` +
    `<title>${escapeHtml(description)}</title>${grid}${bars}${labels}${line}${lastLabel}${empty}${legend}</svg>`
  );
}
