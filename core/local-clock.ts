// Times of many instants written as ISO-8601 text, as fast as string concatenation: a zone's UTC
// offset is looked up (with luxon) once per UTC hour instead of once per instant, and the text up to
// the hour is built once per hour, which is what a large export spent a third of its time on. The
// text is exactly what luxon (local) and Date#toISOString (UTC) write.
import { DateTime } from 'luxon';

const HOUR_MS = 3_600_000;

/** '00' to '59'. */
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** Times in UTC and in one zone; each remembers the last hour it wrote, so instants in time order cost one lookup per hour. */
export interface LocalClock {
  /** ISO-8601 UTC without milliseconds (2026-11-01T14:05:09Z). */
  utc(ms: number): string;
  /** ISO-8601 local time with its offset, milliseconds only when there are some (luxon's `suppressMilliseconds`). */
  iso(ms: number): string;
  /** The zone's UTC offset at `ms`, in minutes. */
  offsetMinutes(ms: number): number;
}

/** One UTC hour's offset and how luxon writes it ("-05:00", "+05:30", "Z"). */
interface HourOffset {
  offsetMinutes: number;
  suffix: string;
}

function luxonIso(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/**
 * The offset of `hour` when it holds all hour long, else null. A zone changes its offset at most
 * once in an hour (tzdb has no two changes that close), so equal offsets at both ends mean no change
 * inside. Whole minutes only: historical local mean times (seconds in the offset) go to luxon.
 */
function hourOffset(hour: number, timeZone: string): HourOffset | null {
  const start = DateTime.fromMillis(hour * HOUR_MS, { zone: timeZone });
  const end = DateTime.fromMillis(hour * HOUR_MS + HOUR_MS - 1, { zone: timeZone });
  if (start.offset !== end.offset || !Number.isInteger(start.offset)) return null;
  const iso = start.toISO({ suppressMilliseconds: true, includeOffset: true })!;
  // 'YYYY-MM-DDTHH:mm:ss' is 19 characters for the years 0–9999; what follows is the offset as luxon writes it.
  return { offsetMinutes: start.offset, suffix: iso.slice(19) };
}

/**
 * 'YYYY-MM-DDTHH:mm:ss' (with '.SSS' when `withMs`) of a wall-clock time given as milliseconds, the
 * text up to the hour built once per hour; null for years outside 0–9999, which toISOString writes its own way.
 */
function wallClockWriter(): (wall: number, withMs: boolean) => string | null {
  let hour = Number.NaN;
  let prefix: string | null = null;
  return (wall, withMs) => {
    const wallHour = Math.floor(wall / HOUR_MS);
    if (wallHour !== hour) {
      const iso = new Date(wallHour * HOUR_MS).toISOString();
      hour = wallHour;
      prefix = iso.length === 24 ? iso.slice(0, 14) : null;
    }
    if (prefix === null) return null;
    const rest = wall - wallHour * HOUR_MS;
    const text = `${prefix}${TWO_DIGITS[Math.floor(rest / 60_000)]}:${TWO_DIGITS[Math.floor(rest / 1000) % 60]}`;
    return withMs ? `${text}.${String(rest % 1000).padStart(3, '0')}` : text;
  };
}

/** A {@link LocalClock} for `timeZone` (an IANA name luxon accepts). */
export function localClock(timeZone: string): LocalClock {
  let lastHour = Number.NaN;
  let lastOffset: HourOffset | null = null;
  const offsetOf = (ms: number): HourOffset | null => {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour !== lastHour) [lastHour, lastOffset] = [hour, hourOffset(hour, timeZone)];
    return lastOffset;
  };
  const utcText = wallClockWriter();
  const localText = wallClockWriter();
  return {
    utc(ms) {
      const seconds = Math.floor(ms / 1000) * 1000;
      const text = utcText(seconds, false);
      return text === null ? new Date(seconds).toISOString().replace('.000Z', 'Z') : `${text}Z`;
    },
    iso(ms) {
      const offset = Number.isInteger(ms) ? offsetOf(ms) : null;
      const text = offset && localText(ms + offset.offsetMinutes * 60_000, ms % 1000 !== 0);
      return text ? text + offset.suffix : luxonIso(ms, timeZone);
    },
    offsetMinutes(ms) {
      return offsetOf(ms)?.offsetMinutes ?? DateTime.fromMillis(ms, { zone: timeZone }).offset;
    },
  };
}
