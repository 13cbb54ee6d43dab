import { expect, fixture, html, nextFrame } from '@open-wc/testing';
import sinon from 'sinon';
import '../../../src/elements/office-hours/office-hours.js';
import type { FirmHoursChangeEvent, FirmOfficeHours } from '../../../src/elements/office-hours/office-hours.js';
import { pm, watchWarnings } from '../../page.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u202f\u00a0]/g, ' ').replace(/\s+/g, ' ').trim();
const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part=${name}]`) as HTMLElement | null;
const text = (el: Element, name: string) => plain(part(el, name)?.textContent);
const rows = (el: Element) => [...el.shadowRoot!.querySelectorAll('tr')].map((r) => plain(r.textContent));
const live = (el: Element) => plain(el.shadowRoot!.querySelector('[role=status]')!.textContent);
const LA = 'America/Los_Angeles';
/** The message Intl itself gives, which the warning passes on ("Invalid time zone specified: …" in Chromium). */
const intlSays = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('<firm-office-hours>', () => {
  const warnings = watchWarnings();
  beforeEach(() => (document.documentElement.lang = 'en'));
  afterEach(() => (document.documentElement.lang = 'en'));

  describe('week layout', () => {
    it('groups the week, marks today, and says the status with the office zone', async () => {
      // Wednesday 10:00 in Los Angeles.
      const el = await fixture<FirmOfficeHours>(
        html`<firm-office-hours hours="Mo-Fr 09:00-17:00; Sa 10:00-14:00" timezone=${LA} now="2026-01-07T10:00:00-08:00"></firm-office-hours>`,
      );
      expect(text(el, 'status')).to.equal('Open now · closes at 5:00 PM PST');
      expect(rows(el)).to.deep.equal(['Monday – Friday 9:00 AM – 5:00 PM', 'Saturday 10:00 AM – 2:00 PM', 'Sunday Closed']);
      const current = el.shadowRoot!.querySelectorAll('[aria-current=date]');
      expect(current).to.have.length(1);
      expect(plain(current[0].textContent)).to.contain('Monday – Friday');
      expect(part(el, 'table')!.getAttribute('aria-label')).to.equal('Office hours');
      expect(el.open).to.be.true;
      expect(el.hasAttribute('open')).to.be.true;
      await expect(el).to.be.accessible();
    });

    it('lists the exceptions of the coming 14 days and explains a holiday closing', async () => {
      const el = await fixture<FirmOfficeHours>(
        html`<firm-office-hours
          hours="Mo-Fr 09:00-17:00"
          timezone=${LA}
          exceptions='2026-12-31 09:00-12:00 "New Year&apos;s Eve"; 2026-12-25 closed "Christmas Day"; 2026-12-24 09:00-12:00; 2026-12-28..2026-12-30 closed; 2027-01-08 closed "Too far"'
          now="2026-12-25T10:00:00-08:00"
        ></firm-office-hours>`,
      );
      expect(text(el, 'status')).to.equal('Closed today for Christmas Day · opens Thursday at 9:00 AM PST');
      const items = [...part(el, 'exceptions')!.querySelectorAll('li')].map((li) => plain(li.textContent));
      expect(items).to.deep.equal([
        'Friday, December 25 · Closed · Christmas Day',
        'Monday, December 28 – Wednesday, December 30 · Closed',
        "Thursday, December 31 · 9:00 AM – 12:00 PM · New Year's Eve",
      ]);
      expect(el.open).to.be.false;
      expect(el.hasAttribute('open')).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('gives no zone name when the visitor shares the office clock', async () => {
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours hours="Mo-Fr 09:00-17:00" timezone="America/New_York" now="2026-01-07T16:45:00-05:00"></firm-office-hours>`);
      expect(text(el, 'status')).to.equal('Closing soon · closes at 5:00 PM');
      await expect(el).to.be.accessible();
    });

    it('speaks Spanish', async () => {
      const el = await fixture<FirmOfficeHours>(
        html`<firm-office-hours lang="es" hours="Mo-Fr 09:00-17:00; Sa-Su off" timezone=${LA} now="2026-01-10T10:00:00-08:00"></firm-office-hours>`,
      );
      expect(text(el, 'status')).to.equal('Cerrado · abre el lunes a las 9:00 GMT-8');
      expect(rows(el)).to.deep.equal(['Lunes – viernes 9:00 – 17:00', 'Sábado – domingo Cerrado']);
      expect(part(el, 'table')!.getAttribute('aria-label')).to.equal('Horario de atención');
      await expect(el).to.be.accessible();
    });
  });

  describe('today layout', () => {
    it("shows today's hours and the status, in both languages", async () => {
      const el = await fixture<FirmOfficeHours>(
        html`<firm-office-hours layout="today" hours="Mo-Fr 09:00-12:00,13:00-17:00" timezone="America/New_York" now="2026-01-07T12:30:00-05:00"></firm-office-hours>`,
      );
      expect(text(el, 'status')).to.equal('Closed · opens today at 1:00 PM');
      expect(text(el, 'today')).to.equal('Today · 9:00 AM – 12:00 PM, 1:00 PM – 5:00 PM');
      expect(part(el, 'table')).to.equal(null);
      await expect(el).to.be.accessible();
      el.lang = 'es';
      await nextFrame();
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Cerrado · abre hoy a las 13:00');
      expect(text(el, 'today')).to.equal('Hoy · 9:00 – 12:00, 13:00 – 17:00');
      expect(live(el)).to.equal('', 'a language switch is not announced');
      await expect(el).to.be.accessible();
    });
  });

  describe('status layout', () => {
    it('shows the status alone, on one line, in both languages', async () => {
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours layout="status" hours="Mo-Fr 09:00-17:00" timezone="America/New_York" now="2026-01-07T20:00:00-05:00"></firm-office-hours>`);
      expect(text(el, 'status')).to.equal('Closed · opens tomorrow at 9:00 AM');
      expect(el.shadowRoot!.querySelectorAll('table, [part=today]')).to.have.length(0);
      expect(getComputedStyle(el).display).to.equal('inline-block');
      await expect(el).to.be.accessible();
      const es = await fixture<FirmOfficeHours>(html`<div lang="es-US"><firm-office-hours layout="status" hours="Mo-Fr 09:00-17:00" timezone="America/New_York" now="2026-01-07T16:50:00-05:00"></firm-office-hours></div>`);
      const inner = es.querySelector('firm-office-hours')!;
      // fixture() waits for the <div>, not for the element inside it (WebKit renders it later).
      await inner.updateComplete;
      expect(text(inner, 'status')).to.equal(`Cierra pronto · cierra a las 5:00 ${plain(pm('es-US'))}`);
      await expect(inner).to.be.accessible();
    });
  });

  describe('attributes', () => {
    it('follows `now`, `hour-cycle` and `closing-soon`', async () => {
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours hours="Mo-Fr 09:00-17:00" timezone="America/New_York" now="2026-01-07T16:00:00-05:00"></firm-office-hours>`);
      expect(text(el, 'status')).to.equal('Open now · closes at 5:00 PM');
      el.closingSoon = 90;
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Closing soon · closes at 5:00 PM');
      el.hourCycle = 'h23';
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Closing soon · closes at 17:00');
      el.now = '2026-01-07T08:00:00-05:00';
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Closed · opens today at 09:00');
      expect(el.hasAttribute('open')).to.be.false;
      expect(live(el)).to.equal('', 'attribute changes are not announced');
    });

    it('reads hours and the zone from the page JSON-LD when it has no attributes', async () => {
      const s = document.createElement('script');
      s.type = 'application/ld+json';
      s.textContent = JSON.stringify({
        '@type': 'LegalService',
        name: 'F',
        openingHoursSpecification: [{ dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'], opens: '08:30', closes: '16:30' }],
        specialOpeningHoursSpecification: [{ validFrom: '2026-01-07', validThrough: '2026-01-07', opens: '00:00', closes: '00:00', name: 'Staff training' }],
        timeZone: 'America/Chicago',
      });
      document.head.append(s);
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours now="2026-01-07T10:00:00-06:00"></firm-office-hours>`);
      expect(text(el, 'status')).to.equal('Closed today for Staff training · opens tomorrow at 8:30 AM CST');
      expect(rows(el)[0]).to.equal('Monday – Friday 8:30 AM – 4:30 PM');
    });

    it('defaults to the browser zone', async () => {
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours hours="Mo-Fr 09:00-17:00" now="2026-01-07T14:00:00Z"></firm-office-hours>`);
      expect(text(el, 'status')).to.equal('Open now · closes at 5:00 PM');
    });
  });

  describe('bad configuration', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['an unknown day', { hours: 'Mo-Fr 09:00-17:00; Mx 10:00-12:00' }, `<firm-office-hours> hours="Mo-Fr 09:00-17:00; Mx 10:00-12:00": rule 2: unknown day 'Mx'`],
      ['an hour past 24', { hours: 'Mo 09:00-25:00' }, `<firm-office-hours> hours="Mo 09:00-25:00": rule 1: bad time '25:00'`],
      ['a bad exception', { hours: 'Mo 09:00-17:00', exceptions: '2026-13-01 closed' }, `<firm-office-hours> exceptions="2026-13-01 closed": rule 1: bad date '2026-13-01'`],
      ['an unknown time zone', { hours: 'Mo 09:00-17:00', timezone: 'Mars/Olympus' }, `<firm-office-hours> timezone="Mars/Olympus": ${intlSays(() => new Intl.DateTimeFormat('en', { timeZone: 'Mars/Olympus' }))}`],
      ['no hours anywhere', {}, '<firm-office-hours> hours="": no hours in the JSON-LD'],
    ];
    for (const [name, attrs, warning] of cases) {
      it(`keeps the fallback and warns once for ${name}`, async () => {
        const el = document.createElement('firm-office-hours');
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        el.innerHTML = '<p>Mon–Fri 9–5</p>';
        await fixture(el);
        el.requestUpdate();
        await el.updateComplete;
        expect(el.shadowRoot!.querySelector('slot')).to.exist;
        expect(part(el, 'status')).to.equal(null);
        expect(el.textContent).to.equal('Mon–Fri 9–5');
        expect(warnings.filter((w) => w === warning)).to.have.length(1);
        await expect(el).to.be.accessible();
      });
    }

    it('warns about a bad layout, hour cycle, closing-soon and now, and still renders', async () => {
      const el = await fixture<FirmOfficeHours>(
        html`<firm-office-hours hours="Mo-Fr 09:00-17:00" layout="grid" hour-cycle="h25" closing-soon="soon" now="yesterday"></firm-office-hours>`,
      );
      expect(part(el, 'table')).to.exist;
      for (const attr of ['layout="grid"', 'hour-cycle="h25"', 'closing-soon="NaN"', 'now="yesterday"']) {
        expect(warnings.filter((w) => w.includes(attr)), attr).to.have.length(1);
      }
    });
  });

  describe('the clock', () => {
    let clock: sinon.SinonFakeTimers;
    afterEach(() => clock?.restore());
    const fake = (iso: string) => (clock = sinon.useFakeTimers({ now: Date.parse(iso), toFake: ['setTimeout', 'clearTimeout', 'Date'] }));

    it('forgets an element removed before its first render (nothing keeps it alive)', async () => {
      const el = document.createElement('firm-office-hours');
      el.setAttribute('hours', 'Mo-Fr 09:00-17:00');
      const woken = sinon.spy(el, 'wake');
      document.body.append(el);
      el.remove();
      await el.updateComplete;
      // The page-wide clock rings everyone it holds when the tab is shown again.
      document.dispatchEvent(new Event('visibilitychange'));
      expect(woken.called).to.be.false;
    });

    it('flips exactly at the boundary, fires firm-hours-change and announces it', async () => {
      fake('2026-01-07T16:58:30Z'); // 08:58:30 in Los Angeles
      const events: FirmHoursChangeEvent[] = [];
      const wrap = await fixture(html`<div @firm-hours-change=${(e: FirmHoursChangeEvent) => events.push(e)}><firm-office-hours hours="Mo-Fr 09:00-17:00" timezone=${LA}></firm-office-hours></div>`);
      const el = wrap.querySelector('firm-office-hours')!;
      // fixture() waits for the <div>, not for the element inside it (WebKit renders it later).
      await el.updateComplete;
      expect(text(el, 'status')).to.equal('Closed · opens today at 9:00 AM PST');
      expect(events).to.have.length(0, 'not on first render');
      expect(live(el)).to.equal('');
      clock.tick(89_999);
      await el.updateComplete;
      expect(el.open).to.be.false;
      clock.tick(1);
      await el.updateComplete;
      expect(el.open).to.be.true;
      expect(events).to.have.length(1);
      expect(events[0].detail.open).to.be.true;
      expect(events[0].detail.nextChange!.toISOString()).to.equal('2026-01-08T01:00:00.000Z');
      // What the README promises, and nothing more (it once carried the whole status).
      expect(Object.keys(events[0].detail)).to.deep.equal(['open', 'nextChange']);
      expect(events[0].bubbles && events[0].composed).to.be.true;
      expect(live(el)).to.equal('Open now · closes at 5:00 PM PST');
      // Closing soon at 16:30 changes the words, not the open state.
      clock.tick(7.5 * 3600e3);
      await el.updateComplete;
      expect(live(el)).to.equal('Closing soon · closes at 5:00 PM PST');
      expect(events).to.have.length(1);
      clock.tick(30 * 60e3);
      await el.updateComplete;
      expect(events.map((e) => e.detail.open)).to.deep.equal([true, false]);
      expect(text(el, 'status')).to.equal('Closed · opens tomorrow at 9:00 AM PST');
      clock.restore(); // axe runs on timers
      await expect(el).to.be.accessible();
    });

    it('keeps one timer for every instance and none when the clock is pinned', async () => {
      fake('2026-01-07T12:00:00Z');
      const wrap = await fixture(html`<div>
        <firm-office-hours hours="Mo-Fr 09:00-17:00" timezone=${LA}></firm-office-hours>
        <firm-office-hours hours="Mo-Fr 08:00-18:00" timezone="Europe/Madrid"></firm-office-hours>
        <firm-office-hours hours="Mo-Su 00:00-24:00" timezone="Asia/Tokyo" layout="status"></firm-office-hours>
      </div>`);
      // fixture() waits for the <div>, not for the elements inside it (WebKit renders them later).
      await Promise.all([...wrap.children].map((el) => (el as FirmOfficeHours).updateComplete));
      expect(clock.countTimers()).to.equal(1);
      // The earliest change is Madrid's closing soon at 17:30 (16:30Z).
      clock.tick(4.5 * 3600e3 - 1);
      const madrid = wrap.children[1] as FirmOfficeHours;
      await madrid.updateComplete;
      expect(text(madrid, 'status')).to.equal('Open now · closes at 6:00 PM GMT+1');
      clock.tick(1);
      await madrid.updateComplete;
      expect(text(madrid, 'status')).to.equal('Closing soon · closes at 6:00 PM GMT+1');
      expect(clock.countTimers()).to.equal(1);
      wrap.remove();
      expect(clock.countTimers()).to.equal(0);
      await fixture(html`<firm-office-hours hours="Mo-Fr 09:00-17:00" now="2026-01-07T10:00:00Z"></firm-office-hours>`);
      expect(clock.countTimers()).to.equal(0);
    });

    it('catches up when a sleeping tab becomes visible', async () => {
      fake('2026-01-07T16:00:00Z');
      const el = await fixture<FirmOfficeHours>(html`<firm-office-hours hours="Mo-Fr 09:00-17:00" timezone=${LA}></firm-office-hours>`);
      expect(el.open).to.be.false;
      // The machine slept: the wall clock moved on, the timer did not ring.
      clock.setSystemTime(Date.parse('2026-01-07T18:00:00Z'));
      document.dispatchEvent(new Event('visibilitychange'));
      await el.updateComplete;
      expect(el.open).to.be.true;
      expect(text(el, 'status')).to.equal('Open now · closes at 5:00 PM PST');
    });
  });
});
