// ISO-8601 weeks (Monday to Monday) in the report time zone: parsing "2026-W44", the instants a
// week spans (167 or 169 hours across a daylight-saving change), its local days, and which week
// is the last complete one. Pure: the caller passes the clock.
import { DateTime } from 'luxon';

/** One ISO week in a time zone: [start, end) from local Monday midnight to the next. */
export interface IsoWeek {
  label: string;
  weekYear: number;
  weekNumber: number;
  timeZone: string;
  /** Local Monday 00:00, ms since the epoch. */
  start: number;
  /** The next local Monday 00:00, ms since the epoch (exclusive). */
  end: number;
  /** 168, or 167/169 in a week where the clocks change. */
  hours: number;
}

/** One local calendar day of a week: [start, end), 23, 24 or 25 hours long. */
export interface LocalDay {
  /** YYYY-MM-DD in the week's time zone. */
  date: string;
  start: number;
  end: number;
}

/** The week given was not of the form YYYY-Www, or names a week the year does not have. */
export class InvalidWeekError extends Error {
  override name = 'InvalidWeekError';
  constructor(readonly input: string, detail: string) {
    super(`"${input}" is not an ISO week: ${detail}. Write it as YYYY-Www, for example 2026-W44.`);
  }
}

/** The week asked for has not started yet (or, where whole weeks are required, not ended): there is nothing final to report. */
export class FutureWeekError extends Error {
  override name = 'FutureWeekError';
  constructor(readonly week: IsoWeek, readonly latestComplete: string, started: boolean) {
    super(
      started
        ? `${week.label} is still in progress: it ends ${formatLocal(week.end, week.timeZone)} (${week.timeZone}), and this needs a whole week. ` +
            `The latest complete week is ${latestComplete}; choose that week or an earlier one.`
        : `${week.label} has not started yet: it begins ${formatLocal(week.start, week.timeZone)} (${week.timeZone}). ` +
            `The latest complete week is ${latestComplete}, and the week in progress can be reported so far.`,
    );
  }
}

const WEEK_PATTERN = /^(\d{4})-W(\d{2})$/;

function formatLocal(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toFormat("ccc d LLL yyyy HH:mm");
}

/** The week that starts at local Monday midnight `monday` (a DateTime in the zone). */
function weekFrom(monday: DateTime, timeZone: string): IsoWeek {
  const start = monday.startOf('day');
  const end = start.plus({ weeks: 1 });
  return {
    label: `${start.weekYear}-W${String(start.weekNumber).padStart(2, '0')}`,
    weekYear: start.weekYear,
    weekNumber: start.weekNumber,
    timeZone,
    start: start.toMillis(),
    end: end.toMillis(),
    hours: Math.round((end.toMillis() - start.toMillis()) / 3_600_000),
  };
}

/** Parses "YYYY-Www" into the week it names in `timeZone`; throws InvalidWeekError naming the problem. */
export function parseIsoWeek(input: string, timeZone: string): IsoWeek {
  const match = WEEK_PATTERN.exec(input.trim());
  if (!match) throw new InvalidWeekError(input, 'expected four digits, "-W" and two digits');
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const probe = DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: timeZone });
  if (!probe.isValid) throw new InvalidWeekError(input, `the year ${weekYear} cannot be used`);
  if (weekNumber < 1 || weekNumber > probe.weeksInWeekYear) {
    throw new InvalidWeekError(input, `${weekYear} has weeks W01 to W${probe.weeksInWeekYear}`);
  }
  return weekFrom(DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timeZone }), timeZone);
}

/** The ISO week containing the instant `ms` in `timeZone`. */
export function weekContaining(ms: number, timeZone: string): IsoWeek {
  return weekFrom(DateTime.fromMillis(ms, { zone: timeZone }).startOf('week'), timeZone);
}

/** The week `offset` weeks after `week` (negative for earlier weeks). */
export function shiftWeek(week: IsoWeek, offset: number): IsoWeek {
  return weekFrom(DateTime.fromMillis(week.start, { zone: week.timeZone }).plus({ weeks: offset }), week.timeZone);
}

/** The last week that ended at or before `now` (on a Monday, the week that just ended). */
export function lastCompleteWeek(now: number, timeZone: string): IsoWeek {
  return shiftWeek(weekContaining(now, timeZone), -1);
}

/** Throws FutureWeekError unless `week` has started by `now` (the week in progress is reported so far). */
export function assertWeekStarted(week: IsoWeek, now: number): void {
  if (week.start > now) throw new FutureWeekError(week, lastCompleteWeek(now, week.timeZone).label, false);
}

/** Throws FutureWeekError unless `week` has ended by `now`. */
export function assertWeekComplete(week: IsoWeek, now: number): void {
  if (week.end > now) throw new FutureWeekError(week, lastCompleteWeek(now, week.timeZone).label, week.start <= now);
}

/** The seven local days of `week`; across a clock change one of them lasts 23 or 25 hours. */
export function daysOfWeek(week: IsoWeek): LocalDay[] {
  const days: LocalDay[] = [];
  let cursor = DateTime.fromMillis(week.start, { zone: week.timeZone });
  for (let i = 0; i < 7; i += 1) {
    const next = cursor.plus({ days: 1 });
    days.push({ date: cursor.toISODate()!, start: cursor.toMillis(), end: next.toMillis() });
    cursor = next;
  }
  return days;
}

/** "19–25 Oct 2026", "26 Oct – 1 Nov 2026" for people (the end is the week's Sunday, not the next Monday). */
export function describeWeekDates(week: IsoWeek): string {
  const first = DateTime.fromMillis(week.start, { zone: week.timeZone });
  const last = DateTime.fromMillis(week.end, { zone: week.timeZone }).minus({ days: 1 });
  if (first.year !== last.year) return `${first.toFormat('d LLL yyyy')} – ${last.toFormat('d LLL yyyy')}`;
  if (first.month !== last.month) return `${first.toFormat('d LLL')} – ${last.toFormat('d LLL yyyy')}`;
  return `${first.toFormat('d')}–${last.toFormat('d LLL yyyy')}`;
}
