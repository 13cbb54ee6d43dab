/**
 * The office's hours as data, and whether it is open at an instant in its own time zone.
 * Pure: no DOM, no time-zone library; `Intl.DateTimeFormat` is the only source of zone rules.
 *
 * Times are "wall" minutes after the office's midnight, as its clock shows them. To compare them
 * with an instant, the instant is turned into the office's wall time and the boundary found is
 * turned back into an instant, which is what makes DST days come out right.
 */
import type { OpeningHoursSpecification, Profile } from '../../core/profile.js';
import { warn } from '../../core/warn.js';

/** `[start, end]` in minutes after midnight: `[540, 1020]` is 09:00–17:00; an end past 1440 runs into the next day. */
export type Range = [start: number, end: number];

/** Opening ranges for each weekday, Monday (0) to Sunday (6), each day's sorted by start. */
export type Week = Range[][];

/** Hours that replace the weekly ones on the dates `from`..`to` (inclusive, `YYYY-MM-DD`). */
export interface Exception {
  from: string;
  to: string;
  /** Empty when closed. */
  ranges: Range[];
  label?: string;
  /** Only these weekdays in the period (seasonal `openingHoursSpecification`); all when absent or empty. */
  days?: number[];
}

export interface Schedule {
  week: Week;
  exceptions: Exception[];
}

/** One date's hours and the exception that set them, if any. */
export interface Day {
  date: string;
  /** Its weekday, Monday (0) to Sunday (6). */
  day: number;
  ranges: Range[];
  exception?: Exception;
}

export interface Status {
  open: boolean;
  /** When `open` flips; null when it never does within ~100 days (open all the time, or closed). */
  nextChange: Date | null;
  /** On which of the office's days `nextChange` falls: 0 today, 1 tomorrow… (0 when null). */
  days: number;
  /** Open, and closing within the closing-soon window. */
  closingSoon: boolean;
  /** The office's current date, its hours and the exception in force. */
  today: Day;
  /** When anything above changes (the next change, the start of closing soon, or the office's midnight). */
  recheckAt: Date;
}

const MIN = 6e4;
const DAY = 864e5;

/** The rule being read, counted from 1, for the error. */
let rule = 0;

/** Unreadable hours: "rule 2: unknown day 'Mx'" names the rule and the text that could not be read. */
const fail = (why: string, token = ''): never => {
  throw Error(`rule ${rule}: ${why}${token && ` '${token}'`}`);
};

/** Splits rules on ";" (one trailing ";" allowed), tidies spaces around "-", "," and "..", and reads each (none empty). */
const each = <T>(text: string, read: (rule: string) => T): T[] =>
  text
    .replace(/;\s*$/, '')
    .split(';')
    .map((r, i) => ((rule = i + 1), read(r.replace(/\s*(-|,|\.\.)\s*/g, '$1').trim() || fail('empty rule'))));

/** "Mo", "Mon", "Monday" or "https://schema.org/Monday" → 0. */
function dayOf(name: string): number {
  const m = /^(?:.*\/)?(mo|tu|we|th|fr|sa|su)[a-z]*$/i.exec(name);
  return m ? 'motuwethfrsasu'.indexOf(m[1].toLowerCase()) / 2 : fail('unknown day', name);
}

/** "09:30" → 570; an end (`end` 1) may be 24:00. */
function minutes(text: string, end = 0): number {
  const m = /^(\d\d?):([0-5]\d)(:\d\d)?$/.exec(text);
  const v = m ? +m[1] * 60 + +m[2] : 1e9;
  return v > 1439 + end ? fail('bad time', text) : v;
}

/** An end at or before the start runs past midnight: 22:00-02:00 is [1320, 1560]. */
const span = (a: number, b: number): Range => [a, b > a ? b : b + 1440];

const byStart = (a: Range, b: Range) => a[0] - b[0];

/** "09:00-12:00,13:00-17:00", "off", "closed" → ranges. */
const times = (tokens: string[]): Range[] =>
  tokens
    .join(',')
    .split(',')
    .filter((t) => !/^(off|closed|)$/i.test(t))
    .map((t) => {
      const [a, b, extra] = t.split('-');
      if (!/^\d/.test(a) || extra != null) fail('stray text', t);
      if (b == null) fail('missing dash', t);
      return span(minutes(a), minutes(b, 1));
    })
    .sort(byStart);

/**
 * Reads schema.org `openingHours` text: `Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; Su off`.
 * Day lists and ranges (wrapping ones like `Fr-Mo` too); a later rule for a day replaces an
 * earlier one. Throws an Error naming the rule and the token.
 */
export function parseHours(text: string): Week {
  const week: Week = [[], [], [], [], [], [], []];
  each(text, (raw) => {
    const [list, ...tokens] = raw.split(/\s+/);
    // The days get this rule's ranges now, filled once every day is read: day errors come first.
    const ranges: Range[] = [];
    for (const part of list.split(',')) {
      const [a, b = a, extra] = part.split('-');
      if (extra != null) fail('unknown day', part);
      for (let d = dayOf(a), to = dayOf(b); (week[d] = ranges), d != to; d = (d + 1) % 7);
    }
    if (!tokens.length) fail('no hours after', list);
    ranges.push(...times(tokens));
  });
  return week;
}

/** `YYYY-MM-DD`, and a real date: the date it makes writes itself the same way. */
const isDate = (s: string) => new Date(s).toJSON()?.slice(0, 10) == s;

/**
 * Reads the `exceptions` attribute: `2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00;
 * 2026-12-28..2026-12-31 closed`. A date with no times is closed. Throws like {@link parseHours}.
 */
export const parseExceptions = (text: string): Exception[] =>
  each(text, (raw) => {
    let label: string | undefined;
    const [when, ...tokens] = raw
      .replace(/["“]([^"”]*)["”]/, (_, l: string) => ((label = l.trim()), ''))
      .trim()
      .split(/\s+/);
    const [from, to = from, extra] = when.split('..');
    if (extra != null || !isDate(from) || !isDate(to) || to < from) fail('bad date', when);
    return { from, to, ranges: times(tokens), label };
  });

/**
 * The schedule a page's JSON-LD profile describes: `openingHours` text, else the
 * `openingHoursSpecification` entries with no validity dates; entries with `validFrom` /
 * `validThrough` and every `specialOpeningHoursSpecification` become exceptions (pushed onto
 * `exceptions`, which the schedule keeps). Throws like {@link parseHours} (rules count the
 * entries), and when the profile has no weekly hours.
 */
export function scheduleFromProfile(p: Profile, exceptions: Exception[] = []): Schedule {
  const text = p.openingHours;
  const week = text ? parseHours(text) : [[], [], [], [], [], [], []];
  const regular = p.openingHoursSpecification ?? [];
  [...regular, ...(p.specialOpeningHoursSpecification ?? [])].forEach((s: OpeningHoursSpecification, i) => {
    rule = i + 1;
    const days = [s.dayOfWeek ?? []].flat().map(dayOf);
    // "09:00", "09:00:00", "09:00:00-08:00" all start with hours and minutes; no time is midnight.
    const [opens, closes] = [s.opens, s.closes].map((v, end) => minutes((v || '0:00').slice(0, 5), end));
    // schema.org writes "open all day" as 00:00–23:59 and "closed" as 00:00–00:00.
    const ranges = opens || closes ? [span(opens, closes == 1439 ? 1440 : closes)] : [];
    let [from, to] = [s.validFrom, s.validThrough].map((v) => v?.slice(0, 10));
    // A special day is one date; regular hours with one bound run open-ended from or to it.
    if (i >= regular.length) {
      from ??= to;
      to ??= from;
    }
    if (from || to) exceptions.push({ from: from ?? '0', to: to ?? '9', ranges, label: s.name, days });
    else if (!text) for (const d of days) week[d] = [...week[d], ...ranges].sort(byStart);
  });
  if (text || week.some((d) => d.length)) return { week, exceptions };
  throw Error('no hours in the JSON-LD');
}

/** The hours on a date: those of the exceptions covering it (joined), else the weekday's. */
export function hoursOn(s: Schedule, date: string): Day {
  const day = (new Date(date).getUTCDay() + 6) % 7;
  const hits = s.exceptions.filter((e) => e.from <= date && date <= e.to && (!e.days?.length || e.days.includes(day)));
  return { date, day, ranges: hits[0] ? hits.flatMap((e) => e.ranges).sort(byStart) : s.week[day], exception: hits.find((e) => e.label) ?? hits[0] };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A memoized `Intl.DateTimeFormat` (building one costs far more than using it), in UTC unless `options` name a zone. */
export function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tag + JSON.stringify(options);
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options })));
  return f;
}

/** The IANA name Intl gives `timeZone` (unset: the visitor's zone). Throws RangeError on an unknown one. */
export const zoneOf = (timeZone?: string): string => dateFormat('en', { timeZone }).resolvedOptions().timeZone;

/** The office's wall clock at an instant, as milliseconds of a UTC date that reads the same. */
const wallAt = (t: number, timeZone: string): number =>
  // Swedish writes dates and times the ISO way: "2026-03-08 14:05:09".
  Date.parse(dateFormat('sv', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(t).replace(' ', 'T') + 'Z') + (t % 1e3);

const iso = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/**
 * Open or closed at `instant` in the IANA `timeZone`, and when that changes. Overlapping and
 * touching ranges (an overnight range running into the next day's) count as one opening.
 * Throws RangeError on an unknown time zone.
 */
export function statusAt(s: Schedule, instant: Date, timeZone: string, closingSoonMinutes = 30): Status {
  const now = +instant;
  const w = wallAt(now, timeZone);
  const midnight = w - (w % DAY);
  // The first instant from now on that shows `wall` (later than `w`) on the office's clock: move by
  // the wall time between, correct by the offset found there, and if that lands in an hour the clocks
  // skip, walk on to the jump. Starting from our own offset keeps a repeated hour ahead of us.
  const at = (wall: number) => {
    let t = now + wall - w;
    t += wall - wallAt(t, timeZone);
    while (wallAt(t, timeZone) < wall) t += MIN;
    return t;
  };
  const today = hoursOn(s, iso(midnight));
  // `end` is where the opening that holds `w` ends (`w` itself when closed); ranges come sorted by
  // start, so the first one starting after `end` is the next opening, and `end` the next closing.
  let end = w;
  let next: number | undefined;
  scan: for (let i = -1; i < 100; i++) {
    const day = midnight + i * DAY;
    for (const [from, to] of hoursOn(s, iso(day)).ranges) {
      const a = day + from * MIN;
      if (a > end) {
        next = end > w ? end : a;
        break scan;
      }
      end = Math.max(end, day + to * MIN);
    }
  }
  // Still open at the end of the scan: open all the time, as far as anyone can tell.
  const open = end > w;
  const change = next ? at(next) : Infinity;
  const soonFrom = change - closingSoonMinutes * MIN;
  return {
    open,
    nextChange: next ? new Date(change) : null,
    days: ((next! - midnight) / DAY) | 0,
    closingSoon: open && now >= soonFrom,
    today,
    // A wake at the start of a closing-soon window that is never shown (while closed) changes nothing.
    recheckAt: new Date(Math.min(change, soonFrom > now ? soonFrom : change, at(midnight + DAY))),
  };
}

/** Consecutive weekdays with the same hours, for a compact table: Monday–Friday, Saturday–Sunday. */
export function groupWeek(week: Week): { from: number; to: number; ranges: Range[] }[] {
  const out: { from: number; to: number; ranges: Range[] }[] = [];
  week.forEach((ranges, d) => {
    const last = out.at(-1);
    if (`${last?.ranges}` == `${ranges}`) last!.to = d;
    else out.push({ from: d, to: d, ranges });
  });
  return out;
}

/** What an element was given; empty values fall back to the page's profile. */
export interface HoursSource {
  hours?: string;
  exceptions?: string;
  timezone?: string;
}

/**
 * The schedule and time zone an element shows: its attributes, else the profile's, else (the zone)
 * the browser's. Anything unreadable gives one warning naming `tag`, the attribute and the rule,
 * and undefined, so the element keeps its fallback content.
 */
export function readSchedule(tag: string, a: HoursSource, p: Profile): { schedule: Schedule; timeZone: string } | undefined {
  let name = 'exceptions';
  let value = a.exceptions;
  try {
    const extra = value ? parseExceptions(value) : [];
    name = 'hours';
    // A JSON-LD entry is named by its rule number and token.
    value = a.hours || p.openingHours || '';
    const schedule = scheduleFromProfile(a.hours ? { openingHours: a.hours } : p, extra);
    name = 'timezone';
    value = a.timezone || p.timeZone;
    return { schedule, timeZone: zoneOf(value) };
  } catch (e) {
    // Intl's RangeError says "Invalid time zone specified: Mars/Olympus".
    warn(tag, name, value, (e as Error).message);
  }
  return undefined;
}
