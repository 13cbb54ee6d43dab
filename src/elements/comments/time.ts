/**
 * When a comment was written, in words: "March 3, 2026 · 2 days ago" ("3 de marzo de 2026 ·
 * hace 2 días"). The two Intl formatters are made once per language for the page: making them
 * costs more than formatting a hundred dates.
 */

/** Each unit with its length in seconds, longest first; under a minute it says seconds. */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 31536e3],
  ['month', 2592e3],
  ['day', 864e2],
  ['hour', 3600],
  ['minute', 60],
];

const made = new Map<string, [Intl.DateTimeFormat, Intl.RelativeTimeFormat]>();

/** The formatters for the language `tag`, made at the first call (the element makes them before the comments come). */
export function formatters(tag: string): [Intl.DateTimeFormat, Intl.RelativeTimeFormat] {
  let f = made.get(tag);
  if (!f) made.set(tag, (f = [new Intl.DateTimeFormat(tag, { dateStyle: 'long' }), new Intl.RelativeTimeFormat(tag, { numeric: 'auto' })]));
  return f;
}

/** The date and how long ago, in the language `tag`; "" when `iso` is no date. */
export function writtenAt(iso: string, tag: string, now = Date.now()): string {
  const at = Date.parse(iso);
  if (!at) return '';
  const f = formatters(tag);
  const s = (at - now) / 1000;
  const [unit, size] = UNITS.find(([, n]) => Math.abs(s) >= n) ?? ['second', 1];
  return `${f[0].format(at)} · ${f[1].format(Math.round(s / size), unit)}`;
}
