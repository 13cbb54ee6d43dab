/**
 * Office hours in words: the status sentence, times in the office's zone, a day's hours. Pure (no
 * DOM); every function takes the BCP 47 tag for `Intl` and, where it needs words, the message table.
 */
import { localDate, type Day, type Range, type Status } from './schedule.js';
import type { HoursStrings } from './strings.js';

/** `h12` or `h23`; undefined follows the locale. */
export type HourCycle = 'h12' | 'h23' | undefined;

const formats = new Map<string, Intl.DateTimeFormat>();

/** A memoized `Intl.DateTimeFormat`: building one costs far more than using it. */
export function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tag + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(tag, options)));
  return f;
}

/** Puts values in place of `{name}` (an empty one leaves no double space); in Spanish, "a las 1:00" becomes "a la 1:00". */
export const fill = (text: string, values: Record<string, string>): string =>
  text
    .replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')
    .replace('  ', ' ')
    .replace(/\blas (1\D)/, 'la $1');

const hm = (hourCycle: HourCycle, timeZone = 'UTC'): Intl.DateTimeFormatOptions => ({ hour: 'numeric', minute: '2-digit', hourCycle, timeZone });

/** A wall time, minutes after midnight: 1020 → "5:00 PM"; 1440 and 1560 → "12:00 AM", "2:00 AM". */
export const clock = (tag: string, minutes: number, hourCycle?: HourCycle): string => dateFormat(tag, hm(hourCycle)).format(minutes * 6e4);

/** An instant on the office's clock: "5:00 PM", or "5:00 PM PST" when the visitor is in another time zone. */
export const timeAt = (tag: string, instant: Date, timeZone: string, hourCycle?: HourCycle): string =>
  dateFormat(tag, {
    ...hm(hourCycle, timeZone),
    timeZoneName: timeZone == dateFormat('en', {}).resolvedOptions().timeZone ? undefined : 'short',
  }).format(instant);

/** "Monday" (0) to "Sunday" (6). */
export const weekday = (tag: string, day: number): string => dateFormat(tag, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + day));

/** "9:00 AM – 12:00 PM, 1:00 PM – 5:00 PM", "Open 24 hours" or "Closed". */
export function rangesText(tag: string, t: HoursStrings, ranges: Range[], hourCycle?: HourCycle): string {
  if (!ranges.length) return t.closed;
  if (`${ranges}` == '0,1440') return t.allDay;
  return ranges.map(([a, b]) => `${clock(tag, a, hourCycle)} – ${clock(tag, b, hourCycle)}`).join(', ');
}

/** "Today · 9:00 AM – 5:00 PM", "Today · Closed (Christmas Day)". */
export const todayText = (tag: string, t: HoursStrings, day: Day, hourCycle?: HourCycle): string =>
  fill(t.todayHours, {
    hours: rangesText(tag, t, day.ranges, hourCycle) + (day.exception?.label ? ` (${day.exception.label})` : ''),
  });

/**
 * The status as `[label, detail]`: `["Open now", "closes at 5:00 PM"]`, `["Closing soon", …]`,
 * `["Closed", "opens tomorrow at 9:00 AM"]`, `["Closed today for Christmas Day", "opens Monday at
 * 9:00 AM"]`. Detail is '' when nothing changes ahead. Join them with " · " for one line.
 */
export function statusText(tag: string, t: HoursStrings, status: Status, timeZone: string, hourCycle?: HourCycle): [string, string] {
  const { open, closingSoon, nextChange: next, today } = status;
  const label = open
    ? closingSoon
      ? t.soon
      : t.open
    : today.exception?.label && !today.ranges.length
      ? fill(t.closedFor, { label: today.exception.label })
      : t.closed;
  if (!next) return [label, ''];
  const days = (Date.parse(localDate(next, timeZone)) - Date.parse(today.date)) / 864e5;
  const day =
    days < 1
      ? open
        ? ''
        : t.today
      : days < 2
        ? t.tomorrow
        : fill(t.on, { day: dateFormat(tag, days < 7 ? { weekday: 'long', timeZone } : { month: 'long', day: 'numeric', timeZone }).format(next) });
  return [label, fill(open ? t.closes : t.opens, { day, time: timeAt(tag, next, timeZone, hourCycle) })];
}

/** "Thursday, December 24", or a span "Monday, December 28 – Thursday, December 31". */
export const datesText = (tag: string, from: string, to: string): string =>
  dateFormat(tag, { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' }).formatRange(Date.parse(from), Date.parse(to));
