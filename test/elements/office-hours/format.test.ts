import { expect } from '@open-wc/testing';
import { days, rangesText, statusText, time, todayText, type Words } from '../../../src/elements/office-hours/format.js';
import { parseExceptions, parseHours, statusAt, type Schedule } from '../../../src/elements/office-hours/schedule.js';
import { strings } from '../../../src/elements/office-hours/strings.js';
import { pm } from '../../page.js';

// Intl puts a narrow no-break space before AM/PM and inside "p. m.", thin ones around range dashes; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0\u2009]/g, ' ');
const { en, es } = strings;
const LA = 'America/Los_Angeles';
const NY = 'America/New_York'; // the browser's zone in these tests

const s: Schedule = {
  week: parseHours('Mo-Fr 09:00-17:00'),
  exceptions: parseExceptions('2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-13:00 "Christmas Eve"'),
};
const words = (tag: string, hc?: 'h12' | 'h23'): Words => ({ tag, t: tag.startsWith('es') ? es : en, hc });
const sentence = (at: string, tag = 'en-US', zone = NY, hourCycle?: 'h12' | 'h23') => plain(statusText(words(tag, hourCycle), statusAt(s, new Date(at), zone), zone).join(''));

describe('format', () => {
  const rows: [string, string, string, string][] = [
    ['open', '2026-01-05T15:00:00Z', 'en-US', 'Open now · closes at 5:00 PM'],
    ['closing soon', '2026-01-05T21:45:00Z', 'en-US', 'Closing soon · closes at 5:00 PM'],
    ['closed, opens today', '2026-01-05T12:00:00Z', 'en-US', 'Closed · opens today at 9:00 AM'],
    ['closed, opens tomorrow', '2026-01-05T23:00:00Z', 'en-US', 'Closed · opens tomorrow at 9:00 AM'],
    ['closed, opens Monday', '2026-01-10T15:00:00Z', 'en-US', 'Closed · opens Monday at 9:00 AM'],
    ['closed for a holiday', '2026-12-25T15:00:00Z', 'en-US', 'Closed today for Christmas Day · opens Monday at 9:00 AM'],
    ['abierto', '2026-01-05T15:00:00Z', 'es', 'Abierto ahora · cierra a las 17:00'],
    ['cierra pronto', '2026-01-05T21:45:00Z', 'es', 'Cierra pronto · cierra a las 17:00'],
    ['abre hoy', '2026-01-05T12:00:00Z', 'es', 'Cerrado · abre hoy a las 9:00'],
    ['abre mañana', '2026-01-05T23:00:00Z', 'es', 'Cerrado · abre mañana a las 9:00'],
    ['abre el lunes', '2026-01-10T15:00:00Z', 'es', 'Cerrado · abre el lunes a las 9:00'],
    ['festivo', '2026-12-25T15:00:00Z', 'es', 'Cerrado hoy por Christmas Day · abre el lunes a las 9:00'],
    ['h12 Spanish, "a la 1"', '2026-12-24T17:00:00Z', 'es-US', `Abierto ahora · cierra a la 1:00 ${plain(pm('es-US'))}`],
  ];
  for (const [name, at, tag, expected] of rows) {
    it(`says "${expected}" (${name})`, () => expect(sentence(at, tag)).to.equal(expected));
  }

  it('names the office zone when the visitor is elsewhere', () => {
    expect(sentence('2026-01-05T18:00:00Z', 'en-US', LA)).to.equal('Open now · closes at 5:00 PM PST');
    expect(plain(time(words('es'), new Date('2026-07-06T00:00:00Z'), LA))).to.equal('17:00 GMT-7');
    expect(plain(time(words('en-US'), new Date('2026-01-05T22:00:00Z'), NY))).to.equal('5:00 PM');
  });

  it('says a date when the next opening is a week away or more', () => {
    const far: Schedule = { week: parseHours('Mo-Fr 09:00-17:00'), exceptions: parseExceptions('2026-12-21..2027-01-01 closed') };
    const [, rest] = statusText(words('en-US'), statusAt(far, new Date('2026-12-21T15:00:00Z'), NY), NY);
    expect(plain(rest)).to.equal(' · opens January 4 at 9:00 AM');
    expect(statusText(words('es'), statusAt(far, new Date('2026-12-21T15:00:00Z'), NY), NY)[1]).to.equal(' · abre el 4 de enero a las 9:00');
  });

  it('follows the hour cycle it is given', () => {
    expect(sentence('2026-01-05T15:00:00Z', 'en-US', NY, 'h23')).to.equal('Open now · closes at 17:00');
    expect(sentence('2026-01-05T15:00:00Z', 'es', NY, 'h12')).to.equal('Abierto ahora · cierra a las 5:00 p. m.');
    expect(plain(time(words('en-US'), new Date('2026-01-05T22:00:00Z'), NY))).to.equal('5:00 PM');
  });

  it('writes wall times, day names and a day of hours', () => {
    expect([days(words('en-US'), 0), days(words('es'), 6), days(words('en-US'), 4), days(words('es'), 0, 4)].map(plain)).to.deep.equal(['Monday', 'Domingo', 'Friday', 'Lunes – viernes']);
    expect(plain(time(words('en-US'), 1560))).to.equal('2:00 AM');
    expect(plain(rangesText(words('en-US'), [[540, 720], [780, 1020]]))).to.equal('9:00 AM – 12:00 PM, 1:00 PM – 5:00 PM');
    expect(plain(rangesText(words('en-US', 'h23'), [[1320, 1560]])), 'past midnight').to.equal('22:00 – 02:00');
    expect(rangesText(words('es'), [[0, 1440]])).to.equal('Abierto 24 horas');
    expect(rangesText(words('en-US'), [])).to.equal('Closed');
    const eve = statusAt(s, new Date('2026-12-24T15:00:00Z'), NY).today;
    expect(plain(todayText(words('en-US'), eve))).to.equal('Today · 9:00 AM – 1:00 PM · Christmas Eve');
    expect(todayText(words('es'), statusAt(s, new Date('2026-01-10T15:00:00Z'), NY).today)).to.equal('Hoy · Cerrado');
  });
});
