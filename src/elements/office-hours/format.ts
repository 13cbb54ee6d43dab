/**
 * Office hours in words: the status sentence, times in the office's zone, a day's hours. Pure (no
 * DOM); every function takes the {@link Words} it speaks with.
 */
import { capitalize } from '../../core/locale.js';
import { dateFormat, zoneOf, type Day, type Range, type Status } from './schedule.js';
import type { HoursStrings } from './strings.js';

/** `h12` or `h23`; undefined follows the locale. */
export type HourCycle = 'h12' | 'h23' | undefined;

/** The BCP 47 tag for `Intl`, the message table and the hour cycle. */
export interface Words {
  tag: string;
  t: HoursStrings;
  hc?: HourCycle;
}


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
  }).format(timeZone ? at : +at * 6e4);

/** "Monday" (0) to "Sunday" (6), capitalized; with `to`, a span "Monday – Friday". 1970-01-05 was a Monday. */
export const days = ({ tag }: Words, from: number, to = from): string =>
  capitalize(dateFormat(tag, { weekday: 'long' }).formatRange((from + 4) * 864e5, (to + 4) * 864e5), tag);

/** "9:00 AM – 12:00 PM, 1:00 PM – 5:00 PM", "Open 24 hours" or "Closed". */
export const rangesText = (w: Words, ranges: Range[]): string =>
  ranges.length ? (`${ranges}` == '0,1440' ? w.t.allDay : ranges.map(([a, b]) => `${time(w, a)} – ${time(w, b)}`).join(', ')) : w.t.closed;

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
  const label = open ? (closingSoon ? t.soon : t.open) : today.exception?.label && !today.ranges.length ? `${t.closed} ${t.today} ${t.for} ${today.exception.label}` : t.closed;
  const words = next
    ? [
        ' ·',
        open ? t.closes : t.opens,
        n < 1 ? !open && t.today : n < 2 ? t.tomorrow : t.on,
        n > 1 && dateFormat(w.tag, n < 7 ? { weekday: 'long', timeZone } : { month: 'long', day: 'numeric', timeZone }).format(next),
        t.at,
        time(w, next, timeZone),
      ]
    : [];
  // In Spanish, "a las 1:00" is "a la 1:00".
  return [label, words.filter(Boolean).join(' ').replace(/\blas (1\D)/, 'la $1')];
}

/** "Thursday, December 24", or a span "Monday, December 28 – Thursday, December 31". */
export const datesText = ({ tag }: Words, from: string, to: string): string =>
  dateFormat(tag, { weekday: 'long', month: 'long', day: 'numeric' }).formatRange(Date.parse(from), Date.parse(to));
