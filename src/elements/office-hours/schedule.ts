/**
 * The office's hours as data, and whether it is open at an instant in its own time zone.
 * Pure: no DOM, no time-zone library; `Intl.DateTimeFormat` is the only source of zone rules.
 *
 * Times are "wall" minutes after the office's midnight, as its clock shows them. To compare them
 * with an instant, the instant is turned into the office's wall time and the boundary found is
 * turned back into an instant, which is what makes DST days come out right.
 */
import type { OpeningHoursSpecification, Profile } from '../../core/profile.js';

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
  /** Only these weekdays in the period (seasonal `openingHoursSpecification`); all when absent. */
  days?: number[];
}

export interface Schedule {
  week: Week;
  exceptions: Exception[];
}

/** One date's hours and the exception that set them, if any. */
export interface Day {
  date: string;
  ranges: Range[];
  exception?: Exception;
}

export interface Status {
  open: boolean;
  /** When `open` flips; null when it never does within ~100 days (open all the time, or closed). */
  nextChange: Date | null;
  /** Open, and closing within the closing-soon window. */
  closingSoon: boolean;
  /** The exception in force on the office's current date. */
  exception?: Exception;
  /** The office's current date and its hours. */
  today: Day;
  /** When anything above changes (the next change, the start of closing soon, or the office's midnight). */
  recheckAt: Date;
}

/** Unreadable hours: `rule` counts from 1, `token` is the text that could not be read. */
export class ScheduleError extends Error {
  constructor(
    public rule: number,
    public token: string,
    why: string,
  ) {
    super(`rule ${rule}: ${why}${token ? ` '${token}'` : ''}`);
    this.name = 'ScheduleError';
  }
}

const MIN = 6e4;
const DAY = 864e5;
const CODES = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/** "Mo", "Mon", "Monday" or "https://schema.org/Monday" → 0. */
function dayOf(name: string, rule: number): number {
  const word = name.replace(/^.*\//, '');
  const i = CODES.indexOf(word.slice(0, 2).toLowerCase());
  if (i < 0 || !/^[a-z]+$/i.test(word)) throw new ScheduleError(rule, name, 'unknown day');
  return i;
}

function minutes(text: string, rule: number, end = false): number {
  const m = /^(\d\d?):([0-5]\d)(:\d\d)?$/.exec(text);
  const v = m ? +m[1] * 60 + +m[2] : 1e9;
  if (v > (end ? 1440 : 1439)) throw new ScheduleError(rule, text, 'bad time');
  return v;
}

/** An end at or before the start runs past midnight: 22:00-02:00 is [1320, 1560]. */
const span = (a: number, b: number): Range => [a, b > a ? b : b + 1440];

const byStart = (a: Range, b: Range) => a[0] - b[0];

/** Splits rules on ";" (one trailing ";" allowed) and tidies spaces around "-", "," and "..". */
const rules = (text: string) => text.replace(/;\s*$/, '').split(';').map((r) => r.replace(/\s*(-|,|\.\.)\s*/g, '$1').trim());

/** "09:00-12:00,13:00-17:00", "off", "closed" → ranges. */
function times(tokens: string[], rule: number): Range[] {
  const out: Range[] = [];
  for (const t of tokens.join(',').split(',')) {
    if (!t || /^(off|closed)$/i.test(t)) continue;
    const [a, b, extra] = t.split('-');
    if (b === undefined) throw new ScheduleError(rule, t, /^\d/.test(t) ? 'missing dash' : 'stray text');
    if (extra !== undefined || !/^\d/.test(a)) throw new ScheduleError(rule, t, 'stray text');
    out.push(span(minutes(a, rule), minutes(b, rule, true)));
  }
  return out.sort(byStart);
}

/**
 * Reads schema.org `openingHours` text: `Mo-Fr 09:00-12:00,13:00-17:00; Sa 10:00-14:00; Su off`.
 * Day lists and ranges (wrapping ones like `Fr-Mo` too); a later rule for a day replaces an
 * earlier one; a rule with no days covers the whole week. Throws {@link ScheduleError}.
 */
export function parseHours(text: string): Week {
  const week: Week = [[], [], [], [], [], [], []];
  rules(text).forEach((raw, i) => {
    const rule = i + 1;
    const tokens = raw.split(/\s+/);
    if (!raw) throw new ScheduleError(rule, '', 'empty rule');
    let days = [0, 1, 2, 3, 4, 5, 6];
    if (!/^\d/.test(raw)) {
      const list = tokens.shift()!;
      days = [];
      for (const part of list.split(',')) {
        const [a, b, extra] = part.split('-');
        if (extra !== undefined) throw new ScheduleError(rule, part, 'unknown day');
        const from = dayOf(a, rule);
        const to = b === undefined ? from : dayOf(b, rule);
        for (let d = from; ; d = (d + 1) % 7) {
          days.push(d);
          if (d === to) break;
        }
      }
      if (!tokens.length) throw new ScheduleError(rule, list, 'no hours after');
    }
    const ranges = times(tokens, rule);
    for (const d of days) week[d] = ranges;
  });
  return week;
}

const isDate = (s: string) => /^\d{4}-\d\d-\d\d$/.test(s) && !isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(s);

/**
 * Reads the `exceptions` attribute: `2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00;
 * 2026-12-28..2026-12-31 closed`. A date with no times is closed. Throws {@link ScheduleError}.
 */
export function parseExceptions(text: string): Exception[] {
  return rules(text).map((raw, i) => {
    const rule = i + 1;
    let label: string | undefined;
    const body = raw.replace(/["“]([^"”]*)["”]/, (_, l: string) => ((label = l.trim() || undefined), ''));
    const tokens = body.trim().split(/\s+/);
    const when = tokens.shift()!;
    if (!when) throw new ScheduleError(rule, '', 'empty rule');
    const [from, to = from, extra] = when.split('..');
    if (extra !== undefined || !isDate(from) || !isDate(to) || to < from) throw new ScheduleError(rule, when, 'bad date');
    return { from, to, ranges: times(tokens, rule), label };
  });
}

const first = (t?: string) => /^\d\d?:\d\d/.exec(t ?? '')?.[0] ?? t ?? '';

function specRanges(s: OpeningHoursSpecification, rule: number): Range[] {
  if (!s.opens && !s.closes) return [];
  const a = minutes(first(s.opens ?? '00:00'), rule);
  const close = first(s.closes ?? '24:00');
  // schema.org writes "open all day" as 00:00–23:59 and "closed" as 00:00–00:00.
  const b = close === '23:59' ? 1440 : minutes(close, rule, true);
  return a || b ? [span(a, b)] : [];
}

/**
 * The schedule a page's JSON-LD profile describes: `openingHours` text, else the
 * `openingHoursSpecification` entries with no validity dates; entries with `validFrom` /
 * `validThrough` and every `specialOpeningHoursSpecification` become exceptions. Undefined when
 * the profile has no weekly hours. Throws {@link ScheduleError} (rules count the entries).
 */
export function scheduleFromProfile(p: Profile, exceptions: Exception[] = []): Schedule | undefined {
  const specs = p.openingHoursSpecification ?? [];
  const week: Week = p.openingHours ? parseHours(p.openingHours) : [[], [], [], [], [], [], []];
  let weekly = !!p.openingHours;
  const all = [...specs, ...(p.specialOpeningHoursSpecification ?? [])];
  const found: Exception[] = [];
  all.forEach((s, i) => {
    const days = ([] as string[]).concat(s.dayOfWeek ?? []).map((d) => dayOf(String(d), i + 1));
    const ranges = specRanges(s, i + 1);
    const special = i >= specs.length;
    let from = s.validFrom?.slice(0, 10);
    let to = s.validThrough?.slice(0, 10);
    if (from || to || special) {
      // A special day names one date; regular hours with one bound run open-ended from or to it.
      from ??= special ? to : '0000-01-01';
      to ??= special ? from : '9999-12-31';
      if (from && to) found.push({ from, to, ranges, label: s.name ?? s.description, days: days.length ? days : undefined });
    } else if (!p.openingHours) {
      weekly = true;
      for (const d of days) week[d] = [...week[d], ...ranges].sort(byStart);
    }
  });
  return weekly ? { week, exceptions: [...found, ...exceptions] } : undefined;
}

/** The hours on a date: those of the exceptions covering it (joined), else the weekday's. */
export function hoursOn(s: Schedule, date: string): Day {
  const weekday = (new Date(date).getUTCDay() + 6) % 7;
  const hits = s.exceptions.filter((e) => e.from <= date && date <= e.to && (!e.days || e.days.includes(weekday)));
  return hits.length
    ? { date, ranges: hits.flatMap((e) => e.ranges).sort(byStart), exception: hits.find((e) => e.label) ?? hits[0] }
    : { date, ranges: s.week[weekday] };
}

const zones = new Map<string, Intl.DateTimeFormat>();

/** The office's wall clock at an instant, as milliseconds of a UTC date that reads the same. */
function wallAt(t: number, timeZone: string): number {
  let f = zones.get(timeZone);
  if (!f) {
    const n = 'numeric';
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: n, month: n, day: n, hour: n, minute: n, second: n });
    zones.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const { type, value } of f.formatToParts(t)) p[type] = +value;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second) + (((t % 1000) + 1000) % 1000);
}

/** The first instant at which the office's clock shows `wall` (or, in a skipped hour, a later time). */
function instantOf(wall: number, timeZone: string): number {
  let t = wall - (wallAt(wall, timeZone) - wall);
  t = wall - (wallAt(t, timeZone) - t);
  if (wallAt(t, timeZone) !== wall) {
    let lo = t - 3 * 36e5;
    let hi = t + 3 * 36e5;
    while (hi - lo > MIN) {
      const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
      if (wallAt(mid, timeZone) < wall) lo = mid;
      else hi = mid;
    }
    t = hi;
  }
  return t;
}

const iso = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/** The office's date (`YYYY-MM-DD`) at an instant. Throws RangeError on an unknown time zone. */
export const localDate = (instant: Date, timeZone: string): string => iso(wallAt(+instant, timeZone));

/**
 * Open or closed at `instant` in the IANA `timeZone`, and when that changes. Overlapping and
 * touching ranges (an overnight range running into the next day's) count as one opening.
 * Throws RangeError on an unknown time zone.
 */
export function statusAt(s: Schedule, instant: Date, timeZone: string, closingSoonMinutes = 30): Status {
  const now = +instant;
  const w = wallAt(now, timeZone);
  const midnight = w - (w % DAY);
  // In the hour a fall-back repeats, the first instant showing a wall time may be behind us.
  const at = (wall: number) => {
    const t = instantOf(wall, timeZone);
    return t > now ? t : wall - (w - now);
  };
  const today = hoursOn(s, iso(midnight));
  let a0 = -Infinity;
  let b0 = -Infinity;
  let next: number | undefined;
  scan: for (let i = -1; i < 100; i++) {
    const day = midnight + i * DAY;
    for (const [from, to] of i ? hoursOn(s, iso(day)).ranges : today.ranges) {
      const a = day + from * MIN;
      const b = day + to * MIN;
      if (a <= b0) {
        b0 = Math.max(b0, b);
        continue;
      }
      if (a0 <= w && w < b0) {
        next = b0;
        break scan;
      }
      if (a > w) {
        next = a;
        break scan;
      }
      a0 = a;
      b0 = b;
    }
  }
  // Still open at the end of the scan: open all the time, as far as anyone can tell.
  const open = a0 <= w && w < b0;
  const change = next === undefined ? Infinity : at(next);
  const soonFrom = change - closingSoonMinutes * MIN;
  const closingSoon = open && now >= soonFrom;
  return {
    open,
    nextChange: next === undefined ? null : new Date(change),
    closingSoon,
    exception: today.exception,
    today,
    recheckAt: new Date(Math.min(change, open && !closingSoon ? soonFrom : Infinity, at(midnight + DAY))),
  };
}

/** Consecutive weekdays with the same hours, for a compact table: Monday–Friday, Saturday–Sunday. */
export function groupWeek(week: Week): { from: number; to: number; ranges: Range[] }[] {
  const out: { from: number; to: number; ranges: Range[] }[] = [];
  week.forEach((ranges, d) => {
    const last = out[out.length - 1];
    if (last && String(last.ranges) === String(ranges)) last.to = d;
    else out.push({ from: d, to: d, ranges });
  });
  return out;
}
