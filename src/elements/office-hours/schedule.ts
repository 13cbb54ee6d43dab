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

const SECOND_MS = 1000;
export const MINUTE_MS = 60 * SECOND_MS;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/** Minutes in a day: the end of a range that closes at midnight, and where the next day starts. */
export const DAY_MINUTES = 24 * 60;
/** 23:59, schema.org's "until the end of the day". */
const LAST_MINUTE = DAY_MINUTES - 1;
export const DAYS_IN_WEEK = 7;
/** Weekdays from Monday, by the two letters every way of writing one starts with: "Mo", "Mon", "Monday". */
const DAY_PREFIXES = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
/** Words that say a day has no hours. */
const CLOSED_WORDS = ['off', 'closed'];
/** Minutes before closing that count as "closing soon", unless the element says otherwise. */
export const CLOSING_SOON_MINUTES = 30;
/** How far ahead the next opening or closing is looked for; beyond it the office is open (or closed) for good. */
const SCAN_DAYS = 100;

/** Unreadable hours: "unknown day 'Mx'" names the text that could not be read; {@link inRule} adds which rule. */
const fail = (why: string, token = ''): never => {
  throw Error(token ? `${why} '${token}'` : why);
};

/** Reads rule `n` (counted from 1) with `read`: an error in it says "rule 2: …". */
function inRule<T>(n: number, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw Error(`rule ${n}: ${(e as Error).message}`);
  }
}

/** Splits rules on ";" (one trailing ";" allowed), tidies spaces around "-", "," and "..", and reads each (none empty). */
function each<T>(text: string, read: (rule: string) => T): T[] {
  const rules = text.replace(/;\s*$/, '').split(';');
  return rules.map((rule, i) =>
    inRule(i + 1, () => {
      const tidy = rule.replace(/\s*(-|,|\.\.)\s*/g, '$1').trim();
      return tidy ? read(tidy) : fail('empty rule');
    }),
  );
}

/** "Mo", "Mon", "Monday" or "https://schema.org/Monday" → 0. */
function dayOf(name: string): number {
  const word = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  const day = DAY_PREFIXES.indexOf(word.slice(0, 2));
  return day >= 0 && /^[a-z]+$/.test(word) ? day : fail('unknown day', name);
}

/** The weekdays from `first` to `last`, wrapping past Sunday: Fr-Mo is Friday, Saturday, Sunday, Monday. */
function daysFrom(first: number, last: number): number[] {
  const days = [first];
  let day = first;
  while (day != last) {
    day = (day + 1) % DAYS_IN_WEEK;
    days.push(day);
  }
  return days;
}

/** "09:30" → 570; the end of a range (`isEnd`) may be 24:00. */
function minutes(text: string, isEnd = false): number {
  const m = /^(\d\d?):([0-5]\d)(:\d\d)?$/.exec(text);
  if (!m) return fail('bad time', text);
  const value = Number(m[1]) * 60 + Number(m[2]);
  const latest = isEnd ? DAY_MINUTES : LAST_MINUTE;
  return value > latest ? fail('bad time', text) : value;
}

/** An end at or before the start runs past midnight: 22:00-02:00 is [1320, 1560]. */
const span = (start: number, end: number): Range => [start, end > start ? end : end + DAY_MINUTES];

const byStart = (a: Range, b: Range) => a[0] - b[0];

/** "09:00-12:00,13:00-17:00", "off", "closed" → ranges. */
const times = (tokens: string[]): Range[] =>
  tokens
    .join(',')
    .split(',')
    .filter((t) => t && !CLOSED_WORDS.includes(t.toLowerCase()))
    .map((t) => {
      const [start, end, extra] = t.split('-');
      if (!/^\d/.test(start) || extra != null) fail('stray text', t);
      if (end == null) fail('missing dash', t);
      return span(minutes(start), minutes(end, true));
    })
    .sort(byStart);

/**
 * Reads schema.org `openingHours` text: `Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; Su off`.
 * Day lists and ranges (wrapping ones like `Fr-Mo` too); a later rule for a day replaces an
 * earlier one. Throws an Error naming the rule and the token.
 */
export function parseHours(text: string): Week {
  const week: Week = [[], [], [], [], [], [], []];
  each(text, (rule) => {
    const [list, ...tokens] = rule.split(/\s+/);
    // The days get this rule's ranges now, filled once every day is read: day errors come first.
    const ranges: Range[] = [];
    for (const part of list.split(',')) {
      const [first, last = first, extra] = part.split('-');
      if (extra != null) fail('unknown day', part);
      for (const day of daysFrom(dayOf(first), dayOf(last))) week[day] = ranges;
    }
    if (!tokens.length) fail('no hours after', list);
    ranges.push(...times(tokens));
  });
  return week;
}

/** A label in straight or curly double quotes: `"Christmas Day"`, `“Christmas Day”`. */
const QUOTED = /["“]([^"”]*)["”]/;

/** `YYYY-MM-DD`, and a real date: the date it makes writes itself the same way. */
const isDate = (s: string) => new Date(s).toJSON()?.slice(0, 10) == s;

/**
 * Reads the `exceptions` attribute: `2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00;
 * 2026-12-28..2026-12-31 closed`. A date with no times is closed. Throws like {@link parseHours}.
 */
export const parseExceptions = (text: string): Exception[] =>
  each(text, (rule) => {
    const quoted = QUOTED.exec(rule);
    const label = quoted?.[1].trim();
    const [when, ...tokens] = (quoted ? rule.replace(quoted[0], '') : rule).trim().split(/\s+/);
    const [from, to = from, extra] = when.split('..');
    if (extra != null || !isDate(from) || !isDate(to) || to < from) fail('bad date', when);
    return { from, to, ranges: times(tokens), label };
  });

/** Dates compare as text: these stand before and after every `YYYY-MM-DD`, for a period open at one end. */
const EARLIEST_DATE = '0';
const LATEST_DATE = '9';

/** "09:00", "09:00:00", "09:00:00-08:00" all start with hours and minutes; no time is midnight. */
const specTime = (value: string | undefined, isEnd = false) => minutes((value || '0:00').slice(0, 5), isEnd);

/** One `OpeningHoursSpecification`'s weekdays and hours (at most one range). */
function readSpecification(s: OpeningHoursSpecification): { days: number[]; ranges: Range[] } {
  const days = [s.dayOfWeek ?? []].flat().map(dayOf);
  const opens = specTime(s.opens);
  const closes = specTime(s.closes, true);
  // schema.org writes "open all day" as 00:00–23:59 and "closed" as 00:00–00:00.
  const closed = !opens && !closes;
  return { days, ranges: closed ? [] : [span(opens, closes == LAST_MINUTE ? DAY_MINUTES : closes)] };
}

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
  const entries = [...regular, ...(p.specialOpeningHoursSpecification ?? [])];
  entries.forEach((s: OpeningHoursSpecification, i) => {
    const { days, ranges } = inRule(i + 1, () => readSpecification(s));
    let [from, to] = [s.validFrom, s.validThrough].map((v) => v?.slice(0, 10));
    // A special day is one date; regular hours with one bound run open-ended from or to it.
    if (i >= regular.length) {
      from ??= to;
      to ??= from;
    }
    if (from || to) exceptions.push({ from: from ?? EARLIEST_DATE, to: to ?? LATEST_DATE, ranges, label: s.name, days });
    else if (!text) for (const d of days) week[d] = [...week[d], ...ranges].sort(byStart);
  });
  if (text || week.some((d) => d.length)) return { week, exceptions };
  throw Error('no hours in the JSON-LD');
}

/** The hours on a date: those of the exceptions covering it (joined), else the weekday's. */
export function hoursOn(s: Schedule, date: string): Day {
  // getUTCDay() counts from Sunday (0); the week here starts on Monday.
  const day = (new Date(date).getUTCDay() + 6) % DAYS_IN_WEEK;
  const hits = s.exceptions.filter((e) => e.from <= date && date <= e.to && (!e.days?.length || e.days.includes(day)));
  return { date, day, ranges: hits[0] ? hits.flatMap((e) => e.ranges).sort(byStart) : s.week[day], exception: hits.find((e) => e.label) ?? hits[0] };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** A memoized `Intl.DateTimeFormat` (building one costs far more than using it), in UTC unless `options` name a zone. */
export function dateFormat(tag: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = tag + JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', ...options });
    formats.set(key, format);
  }
  return format;
}

/** The IANA name Intl gives `timeZone` (unset: the visitor's zone). Throws RangeError on an unknown one. */
export const zoneOf = (timeZone?: string): string => dateFormat('en', { timeZone }).resolvedOptions().timeZone;

/** The office's wall clock at an instant, as milliseconds of a UTC date that reads the same. */
function wallAt(t: number, timeZone: string): number {
  // Swedish writes dates and times the ISO way: "2026-03-08 14:05:09".
  const text = dateFormat('sv', { timeZone, dateStyle: 'short', timeStyle: 'medium' }).format(t);
  // The format stops at seconds: the milliseconds are put back.
  return Date.parse(text.replace(' ', 'T') + 'Z') + (t % SECOND_MS);
}

const iso = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/**
 * Open or closed at `instant` in the IANA `timeZone`, and when that changes. Overlapping and
 * touching ranges (an overnight range running into the next day's) count as one opening.
 * Throws RangeError on an unknown time zone.
 */
export function statusAt(s: Schedule, instant: Date, timeZone: string, closingSoonMinutes = CLOSING_SOON_MINUTES): Status {
  const now = +instant;
  const w = wallAt(now, timeZone);
  const midnight = w - (w % DAY_MS);
  // The first instant from now on that shows `wall` (later than `w`) on the office's clock: move by
  // the wall time between, correct by the offset found there, and if that lands in an hour the clocks
  // skip, walk on to the jump. Starting from our own offset keeps a repeated hour ahead of us.
  const at = (wall: number) => {
    let t = now + wall - w;
    t += wall - wallAt(t, timeZone);
    while (wallAt(t, timeZone) < wall) t += MINUTE_MS;
    return t;
  };
  const today = hoursOn(s, iso(midnight));
  // `end` is where the opening that holds `w` ends (`w` itself when closed); ranges come sorted by
  // start, so the first one starting after `end` is the next opening, and `end` the next closing.
  let end = w;
  let next: number | undefined;
  // From yesterday: an overnight range that started then may hold `w`.
  scan: for (let i = -1; i < SCAN_DAYS; i++) {
    const day = midnight + i * DAY_MS;
    for (const [from, to] of hoursOn(s, iso(day)).ranges) {
      const opens = day + from * MINUTE_MS;
      if (opens > end) {
        next = end > w ? end : opens;
        break scan;
      }
      end = Math.max(end, day + to * MINUTE_MS);
    }
  }
  // Still open at the end of the scan: open all the time, as far as anyone can tell.
  const open = end > w;
  const change = next ? at(next) : Infinity;
  const soonFrom = change - closingSoonMinutes * MINUTE_MS;
  return {
    open,
    nextChange: next ? new Date(change) : null,
    days: next ? Math.floor((next - midnight) / DAY_MS) : 0,
    closingSoon: open && now >= soonFrom,
    today,
    // A wake at the start of a closing-soon window that is never shown (while closed) changes nothing.
    recheckAt: new Date(Math.min(change, soonFrom > now ? soonFrom : change, at(midnight + DAY_MS))),
  };
}

/** The exceptions for whole days (not seasonal weekday hours) that end on or after `date` and begin within `days` of it, soonest first. */
export function exceptionsAhead(s: Schedule, date: string, days: number): Exception[] {
  const horizon = Date.parse(date) + days * DAY_MS;
  return s.exceptions
    .filter((e) => !e.days?.length && e.to >= date && Date.parse(e.from) < horizon)
    .sort((a, b) => (a.from < b.from ? -1 : 1));
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
