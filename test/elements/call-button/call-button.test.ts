import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { jsonLd, viewport, watchWarnings } from '../../page.js';
import '../../../src/elements/call-button/call-button.js';
import type { FirmCallButton } from '../../../src/elements/call-button/call-button.js';

const link = (el: Element) => el.shadowRoot!.querySelector('a[part=button]') as HTMLAnchorElement | null;
const box = (el: Element) => link(el)!.getBoundingClientRect();
const frame = () => new Promise((r) => requestAnimationFrame(r));

// Monday 2 March 2026 in Los Angeles (PST): 10:00 and 18:00.
const MORNING = '2026-03-02T18:00:00Z';
const EVENING = '2026-03-03T02:00:00Z';
const HOURS = 'Mo-Fr 09:00-17:00';
const LA = 'America/Los_Angeles';

describe('<firm-call-button>', () => {
  const warnings = watchWarnings();
  before(() => viewport({ width: 390, height: 700 }));
  after(() => viewport({ width: 800, height: 600 }));

  it('is a real tel: link saying "Call Us Today!", floating at the bottom right', async () => {
    const el = await fixture<FirmCallButton>(html`<firm-call-button phone="(818) 788-8900 x12"></firm-call-button>`);
    const a = link(el)!;
    expect(a.getAttribute('href')).to.equal('tel:+18187888900;ext=12');
    expect(a.textContent!.trim()).to.equal('Call Us Today!');
    expect(getComputedStyle(a).position).to.equal('fixed');
    expect(innerWidth - box(el).right).to.be.closeTo(16, 1);
    expect(innerHeight - box(el).bottom).to.be.closeTo(16, 1);
    expect(box(el).height).to.be.at.least(44);
    // Room at the end of the page: its last line can scroll out from under the button.
    expect(el.getBoundingClientRect().height).to.equal(box(el).height + 32);
    await expect(el).to.be.accessible();
  });

  it('speaks Spanish, and takes its label from `label`', async () => {
    const es = await fixture<FirmCallButton>(html`<firm-call-button lang="es" phone="818-788-8900"></firm-call-button>`);
    expect(link(es)!.textContent!.trim()).to.equal('¡Llámenos hoy!');
    await expect(es).to.be.accessible();
    const own = await fixture<FirmCallButton>(html`<firm-call-button lang="es" label="Llame gratis" phone="818-788-8900"></firm-call-button>`);
    expect(link(own)!.textContent!.trim()).to.equal('Llame gratis');
  });

  it('takes the phone from the page\'s JSON-LD', async () => {
    jsonLd({ '@type': 'Attorney', name: 'Cho', telephone: '1-800-FLOWERS' });
    const el = await fixture<FirmCallButton>(html`<firm-call-button></firm-call-button>`);
    expect(link(el)!.getAttribute('href')).to.equal('tel:+18003569377');
  });

  it('sits bottom left, bottom center, or along the bottom as a bar the page can scroll out from under', async () => {
    const left = await fixture<FirmCallButton>(html`<firm-call-button position="bottom-left" phone="818-788-8900"></firm-call-button>`);
    expect(box(left).left).to.be.closeTo(16, 1);
    const center = await fixture<FirmCallButton>(html`<firm-call-button position="bottom-center" phone="818-788-8900"></firm-call-button>`);
    expect(box(center).left + box(center).width / 2).to.be.closeTo(innerWidth / 2, 1);
    const bar = await fixture<FirmCallButton>(html`<firm-call-button position="bar" phone="818-788-8900"></firm-call-button>`);
    expect(box(bar).width).to.equal(innerWidth);
    expect(box(bar).bottom).to.equal(innerHeight);
    expect(bar.getBoundingClientRect().height).to.equal(box(bar).height);
    await expect(bar).to.be.accessible();
    expect(warnings).to.deep.equal([]);
  });

  it('sits in the page\'s flow with position="inline", e.g. in a header', async () => {
    const wrap = await fixture<HTMLElement>(html`<p>Questions? <firm-call-button position="inline" phone="818-788-8900"></firm-call-button></p>`);
    const el = wrap.querySelector('firm-call-button')!;
    // fixture() waits for the <p>, not for the element inside it (Firefox renders it later than Chromium).
    await el.updateComplete;
    expect(getComputedStyle(link(el)!).position).to.equal('static');
    expect(box(el).top).to.be.closeTo(wrap.getBoundingClientRect().top, 12);
    expect(el.getBoundingClientRect().width).to.be.closeTo(box(el).width, 1);
    await expect(el).to.be.accessible();
  });

  it('stays a thumb-sized button whatever display the page gives it', async () => {
    // A theme's header rule (the demo's had one) turns the host into an inline-block; the pill
    // then shrank to the text's height (19 px) while its room stayed 48 px.
    for (const display of ['inline-block', 'block', 'inline']) {
      const wrap = await fixture<HTMLElement>(html`<p><firm-call-button style="display: ${display}" position="inline" phone="818-788-8900"></firm-call-button></p>`);
      const el = wrap.querySelector('firm-call-button')!;
      await el.updateComplete;
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(box(el).height, display).to.be.at.least(3 * rem - 1);
    }
  });

  it('shows on narrow screens only, unless show-on="always"', async () => {
    const el = await fixture<FirmCallButton>(html`<firm-call-button phone="818-788-8900"></firm-call-button>`);
    const always = await fixture<FirmCallButton>(html`<firm-call-button show-on="always" phone="818-788-8900"></firm-call-button>`);
    expect(box(el).width).to.be.greaterThan(0);
    await viewport({ width: 1280, height: 800 });
    await frame();
    expect(getComputedStyle(el).display).to.equal('none');
    expect(box(el).width).to.equal(0);
    expect(box(always).width).to.be.greaterThan(0);
    await viewport({ width: 390, height: 700 });
  });

  it('fires firm-contact with channel "phone" and is reached and followed by keyboard', async () => {
    const el = await fixture<FirmCallButton>(html`<firm-call-button phone="818-788-8900"></firm-call-button>`);
    el.shadowRoot!.addEventListener('click', (e) => e.preventDefault());
    const before = document.createElement('button');
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(link(el));
    const fired = oneEvent(el, 'firm-contact');
    await sendKeys({ press: 'Enter' });
    expect((await fired).detail).to.deep.equal({ channel: 'phone' });
    before.remove();
  });

  // The clock pinned at `iso`; the office's zone from the page's JSON-LD. Restored after each test.
  const pin = (iso: string) => {
    jsonLd({ '@type': 'LegalService', timeZone: LA });
    return sinon.useFakeTimers({ now: Date.parse(iso), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  };

  it('hours-aware: calls while open, offers "Send us a message" while closed', async () => {
    const clock = pin(MORNING);
    const open = await fixture<FirmCallButton>(html`<firm-call-button hours-aware hours=${HOURS} phone="818-788-8900" message-href="/contact"></firm-call-button>`);
    expect(link(open)!.getAttribute('href')).to.equal('tel:+18187888900');
    clock.setSystemTime(Date.parse(EVENING));
    const closed = await fixture<FirmCallButton>(html`<firm-call-button hours-aware hours=${HOURS} phone="818-788-8900" message-href="/contact"></firm-call-button>`);
    const a = link(closed)!;
    expect(a.getAttribute('href')).to.equal('/contact');
    expect(a.textContent!.trim()).to.equal('Send us a message');
    a.addEventListener('click', (e) => e.preventDefault());
    const fired = oneEvent(closed, 'firm-contact');
    a.click();
    expect((await fired).detail.channel).to.equal('cta');
    closed.lang = 'es';
    await frame();
    await closed.updateComplete;
    expect(link(closed)!.textContent!.trim()).to.equal('Envíenos un mensaje');
    clock.restore(); // axe runs on timers
    await expect(closed).to.be.accessible();
  });

  it('hours-aware: steps aside while closed when there is nowhere to send a message', async () => {
    const clock = pin(EVENING);
    const el = await fixture<FirmCallButton>(html`<firm-call-button hours-aware hours=${HOURS} phone="818-788-8900"></firm-call-button>`);
    expect(el.shadowRoot!.querySelector('a, slot')).to.equal(null);
    // Without hours-aware the hours do not matter.
    el.hoursAware = false;
    await el.updateComplete;
    expect(link(el)).to.exist;
    clock.restore();
    await expect(el).to.be.accessible();
  });

  it('hours-aware: switches by itself when the office closes, from the profile\'s hours', async () => {
    jsonLd({ '@type': 'LegalService', telephone: '818-788-8900', openingHours: HOURS, timeZone: LA });
    const clock = sinon.useFakeTimers({ now: new Date('2026-03-03T00:59:00Z'), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const el = await fixture<FirmCallButton>(html`<firm-call-button hours-aware message-href="/contact"></firm-call-button>`);
    expect(link(el)!.getAttribute('href')).to.equal('tel:+18187888900');
    await clock.tickAsync(61_000);
    await el.updateComplete;
    expect(link(el)!.getAttribute('href')).to.equal('/contact');
    // And back the next morning at 9:00.
    await clock.tickAsync(16 * 36e5);
    await el.updateComplete;
    expect(link(el)!.getAttribute('href')).to.equal('tel:+18187888900');
    expect(warnings).to.deep.equal([]);
  });

  it('keeps its fallback with one warning when the phone cannot be dialed', async () => {
    const el = await fixture<FirmCallButton>(html`<firm-call-button phone="555-12"><a href="/contact">Contact us</a></firm-call-button>`);
    el.label = 'again';
    await el.updateComplete;
    expect(link(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('<firm-call-button>').and.contain('phone="555-12"');
  });

  it('warns once about a position or show-on it does not know', async () => {
    await fixture(html`<firm-call-button position="top" show-on="desktop" phone="818-788-8900"></firm-call-button>`);
    expect(warnings.filter((w) => w.includes('position="top"'))).to.have.length(1);
    expect(warnings.filter((w) => w.includes('show-on="desktop"'))).to.have.length(1);
  });

  it('warns about hours it cannot read and keeps calling', async () => {
    const el = await fixture<FirmCallButton>(html`<firm-call-button hours-aware hours="Mx 9-5" phone="818-788-8900"></firm-call-button>`);
    expect(link(el)!.getAttribute('href')).to.equal('tel:+18187888900');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('hours="Mx 9-5"');
  });
});
