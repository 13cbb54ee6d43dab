/**
 * Office hours in words: the status sentence, times in the office's zone, a day's hours. Pure (no
 * DOM); every function takes the {@link Words} it speaks with.
 */
import { capitalize } from '../../core/locale.js';
import { DAY_MINUTES, DAY_MS, DAYS_IN_WEEK, MINUTE_MS, dateFormat, zoneOf, type Day, type Range, type Status } from './schedule.js';
import type { HoursStrings } from './strings.js';

/** `h12` or `h23`; undefined follows the locale. */
export type HourCycle = 'h12' | 'h23' | undefined;

/** The BCP 47 tag for `Intl`, the message table and the hour cycle. */
export interface Words {
  tag: string;
  t: HoursStrings;
  hc?: HourCycle;
}

/** 1970-01-05, four days after the epoch, was a Monday: weekday `d` (Monday 0) is that day plus `d`. */
const FIRST_MONDAY = 4;

/**
 * A wall time in minutes after midnight (1560 → "2:00 AM"), or, given the office's zone, an
 * instant on its clock: "5:00 PM", or "5:00 PM PST" when the visitor is in another zone.
 */
export const time = ({ tag, hc }: Words, at: number | Date, timeZone?: string): string =>
  dateFormat(tag, {
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: hc,
    ...(timeZone ? { timeZone, timeZoneName: timeZone == zoneOf() ? undefined : 'short' } : {}),
  }).format(timeZone ? at : +at * MINUTE_MS);

/** "Monday" (0) to "Sunday" (6), capitalized; with `to`, a span "Monday – Friday". */
export function days({ tag }: Words, from: number, to = from): string {
  const dayOf = (weekday: number) => (FIRST_MONDAY + weekday) * DAY_MS;
  return capitalize(dateFormat(tag, { weekday: 'long' }).formatRange(dayOf(from), dayOf(to)), tag);
}

/** "9:00 AM – 12:00 PM, 1:00 PM – 5:00 PM", "Open 24 hours" or "Closed". */
export function rangesText(w: Words, ranges: Range[]): string {
  if (!ranges.length) return w.t.closed;
  const [[start, end]] = ranges;
  if (ranges.length == 1 && start == 0 && end == DAY_MINUTES) return w.t.allDay;
  return ranges.map(([a, b]) => `${time(w, a)} – ${time(w, b)}`).join(', ');
}

/** Hours on one line: "Today · 9:00 AM – 5:00 PM", "Friday, December 25 · Closed · Christmas Day". */
export const dayText = (w: Words, when: string, ranges: Range[], label?: string): string => [when, rangesText(w, ranges), label].filter(Boolean).join(' · ');

/** "Today · 9:00 AM – 5:00 PM", "Today · Closed · Christmas Day". */
export const todayText = (w: Words, day: Day): string => dayText(w, capitalize(w.t.today, w.tag), day.ranges, day.exception?.label);

/**
 * The status as `[label, rest]`: `["Open now", " · closes at 5:00 PM"]`, `["Closing soon", …]`,
 * `["Closed", " · opens tomorrow at 9:00 AM"]`, `["Closed today for Christmas Day", " · opens
 * Monday at 9:00 AM"]`. The rest is '' when nothing changes ahead; joined they make one line.
 */
export function statusText(w: Words, status: Status, timeZone: string): [string, string] {
  const { t } = w;
  const { open, closingSoon, nextChange: next, days: n, today } = status;
  const label = statusLabel(t, open, closingSoon, today);
  if (!next) return [label, ''];
  const words = [' ·', open ? t.closes : t.opens];
  // "today" only for an opening ("closes at 5:00 PM" says today already); a weekday within the
  // week, else a date.
  if (n < 1 && !open) words.push(t.today);
  else if (n == 1) words.push(t.tomorrow);
  else if (n > 1) words.push(t.on, dateFormat(w.tag, n < DAYS_IN_WEEK ? { weekday: 'long', timeZone } : { month: 'long', day: 'numeric', timeZone }).format(next));
  words.push(t.at, time(w, next, timeZone));
  // In Spanish, "a las 1:00" is "a la 1:00".
  return [label, words.filter(Boolean).join(' ').replace(/\blas (1\D)/, 'la $1')];
}

/** "Open now", "Closing soon", "Closed", or "Closed today for Christmas Day" on a named closed day. */
function statusLabel(t: HoursStrings, open: boolean, closingSoon: boolean, today: Day): string {
  if (open) return closingSoon ? t.soon : t.open;
  const holiday = today.exception?.label;
  return holiday && !today.ranges.length ? `${t.closed} ${t.today} ${t.for} ${holiday}` : t.closed;
}

/** "Thursday, December 24", or a span "Monday, December 28 – Thursday, December 31". */
export const datesText = ({ tag }: Words, from: string, to: string): string =>
  dateFormat(tag, { weekday: 'long', month: 'long', day: 'numeric' }).formatRange(Date.parse(from), Date.parse(to));
