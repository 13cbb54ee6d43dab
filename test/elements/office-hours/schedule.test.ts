import { expect } from '@open-wc/testing';
import {
  groupWeek,
  hoursOn,
  parseExceptions,
  parseHours,
  scheduleFromProfile,
  statusAt,
  type Schedule,
  type Week,
} from '../../../src/elements/office-hours/schedule.js';

const LA = 'America/Los_Angeles';
const closed: Week = [[], [], [], [], [], [], []];
const week = (days: Record<number, [number, number][]>): Week => closed.map((d, i) => days[i] ?? d);
const nine5: [number, number] = [540, 1020];
const schedule = (hours: string, exceptions = ''): Schedule => ({ week: parseHours(hours), exceptions: exceptions ? parseExceptions(exceptions) : [] });
const iso = (d: Date | null) => d && d.toISOString();

describe('schedule: parseHours', () => {
  const cases: [string, string, Week][] = [
    ['one day', 'Mo 09:00-17:00', week({ 0: [nine5] })],
    ['a day range', 'Mo-Fr 09:00-17:00', week({ 0: [nine5], 1: [nine5], 2: [nine5], 3: [nine5], 4: [nine5] })],
    ['a wrapping day range', 'Fr-Mo 10:00-14:00', week({ 4: [[600, 840]], 5: [[600, 840]], 6: [[600, 840]], 0: [[600, 840]] })],
    ['a day list', 'Mo,We,Fr 09:00-17:00', week({ 0: [nine5], 2: [nine5], 4: [nine5] })],
    ['a list of ranges and days', 'Mo-Tu,Th 09:00-17:00', week({ 0: [nine5], 1: [nine5], 3: [nine5] })],
    ['several ranges a day, sorted', 'Tu 13:00-17:00,09:00-12:00', week({ 1: [[540, 720], [780, 1020]] })],
    ['spaces around dashes and commas', 'Mo - We 09:00 - 12:00, 13:00 - 17:00', week({ 0: [[540, 720], [780, 1020]], 1: [[540, 720], [780, 1020]], 2: [[540, 720], [780, 1020]] })],
    ['off and closed', 'Mo-Fr 09:00-17:00; We off; Fr closed', week({ 0: [nine5], 1: [nine5], 3: [nine5] })],
    ['all day', 'Sa 00:00-24:00', week({ 5: [[0, 1440]] })],
    ['past midnight', 'Fr 22:00-02:00', week({ 4: [[1320, 1560]] })],
    ['a later rule replaces an earlier one', 'Mo-Fr 09:00-17:00; Fr 09:00-13:00', week({ 0: [nine5], 1: [nine5], 2: [nine5], 3: [nine5], 4: [[540, 780]] })],
    ['long day names, any case, one-digit hours', 'monday-Tuesday 9:00-17:00', week({ 0: [nine5], 1: [nine5] })],
    ['a trailing semicolon', 'Sa 10:00-14:00;', week({ 5: [[600, 840]] })],
    ['seconds', 'Su 10:00:00-14:00:00', week({ 6: [[600, 840]] })],
  ];
  for (const [name, text, expected] of cases) {
    it(`reads ${name}: "${text}"`, () => expect(parseHours(text)).to.deep.equal(expected));
  }

  const bad: [string, string, string][] = [
    ['an unknown day', 'Mo-Fr 09:00-17:00; Mx 10:00-12:00', "rule 2: unknown day 'Mx'"],
    ['an hour past 24', 'Mo 09:00-25:00', "rule 1: bad time '25:00'"],
    ['minutes past 59', 'Mo 09:60-17:00', "rule 1: bad time '09:60'"],
    ['24:00 as a start', 'Mo 24:00-02:00', "rule 1: bad time '24:00'"],
    ['a missing dash', 'Mo 09:00 17:00', "rule 1: missing dash '09:00'"],
    ['an empty rule', 'Mo 09:00-17:00;; Tu off', 'rule 2: empty rule'],
    ['an empty text', '', 'rule 1: empty rule'],
    ['stray text', 'Mo 09:00-17:00 weekdays', "rule 1: stray text 'weekdays'"],
    ['a time that is not one', 'Mo 9am-5pm', "rule 1: bad time '9am'"],
    ['days with no hours', 'Sa; Mo 09:00-12:00', "rule 1: no hours after 'Sa'"],
    ['hours with no days', '10:00-16:00', "rule 1: unknown day '10:00'"],
    ['three days in a range', 'Mo-We-Fr 09:00-17:00', "rule 1: unknown day 'Mo-We-Fr'"],
  ];
  for (const [name, text, message] of bad) {
    it(`names the rule and the token for ${name}`, () => {
      let error: unknown;
      try {
        parseHours(text);
      } catch (e) {
        error = e;
      }
      expect((error as Error).message).to.equal(message);
    });
  }
});

describe('schedule: parseExceptions', () => {
  it('reads dates, date spans, hours and labels', () => {
    expect(parseExceptions('2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00; 2026-12-28..2026-12-31 closed')).to.deep.equal([
      { from: '2026-12-25', to: '2026-12-25', ranges: [], label: 'Christmas Day' },
      { from: '2026-12-24', to: '2026-12-24', ranges: [[540, 720]], label: undefined },
      { from: '2026-12-28', to: '2026-12-31', ranges: [], label: undefined },
    ]);
  });

  it('takes a date with only a label as closed, and curly quotes', () => {
    expect(parseExceptions('2026-07-03 “Independence Day”')).to.deep.equal([{ from: '2026-07-03', to: '2026-07-03', ranges: [], label: 'Independence Day' }]);
  });

  for (const [text, message] of [
    ['2026-13-01 closed', "rule 1: bad date '2026-13-01'"],
    ['2026-02-30 closed', "rule 1: bad date '2026-02-30'"],
    ['2026-12-25 closed; 2026-12-31..2026-12-28 closed', "rule 2: bad date '2026-12-31..2026-12-28'"],
    ['Dec 25 closed', "rule 1: bad date 'Dec'"],
    ['2026 closed', "rule 1: bad date '2026'"],
    ['2026-1-05 closed', "rule 1: bad date '2026-1-05'"],
    ['12/25/2026 closed', "rule 1: bad date '12/25/2026'"],
    ['2026-12-24 09:00-1200', "rule 1: bad time '1200'"],
    ['2026-12-24 9 to 12', "rule 1: missing dash '9'"],
  ]) {
    it(`rejects "${text}"`, () => expect(() => parseExceptions(text)).to.throw(message));
  }
});

describe('schedule: hoursOn and exceptions', () => {
  const s = schedule('Mo-Fr 09:00-17:00', '2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00; 2026-12-28..2026-12-31 closed; 2026-12-30 10:00-11:00 "Open for filings"');
  const cases: [string, [number, number][], string | undefined][] = [
    ['2026-12-23', [nine5], undefined],
    ['2026-12-24', [[540, 720]], undefined],
    ['2026-12-25', [], 'Christmas Day'],
    ['2026-12-26', [], undefined],
    ['2026-12-29', [], undefined],
    ['2026-12-30', [[600, 660]], 'Open for filings'],
    ['2027-01-01', [nine5], undefined],
  ];
  for (const [date, ranges, label] of cases) {
    it(`gives ${date} its hours`, () => {
      const day = hoursOn(s, date);
      expect(day.ranges).to.deep.equal(ranges);
      expect(day.exception?.label).to.equal(label);
    });
  }
  it('says which exception is in force', () => {
    expect(hoursOn(s, '2026-12-29').exception).to.deep.include({ from: '2026-12-28', to: '2026-12-31' });
    expect(hoursOn(s, '2026-12-23').exception).to.equal(undefined);
  });
});

describe('schedule: statusAt', () => {
  type Row = [string, string, string, boolean, string | null, boolean?];
  const run = (rows: Row[], s: Schedule, zone = LA) => {
    for (const [name, at, , open, next, soon = false] of rows) {
      it(`${name} (${at})`, () => {
        const status = statusAt(s, new Date(at), zone);
        expect([status.open, iso(status.nextChange), status.closingSoon]).to.deep.equal([open, next, soon]);
      });
    }
  };

  describe('a weekday office in Los Angeles', () => {
    const s = schedule('Mo-Fr 09:00-12:00,13:00-17:00');
    run(
      [
        ['before opening on Monday', '2026-01-05T16:59:00Z', '08:59 PST', false, '2026-01-05T17:00:00.000Z'],
        ['at opening', '2026-01-05T17:00:00Z', '09:00 PST', true, '2026-01-05T20:00:00.000Z'],
        ['in the lunch break', '2026-01-05T20:30:00Z', '12:30 PST', false, '2026-01-05T21:00:00.000Z'],
        ['closing soon', '2026-01-06T00:31:00Z', '16:31 PST', true, '2026-01-06T01:00:00.000Z', true],
        ['at closing', '2026-01-06T01:00:00Z', '17:00 PST', false, '2026-01-06T17:00:00.000Z'],
        ['on Friday evening, till Monday', '2026-01-10T02:00:00Z', 'Fri 18:00 PST', false, '2026-01-12T17:00:00.000Z'],
      ],
      s,
    );
  });

  describe('DST starts in Los Angeles on 2026-03-08', () => {
    const s = schedule('Mo-Su 09:00-17:00; Sa 22:00-04:00; Su 01:00-02:30,09:00-17:00');
    run(
      [
        ['Saturday night, before the clocks jump', '2026-03-08T09:30:00Z', 'Sun 01:30 PST', true, '2026-03-08T11:00:00.000Z'],
        ['just after the jump, the night shift runs to 04:00 PDT', '2026-03-08T10:30:00Z', 'Sun 03:30 PDT', true, '2026-03-08T11:00:00.000Z', true],
        ['Sunday morning opens at 09:00 PDT', '2026-03-08T12:00:00Z', 'Sun 05:00 PDT', false, '2026-03-08T16:00:00.000Z'],
        ['Sunday closes at 17:00 PDT', '2026-03-08T23:59:00Z', 'Sun 16:59 PDT', true, '2026-03-09T00:00:00.000Z', true],
      ],
      s,
    );
  });

  describe('a range ending in the skipped hour', () => {
    it('changes at the first instant after the jump', () => {
      const s = schedule('Su 02:30-05:00');
      const status = statusAt(s, new Date('2026-03-08T08:00:00Z'), LA);
      expect(iso(status.nextChange)).to.equal('2026-03-08T10:00:00.000Z');
      expect(statusAt(s, new Date('2026-03-08T10:00:00Z'), LA).open).to.be.true;
    });
  });

  describe('DST ends in Los Angeles on 2026-11-01', () => {
    const s = schedule('Mo-Su 09:00-17:00; Sa 09:00-17:00,22:00-03:00');
    run(
      [
        ['Saturday night, 01:30 for the first time', '2026-11-01T08:30:00Z', 'Sun 01:30 PDT', true, '2026-11-01T11:00:00.000Z'],
        ['Saturday night, 01:30 again', '2026-11-01T09:30:00Z', 'Sun 01:30 PST', true, '2026-11-01T11:00:00.000Z'],
        ['Sunday morning opens at 09:00 PST', '2026-11-01T12:00:00Z', 'Sun 04:00 PST', false, '2026-11-01T17:00:00.000Z'],
        ['Saturday opens at 09:00 PDT', '2026-10-31T15:00:00Z', 'Sat 08:00 PDT', false, '2026-10-31T16:00:00.000Z'],
      ],
      s,
    );
    it('never gives a next change behind the instant in the repeated hour', () => {
      const s2 = schedule('Sa 22:00-01:30');
      const status = statusAt(s2, new Date('2026-11-01T09:10:00Z'), LA);
      expect(status.open).to.be.true;
      expect(+status.nextChange!).to.be.greaterThan(Date.parse('2026-11-01T09:10:00Z'));
    });
  });

  describe('past midnight', () => {
    const s = schedule('Fr 22:00-02:00; Sa 01:00-03:00');
    run(
      [
        ['Friday night', '2026-01-10T07:00:00Z', 'Fri 23:00 PST', true, '2026-01-10T11:00:00.000Z'],
        ['Saturday 01:30 belongs to Friday and joins Saturday', '2026-01-10T09:30:00Z', 'Sat 01:30 PST', true, '2026-01-10T11:00:00.000Z'],
        ['Friday afternoon', '2026-01-09T20:00:00Z', 'Fri 12:00 PST', false, '2026-01-10T06:00:00.000Z'],
      ],
      s,
    );
  });

  describe('exceptions over weekly hours', () => {
    const s = schedule('Mo-Fr 09:00-17:00', '2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00');
    run(
      [
        ['Christmas Eve closes early', '2026-12-24T19:45:00Z', 'Thu 11:45 PST', true, '2026-12-24T20:00:00.000Z', true],
        ['Christmas Day is closed, opens Monday', '2026-12-25T18:00:00Z', 'Fri 10:00 PST', false, '2026-12-28T17:00:00.000Z'],
      ],
      s,
    );
    it('reports the exception in force', () => {
      const status = statusAt(s, new Date('2026-12-25T18:00:00Z'), LA);
      expect(status.today.exception?.label).to.equal('Christmas Day');
      expect(status.today).to.deep.include({ date: '2026-12-25', ranges: [] });
    });
  });

  describe('an office 12 hours from the browser (Pacific/Auckland, NZDT +13)', () => {
    const s = schedule('Mo-Fr 09:00-17:00');
    run(
      [
        // 2026-01-05 14:00 in New York (Monday) is Tuesday 08:00 in Auckland.
        ['Tuesday morning there, Monday afternoon here', '2026-01-05T19:00:00Z', 'Tue 08:00 NZDT', false, '2026-01-05T20:00:00.000Z'],
        ['Friday afternoon there, Thursday night here', '2026-01-09T03:00:00Z', 'Fri 16:00 NZDT', true, '2026-01-09T04:00:00.000Z'],
        ['Saturday there, Friday here', '2026-01-09T18:00:00Z', 'Sat 07:00 NZDT', false, '2026-01-11T20:00:00.000Z'],
      ],
      s,
      'Pacific/Auckland',
    );
    it('uses the office date, not the browser date', () => {
      expect(statusAt(s, new Date('2026-01-09T18:00:00Z'), 'Pacific/Auckland').today.date).to.equal('2026-01-10');
    });
  });

  it('is open all the time with no next change for 00:00-24:00 every day', () => {
    const status = statusAt(schedule('Mo-Su 00:00-24:00'), new Date('2026-03-08T10:00:00Z'), LA);
    expect([status.open, status.nextChange, status.closingSoon]).to.deep.equal([true, null, false]);
  });

  it('is closed with no next change when never open', () => {
    const status = statusAt(schedule('Mo-Su off'), new Date('2026-03-08T10:00:00Z'), LA);
    expect([status.open, status.nextChange]).to.deep.equal([false, null]);
  });

  it('honours the closing-soon window', () => {
    const s = schedule('Mo-Fr 09:00-17:00');
    expect(statusAt(s, new Date('2026-01-06T00:15:00Z'), LA, 10).closingSoon).to.be.false;
    expect(statusAt(s, new Date('2026-01-06T00:15:00Z'), LA, 60).closingSoon).to.be.true;
  });

  it('asks to be checked again when closing soon starts, at the change and at the office midnight', () => {
    const s = schedule('Mo-Fr 09:00-17:00');
    expect(iso(statusAt(s, new Date('2026-01-05T18:00:00Z'), LA).recheckAt)).to.equal('2026-01-06T00:30:00.000Z');
    expect(iso(statusAt(s, new Date('2026-01-06T00:40:00Z'), LA).recheckAt)).to.equal('2026-01-06T01:00:00.000Z');
    // Friday night: the next change is Monday, but "opens Monday" becomes "opens tomorrow" at midnight.
    expect(iso(statusAt(s, new Date('2026-01-10T02:00:00Z'), LA).recheckAt)).to.equal('2026-01-10T08:00:00.000Z');
  });

  it('throws a RangeError for an unknown time zone', () => {
    expect(() => statusAt(schedule('Mo 09:00-17:00'), new Date(), 'Mars/Olympus')).to.throw(RangeError);
  });
});

describe('schedule: scheduleFromProfile', () => {
  it('reads openingHours text', () => {
    const s = scheduleFromProfile({ openingHours: 'Mo-Fr 09:00-17:00; Sa 10:00-14:00' });
    expect(s.week[5]).to.deep.equal([[600, 840]]);
    expect(s.exceptions).to.deep.equal([]);
  });

  it('reads openingHoursSpecification with day names, schema.org URLs and split shifts', () => {
    const s = scheduleFromProfile({
      openingHoursSpecification: [
        { dayOfWeek: ['Monday', 'https://schema.org/Tuesday'], opens: '09:00', closes: '12:00' },
        { dayOfWeek: 'http://schema.org/Monday', opens: '13:00:00', closes: '17:00:00' },
        { dayOfWeek: 'Saturday', opens: '00:00', closes: '23:59' },
      ],
    });
    expect(s.week).to.deep.equal(week({ 0: [[540, 720], [780, 1020]], 1: [[540, 720]], 5: [[0, 1440]] }));
  });

  it('turns validity dates and special hours into exceptions, and adds the given ones', () => {
    const s = scheduleFromProfile(
      {
        openingHours: 'Mo-Fr 09:00-17:00',
        openingHoursSpecification: [{ dayOfWeek: 'Friday', opens: '09:00', closes: '13:00', validFrom: '2026-06-01', validThrough: '2026-08-31' }],
        specialOpeningHoursSpecification: [
          { validFrom: '2026-12-25', validThrough: '2026-12-25', opens: '00:00', closes: '00:00', name: 'Christmas Day' },
          { validFrom: '2026-12-24T00:00:00-08:00', opens: '09:00', closes: '12:00' },
        ],
      },
      parseExceptions('2027-01-01 closed'),
    );
    expect(hoursOn(s, '2026-07-03').ranges).to.deep.equal([[540, 780]]); // a summer Friday
    expect(hoursOn(s, '2026-07-02').ranges).to.deep.equal([nine5]); // a summer Thursday
    expect(hoursOn(s, '2026-12-25')).to.deep.include({ ranges: [] });
    expect(hoursOn(s, '2026-12-25').exception?.label).to.equal('Christmas Day');
    expect(hoursOn(s, '2026-12-24').ranges).to.deep.equal([[540, 720]]);
    expect(hoursOn(s, '2027-01-01').ranges).to.deep.equal([]);
  });

  it('says so when the profile has no weekly hours', () => {
    expect(() => scheduleFromProfile({})).to.throw('no hours in the JSON-LD');
    expect(() => scheduleFromProfile({ specialOpeningHoursSpecification: [{ validFrom: '2026-12-25', opens: '00:00', closes: '00:00' }] })).to.throw('no hours');
  });

  it('names the entry with an unknown day', () => {
    expect(() => scheduleFromProfile({ openingHoursSpecification: [{ dayOfWeek: 'Monday', opens: '09:00', closes: '17:00' }, { dayOfWeek: 'Funday', opens: '09:00', closes: '17:00' }] })).to.throw("rule 2: unknown day 'Funday'");
  });
});

describe('schedule: groupWeek', () => {
  it('groups consecutive days with the same hours', () => {
    const groups = groupWeek(parseHours('Mo-Fr 09:00-17:00; We 09:00-12:00; Sa-Su off'));
    expect(groups.map((g) => [g.from, g.to, g.ranges.length])).to.deep.equal([
      [0, 1, 1],
      [2, 2, 1],
      [3, 4, 1],
      [5, 6, 0],
    ]);
  });
});
