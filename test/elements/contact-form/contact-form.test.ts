import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { clearDraft, flushDrafts } from '../../../src/core/drafts.js';
import '../../../src/elements/contact-form/contact-form.js';
import type { FirmContactForm, FirmMessageSentEvent } from '../../../src/elements/contact-form/contact-form.js';
import { autofill } from '../../page.js';

interface Record {
  path: string;
  /** WordPress's route, when the form posted to `?rest_route=`. */
  route?: string;
  type: string;
  body: string;
}

const $ = <T extends Element = HTMLInputElement>(el: Element, selector: string) => el.shadowRoot!.querySelector(selector) as T;
const status = (el: Element) => $<HTMLElement>(el, '[part=status]');
const button = (el: Element) => $<HTMLButtonElement>(el, '[part=button]');
const records = async (): Promise<Record[]> => (await fetch('/test-api/contact/log')).json();
/** The copy kept for this tab (`sessionStorage`), as the form wrote it. */
const draftOf = (key: string) => JSON.parse(sessionStorage.getItem(`firm-widgets:draft:contact:${key}`) ?? 'null')?.value ?? null;
/** What the device keeps (`localStorage`) under the form's key, whole: the draft, its time and its expiry. */
const deviceCopy = (key: string) => JSON.parse(localStorage.getItem(`firm-widgets:draft:contact:${key}`) ?? 'null');

/** Types into a field as a visitor would: focus, then keystrokes. */
async function type(el: Element, name: string, text: string) {
  $(el, `[name=${name}]`).focus();
  await sendKeys({ type: text });
}

/** Fills the form as most visitors do: the browser fills the name, email and phone, the visitor types the message. */
async function fill(el: Element, { name = 'Ana Reyes', email = 'ana@example.com', phone = '', message = 'My visa expires soon.' } = {}) {
  if (name) autofill($(el, '[name=name]'), name);
  if (email) autofill($(el, '[name=email]'), email);
  if (phone) autofill($(el, '[name=phone]'), phone);
  if (message) await type(el, 'message', message);
  $(el, '[name=consent]').focus();
  // The space bar is ' ': WebDriver BiDi (Firefox) knows no key named 'Space'.
  await sendKeys({ press: ' ' });
}

async function send(el: FirmContactForm) {
  button(el).click();
  await el.updateComplete;
}

/** The mailto: links the element opens, stopped before the test's browser looks for a mail program. */
function mailLinksOpened(el: Element): string[] {
  const opened: string[] = [];
  el.shadowRoot!.addEventListener('click', (e) => {
    const a = e.composedPath()[0] as HTMLAnchorElement;
    if (a.href?.startsWith('mailto:')) (opened.push(a.href), e.preventDefault());
  });
  return opened;
}

const said = async (el: Element, text: string) =>
  waitUntil(() => status(el).textContent!.includes(text), `status never said "${text}" (it says "${status(el).textContent}")`, { timeout: 4000 });

describe('<firm-contact-form>', () => {
  let warnings: string[];
  const warn = console.warn;
  beforeEach(async () => {
    warnings = [];
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    await records();
  });
  afterEach(() => {
    console.warn = warn;
    // Drafts still waiting are written, then all deleted: each test starts from none.
    fixtureCleanup();
    flushDrafts();
    [...Object.keys(localStorage), ...Object.keys(sessionStorage)]
      .filter((k) => k.startsWith('firm-widgets:draft:'))
      .forEach((k) => clearDraft(k.slice('firm-widgets:draft:'.length)));
    document.querySelectorAll('script[type="application/ld+json"]').forEach((s) => s.remove());
    delete (navigator as { onLine?: boolean }).onLine;
    sinon.restore();
  });

  it('shows every field labelled, and sends nothing from creation through typing', async () => {
    const fetches: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (fetches.push(String(input)), realFetch(input, init));
    const before = performance.getEntriesByType('resource').length;
    try {
      const el = await fixture<FirmContactForm>(html`<firm-contact-form source="wordpress" endpoint="/test-api/contact/ok/site"></firm-contact-form>`);
      expect($(el, '[part=heading]').textContent).to.equal('Send us a message');
      const labels = [...el.shadowRoot!.querySelectorAll('[part=label]')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
      expect(labels).to.deep.equal(['Name (required)', 'Email', 'Phone', 'Preferred language', 'Message (required)', 'I have read this notice (required)']);
      expect($(el, 'legend').textContent).to.equal('Email or phone: give at least one.');
      expect($(el, '[part=disclaimer]').textContent).to.contain('does not create an attorney–client relationship');
      expect($(el, '[name=consent]').getAttribute('aria-describedby')).to.equal('disclaimer consent-error');
      // Each error line is there from the start, empty, so describing a field by it says nothing yet.
      expect([...el.shadowRoot!.querySelectorAll('[part=error]')].map((p) => p.textContent)).to.deep.equal(['', '', '', '', '', '']);
      expect($(el, '[name=email]').getAttribute('aria-invalid')).to.equal('false');
      expect(el.shadowRoot!.querySelector('[name=topic]')).to.be.null;
      await expect(el).to.be.accessible();
      await fill(el);
      await type(el, 'phone', '818 788 8900');
      await new Promise((r) => setTimeout(r, 400));
      expect(fetches).to.deep.equal([]);
      // The one file fetched meanwhile is the accessibility checker the test itself loads.
      const loaded = performance.getEntriesByType('resource').slice(before).map((e) => e.name);
      expect(loaded.filter((name) => !/axe/.test(name))).to.deep.equal([]);
      expect(await records()).to.deep.equal([]);
    } finally {
      window.fetch = realFetch;
    }
  });

  it('says what is missing under each field and in a summary that takes focus', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await type(el, 'name', '   '); // blanks do not count
    await send(el);
    const summary = $<HTMLElement>(el, '[part=summary]');
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    expect(summary.getAttribute('aria-label')).to.equal('Please check the form.');
    expect([...summary.querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Please enter your name.',
      'Email or phone: give at least one.',
      'Please write your message.',
      'Check this box to send.',
    ]);
    for (const [field, described] of [
      ['name', 'name-error'],
      ['email', 'email-error reach-error'],
      ['phone', 'phone-error reach-error'],
      ['message', 'message-error'],
      ['consent', 'disclaimer consent-error'],
    ]) {
      const input = $(el, `[name=${field}]`);
      expect(input.getAttribute('aria-invalid'), field).to.equal('true');
      expect(input.getAttribute('aria-describedby'), field).to.equal(described);
      for (const id of described.split(' ')) expect($(el, `#${id}`), id).to.exist;
    }
    expect($(el, '#reach-error').textContent).to.equal('Email or phone: give at least one.');
    expect($(el, '#reach-error').className).to.equal('error');
    expect($(el, '#name-error').textContent).to.equal('Please enter your name.');
    await expect(el).to.be.accessible();
    expect(await records()).to.deep.equal([]);
  });

  it('checks the email and phone forms, and clears an error as its field is fixed', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(el, { email: 'ana@example', phone: '555-12' });
    await send(el);
    expect($(el, '#email-error').textContent).to.equal('Please enter a valid email.');
    expect($(el, '#phone-error').textContent).to.equal('Please enter a valid phone number.');
    expect($(el, '[name=name]').getAttribute('aria-invalid')).to.equal('false');
    await type(el, 'email', '.com');
    await el.updateComplete;
    expect($(el, '#email-error').textContent).to.equal('');
    expect($(el, '[name=email]').getAttribute('aria-invalid')).to.equal('false');
    expect($(el, '#phone-error').textContent).to.equal('Please enter a valid phone number.');
    expect(await records()).to.deep.equal([]);
  });

  it('takes a phone number alone', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(el, { email: '', phone: '(818) 788-8900' });
    await send(el);
    await said(el, 'Thank you');
    const [r] = await records();
    expect(JSON.parse(r.body)).to.include({ email: '', phone: '(818) 788-8900' });
  });

  it('sends the message as JSON, says thank you with focus, clears the draft and fires firm-message-sent with nothing the visitor typed or chose (no language, no topic)', async () => {
    const el = await fixture<FirmContactForm>(
      html`<firm-contact-form endpoint="/test-api/contact/ok" topics="Family visas; Deportation defense; Citizenship"></firm-contact-form>`,
    );
    const events: FirmMessageSentEvent[] = [];
    document.addEventListener('firm-message-sent', (e) => events.push(e), { once: true });
    await fill(el, { message: '  My visa expires soon.  ' });
    const topic = $<HTMLSelectElement>(el, '[name=topic]');
    expect([...topic.options].map((o) => o.text)).to.deep.equal(['—', 'Family visas', 'Deportation defense', 'Citizenship']);
    topic.focus();
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(topic.value).to.equal('Family visas');
    await waitUntil(() => draftOf('/test-api/contact/ok')?.topic === 'Family visas', 'the draft keeps the topic');
    await send(el);
    await said(el, 'Thank you. We will respond promptly.');
    expect(el.shadowRoot!.activeElement).to.equal(status(el));
    expect(el.shadowRoot!.querySelector('form')).to.be.null;
    const [r, ...more] = await records();
    expect(more).to.deep.equal([]);
    expect(r.type).to.equal('application/json');
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).to.deep.equal(['name', 'email', 'phone', 'language', 'topic', 'message', 'consent', 'page', 'key', 'firm_hp', 'firm_elapsed']);
    expect(body).to.include({
      name: 'Ana Reyes',
      email: 'ana@example.com',
      phone: '',
      language: 'en',
      topic: 'Family visas',
      message: 'My visa expires soon.',
      consent: true,
      // The test page's address carries a query (?wtr-session-id=…): it is not sent, nor a fragment.
      page: location.origin + location.pathname,
      firm_hp: '',
    });
    expect(location.search).to.not.equal('');
    expect(body.firm_elapsed).to.be.a('number').and.greaterThan(0);
    expect(draftOf('/test-api/contact/ok')).to.be.null;
    expect(events).to.have.length(1);
    // The reply language is the visitor's choice about their matter, as the topic is: neither without share-topic.
    expect(events[0].detail).to.deep.equal({});
    expect(events[0].bubbles && events[0].composed).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('sends url-encoded fields with encoding="form"', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" encoding="form"></firm-contact-form>`);
    await fill(el);
    await send(el);
    await said(el, 'Thank you');
    const [r] = await records();
    expect(r.type).to.match(/^application\/x-www-form-urlencoded/);
    const body = Object.fromEntries(new URLSearchParams(r.body));
    expect(body).to.include({ name: 'Ana Reyes', email: 'ana@example.com', phone: '', language: 'en', topic: '', message: 'My visa expires soon.', consent: 'true', firm_hp: '' });
    expect(body.firm_elapsed).to.match(/^\d+$/);
  });

  it('sends what a bot put in the spam trap, and the time since the form showed', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(el);
    const trap = $(el, '[name=url_confirm]');
    trap.value = 'http://spam.example';
    trap.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await send(el);
    await said(el, 'Thank you');
    const body = JSON.parse((await records())[0].body);
    expect(body.firm_hp).to.equal('http://spam.example');
    expect(body.firm_elapsed).to.be.a('number').and.greaterThan(0).and.lessThan(60000);
  });

  it('sends to the WordPress plugin route under the site it is given', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form source="wordpress" endpoint="/test-api/contact/ok/site"></firm-contact-form>`);
    await fill(el);
    await send(el);
    await said(el, 'Thank you');
    const [r] = await records();
    expect([r.path, r.route]).to.deep.equal(['/test-api/contact/ok/site/', '/firm-widgets/v1/messages']);
    expect(JSON.parse(r.body)).to.include({ name: 'Ana Reyes', consent: true });
  });

  it('sends once on a double click, and is accessible while sending', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok?delay=1500"></firm-contact-form>`);
    await fill(el);
    button(el).click();
    button(el).click();
    await el.updateComplete;
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    expect(button(el).textContent!.trim()).to.equal('Sending…');
    expect(status(el).textContent).to.equal('Sending…');
    await expect(el).to.be.accessible();
    button(el).click();
    await said(el, 'Thank you');
    expect(await records()).to.have.length(1);
  });

  const failures: [string, string, string][] = [
    ['server', '/test-api/contact/server', 'The site had a problem.'],
    ['rate limit', '/test-api/contact/rate', 'Too fast. Please wait 2 minutes.'],
    ['refusal', '/test-api/contact/refused', 'The site does not allow this.'],
    ["proxy's HTML page", '/test-api/contact/html', 'The site had a problem.'],
    // Online, a refused connection or a CORS refusal is not "offline" (127.0.0.1 is another origin than the test page's localhost).
    ['refused connection', 'http://127.0.0.1:9/messages', 'Could not reach the site.'],
    ['CORS refusal', `http://127.0.0.1:${location.port}/test-api/contact/ok`, 'Could not reach the site.'],
    // A wrong endpoint answering 200 with a web page (a theme's page, a captive portal) proves nothing.
    ['200 answered with a web page', '/test-api/contact/page', 'The site’s answer was not understood.'],
    ['200 answered with JSON that is no object', '/test-api/contact/list', 'The site’s answer was not understood.'],
  ];
  for (const [what, endpoint, text] of failures) {
    it(`keeps everything and offers Try again after a ${what}`, async () => {
      const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint=${endpoint}></firm-contact-form>`);
      await fill(el);
      await send(el);
      await said(el, 'Your text is kept.');
      expect(status(el).textContent).to.equal(`${text} Your text is kept.`);
      expect(button(el).textContent!.trim()).to.equal('Try again');
      expect($(el, '[name=name]').value).to.equal('Ana Reyes');
      expect($(el, '[name=message]').value).to.equal('My visa expires soon.');
      expect(draftOf(endpoint)).to.include({ name: 'Ana Reyes', message: 'My visa expires soon.', consent: true });
      await expect(el).to.be.accessible();
    });
  }

  for (const [what, mode] of [
    ['an empty 204', 'empty'],
    ['an empty 201', 'created'],
  ]) {
    it(`counts ${what} as delivered`, async () => {
      const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint=${`/test-api/contact/${mode}`}></firm-contact-form>`);
      await fill(el);
      await send(el);
      await said(el, 'Thank you. We will respond promptly.');
      expect(draftOf(`/test-api/contact/${mode}`)).to.be.null;
    });
  }

  it('says in Spanish that the answer was not understood', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form lang="es" endpoint="/test-api/contact/page"></firm-contact-form>`);
    await fill(el);
    await send(el);
    await said(el, 'No se entendió la respuesta del sitio. Su texto se guarda.');
    expect(button(el).textContent!.trim()).to.equal('Reintentar');
  });

  it('logs a bug in the page with console.error and says it apart from the site’s failures', async () => {
    const errors = sinon.stub(console, 'error');
    const el = await fixture<FirmContactForm>(html`<firm-contact-form source="mailto" to="office@firm.test"></firm-contact-form>`);
    mailLinksOpened(el);
    await fill(el);
    const bug = new TypeError('a bug');
    sinon.stub(HTMLElement.prototype, 'focus').throws(bug);
    await send(el);
    await said(el, 'This page had a problem. Your text is kept.');
    sinon.restore();
    expect(errors.calledWith(bug)).to.be.true;
    expect(draftOf('office@firm.test')).to.include({ message: 'My visa expires soon.' });
  });

  it('puts the reply language and the topic in firm-message-sent only with share-topic', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" topics="Visas; Citizenship" share-topic></firm-contact-form>`);
    const events: FirmMessageSentEvent[] = [];
    el.addEventListener('firm-message-sent', (e) => events.push(e));
    await fill(el);
    $<HTMLSelectElement>(el, '[name=topic]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await send(el);
    await said(el, 'Thank you');
    expect(events.map((e) => e.detail)).to.deep.equal([{ language: 'en', topic: 'Visas' }]);
  });

  it('keeps the draft for this tab only, leaving nothing on the device', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(el);
    flushDrafts();
    expect(draftOf('/test-api/contact/ok')).to.include({ name: 'Ana Reyes', message: 'My visa expires soon.' });
    const device = Object.keys(localStorage).filter((k) => k.startsWith('firm-widgets:'));
    expect(device).to.deep.equal([]);
  });

  it('keeps the draft on the device for 30 days with keep-drafts="device", and warns once about another value', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" keep-drafts="device"></firm-contact-form>`);
    await fill(el);
    flushDrafts();
    const kept = deviceCopy('/test-api/contact/ok');
    expect(kept.value).to.include({ name: 'Ana Reyes', message: 'My visa expires soon.' });
    expect(kept.until - kept.at).to.equal(30 * 864e5);
    expect(kept.at).to.be.closeTo(Date.now(), 5000);
    expect(draftOf('/test-api/contact/ok')).to.be.null;
    const bad = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/other" keep-drafts="forever"></firm-contact-form>`);
    await type(bad, 'name', 'Ana');
    flushDrafts();
    // Not understood: kept for the tab, the safe default.
    expect(draftOf('/test-api/contact/other')).to.include({ name: 'Ana' });
    expect(warnings.filter((w) => w.includes('keep-drafts="forever"'))).to.have.length(1);
  });

  it('forgets a device copy past its expiry', async () => {
    localStorage.setItem(
      'firm-widgets:draft:contact:/test-api/contact/ok',
      JSON.stringify({ at: Date.now() - 31 * 864e5, until: Date.now() - 864e5, value: { name: 'Last visitor', message: 'My matter' } }),
    );
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" keep-drafts="device"></firm-contact-form>`);
    expect($(el, '[name=name]').value).to.equal('');
    expect($(el, '[name=message]').value).to.equal('');
    expect(deviceCopy('/test-api/contact/ok')).to.be.null;
  });

  it('shows the newer text typed in another tab on the device, and not an older one', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" keep-drafts="device"></firm-contact-form>`);
    await fill(el);
    flushDrafts();
    const mine = deviceCopy('/test-api/contact/ok');
    const otherTab = (at: number, message: string) => {
      const key = 'firm-widgets:draft:contact:/test-api/contact/ok';
      const newValue = JSON.stringify({ ...mine, at, value: { ...mine.value, message } });
      localStorage.setItem(key, newValue);
      dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
    };
    otherTab(mine.at - 1000, 'Older text');
    await el.updateComplete;
    expect($(el, '[name=message]').value).to.equal('My visa expires soon.');
    await new Promise((r) => setTimeout(r, 5));
    otherTab(Date.now(), 'Newer text from the other tab');
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 5));
    expect($(el, '[name=message]').value).to.equal('Newer text from the other tab');
    expect($(el, '[name=name]').value).to.equal('Ana Reyes');
    // A later keystroke here is newer again, and wins.
    await type(el, 'message', '!');
    flushDrafts();
    expect(deviceCopy('/test-api/contact/ok').value.message).to.equal('Newer text from the other tab!');
  });

  it('empties when another tab on the device discards (or sends) the draft, and never writes the discarded text back', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" keep-drafts="device"></firm-contact-form>`);
    await fill(el);
    flushDrafts();
    const key = 'firm-widgets:draft:contact:/test-api/contact/ok';
    const oldValue = localStorage.getItem(key);
    // The other tab's "Discard": its copy deleted, and this tab told as the browser tells it.
    localStorage.removeItem(key);
    dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue: null, storageArea: localStorage }));
    await el.updateComplete;
    expect(['name', 'email', 'message'].map((n) => $(el, `[name=${n}]`).value)).to.deep.equal(['', '', '']);
    expect($(el, '[name=consent]').checked).to.be.false;
    // What is typed here next is all this tab keeps: the discarded words stay gone.
    await type(el, 'name', 'Ben');
    flushDrafts();
    expect(deviceCopy('/test-api/contact/ok').value).to.include({ name: 'Ben' });
    expect(JSON.stringify(deviceCopy('/test-api/contact/ok'))).to.not.contain('visa').and.not.contain('Ana');
    expect(sessionStorage.getItem(key)).to.be.null;
    await expect(el).to.be.accessible();
  });

  it('deletes every copy with Discard, empties the form and puts focus in it, in English and Spanish', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok" keep-drafts="device" topics="Visas"></firm-contact-form>`);
    await fill(el, { phone: '818 788 8900' });
    $<HTMLSelectElement>(el, '[name=topic]').focus();
    await sendKeys({ press: 'ArrowDown' });
    flushDrafts();
    expect(deviceCopy('/test-api/contact/ok')).to.not.be.null;
    const discard = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Discard')!;
    expect(discard.getAttribute('part')).to.equal('button');
    discard.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(['name', 'email', 'phone', 'message', 'topic'].map((n) => $(el, `[name=${n}]`).value)).to.deep.equal(['', '', '', '', '']);
    expect($(el, '[name=language]').value).to.equal('en');
    expect($(el, '[name=consent]').checked).to.be.false;
    expect(deviceCopy('/test-api/contact/ok')).to.be.null;
    expect(draftOf('/test-api/contact/ok')).to.be.null;
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[name=name]'));
    await expect(el).to.be.accessible();
    const es = await fixture<FirmContactForm>(html`<firm-contact-form lang="es" endpoint="/test-api/contact/ok"></firm-contact-form>`);
    expect([...es.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Enviar', 'Descartar']);
  });

  it('deletes the copy with Discard after mailto too', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form source="mailto" to="office@firm.test"></firm-contact-form>`);
    const opened = mailLinksOpened(el);
    await fill(el);
    await send(el);
    await waitUntil(() => opened.length === 1, 'the mail link was not opened');
    expect(draftOf('office@firm.test')).to.include({ name: 'Ana Reyes' });
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Discard')!.click();
    await el.updateComplete;
    expect(draftOf('office@firm.test')).to.be.null;
    expect($(el, '[name=message]').value).to.equal('');
    // Nothing is kept, so there is nothing to confirm.
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Send', 'Discard']);
  });

  it('keeps everything when offline, and sends on Try again once back online', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(el);
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await send(el);
    await said(el, 'You seem to be offline. Your text is kept.');
    expect(await records()).to.deep.equal([]);
    expect(draftOf('/test-api/contact/ok')).to.include({ name: 'Ana Reyes' });
    delete (navigator as { onLine?: boolean }).onLine;
    button(el).focus();
    await sendKeys({ press: 'Enter' });
    await said(el, 'Thank you');
    expect(await records()).to.have.length(1);
    expect(draftOf('/test-api/contact/ok')).to.be.null;
  });

  it('gives up after 15 seconds without an answer, keeping everything', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok?delay=20000"></firm-contact-form>`);
    await fill(el);
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await send(el);
    await clock.tickAsync(14900);
    expect(status(el).textContent).to.equal('Sending…');
    await clock.tickAsync(200);
    clock.restore();
    await said(el, 'The site did not answer. Your text is kept.');
    expect($(el, '[name=message]').value).to.equal('My visa expires soon.');
    expect(draftOf('/test-api/contact/ok?delay=20000')).to.include({ message: 'My visa expires soon.' });
    expect(button(el).textContent!.trim()).to.equal('Try again');
  });

  it("shows the server's field errors like its own, in the visitor's language", async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/invalid"></firm-contact-form>`);
    await fill(el);
    await send(el);
    await waitUntil(() => $(el, '[part=summary]'), 'no summary');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '[part=summary]'));
    // The server said "This address cannot receive mail." in English: the form says it its own way.
    expect($(el, '#email-error').textContent).to.equal('Please enter a valid email.');
    expect($(el, '[name=email]').getAttribute('aria-invalid')).to.equal('true');
    expect(status(el).textContent).to.equal('Please check the form.');
    expect(draftOf('/test-api/contact/invalid')).to.include({ email: 'ana@example.com' });
    await expect(el).to.be.accessible();
  });

  it("says a server's field error in Spanish on a Spanish page", async () => {
    const wrap = await fixture(html`<div lang="es"><firm-contact-form endpoint="/test-api/contact/invalid"></firm-contact-form></div>`);
    const el = wrap.firstElementChild as FirmContactForm;
    // fixture() waits for the <div>, not for the form inside it (WebKit renders it later).
    await el.updateComplete;
    await fill(el);
    await send(el);
    await waitUntil(() => $(el, '[part=summary]'), 'no summary');
    expect($(el, '#email-error').textContent).to.equal('Escriba un correo válido.');
  });

  it('sends the same key on every try of one message, a new key once its words change, and a new key for the next message', async () => {
    await records();
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/server"></firm-contact-form>`);
    await fill(el);
    await send(el);
    await waitUntil(() => button(el).textContent!.includes('Try again'), 'no Try again');
    await send(el);
    await waitUntil(() => !status(el).textContent!.includes('Sending'), 'no answer to the second try');
    await said(el, 'Your text is kept.');
    // The visitor edits the message after the failure: it is a new message, not a resend.
    await type(el, 'message', ' Also my passport.');
    el.endpoint = '/test-api/contact/ok';
    await send(el);
    await said(el, 'Thank you');
    const [first, second, edited, ...more] = (await records()).map((r) => JSON.parse(r.body));
    expect(more).to.deep.equal([]);
    expect(first.key).to.match(/^\d{13}$/);
    expect(second.key).to.equal(first.key);
    expect(edited.message).to.equal('My visa expires soon. Also my passport.');
    expect(edited.key).to.match(/^\d{13}$/).and.not.equal(first.key);
    el.remove();
    const next = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok"></firm-contact-form>`);
    await fill(next, { message: 'Another question.' });
    await send(next);
    await waitUntil(() => status(next).textContent!.includes('Thank you'), 'not sent');
    const [third] = (await records()).map((r) => JSON.parse(r.body).key);
    expect(third).to.match(/^\d{13}$/).and.not.equal(first.key);
  });

  it('holds the fields while the message travels, so nothing typed then is lost', async () => {
    // The answer is held long enough for the typing below to end before it, even on a busy machine.
    const el = await fixture<FirmContactForm>(html`<firm-contact-form endpoint="/test-api/contact/ok?delay=2000"></firm-contact-form>`);
    await fill(el);
    await send(el);
    const message = $<HTMLTextAreaElement>(el, '[name=message]');
    await waitUntil(() => status(el).textContent!.includes('Sending'), 'never sending');
    // The visitor goes on typing while the request is in flight.
    await type(el, 'message', ' Also, my passport is lost.');
    expect(el.shadowRoot!.activeElement, 'the keystrokes went elsewhere').to.equal(message);
    const shown = message.value;
    expect(status(el).textContent, 'the answer came before the typing ended: slow the server').to.include('Sending');
    await waitUntil(() => status(el).textContent!.includes('Thank you'), 'not sent', { timeout: 6000 });
    // The form gives way to the thanks: every word it showed must be in what the server has.
    const [sent] = (await records()).map((r) => JSON.parse(r.body).message);
    expect(sent).to.equal(shown);
  });

  it('restores what was typed after a reload, and counts the time since typing began', async () => {
    const el = await fixture<FirmContactForm>(
      html`<firm-contact-form endpoint="/test-api/contact/ok" topics="Visas; Citizenship"></firm-contact-form>`,
    );
    await fill(el, { phone: '818 788 8900' });
    const language = $<HTMLSelectElement>(el, '[name=language]');
    language.focus();
    await sendKeys({ press: 'ArrowDown' });
    const topic = $<HTMLSelectElement>(el, '[name=topic]');
    topic.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    const parent = el.parentElement!;
    // The page goes away: what was typed is flushed to storage at once.
    dispatchEvent(new Event('pagehide'));
    el.remove();
    const draft = draftOf('/test-api/contact/ok');
    sessionStorage.setItem('firm-widgets:draft:contact:/test-api/contact/ok', JSON.stringify({ at: Date.now(), value: { ...draft, since: Date.now() - 60000 } }));

    parent.innerHTML = '<firm-contact-form endpoint="/test-api/contact/ok" topics="Visas; Citizenship"></firm-contact-form>';
    const again = parent.firstElementChild as FirmContactForm;
    await again.updateComplete;
    expect(['name', 'email', 'phone', 'message', 'language', 'topic'].map((n) => $(again, `[name=${n}]`).value)).to.deep.equal([
      'Ana Reyes',
      'ana@example.com',
      '818 788 8900',
      'My visa expires soon.',
      'es',
      'Citizenship',
    ]);
    expect($(again, '[name=consent]').checked).to.be.true;
    await send(again);
    await said(again, 'Thank you');
    const body = JSON.parse((await records())[0].body);
    expect(body).to.include({ language: 'es', topic: 'Citizenship' });
    expect(body.firm_elapsed).to.be.at.least(60000);
  });

  it('composes the message for the mail program with mailto, keeping the draft', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form source="mailto" to="office@firm.test" topics="Visas"></firm-contact-form>`);
    const opened = mailLinksOpened(el);
    const events: FirmMessageSentEvent[] = [];
    el.addEventListener('firm-message-sent', (e) => events.push(e));
    await fill(el, { phone: '818 788 8900', message: 'Hello & goodbye?\nSecond line' });
    $<HTMLSelectElement>(el, '[name=topic]').focus();
    await sendKeys({ press: 'ArrowDown' });
    await send(el);
    await waitUntil(() => opened.length === 1, 'the mail link was not opened');
    const url = new URL(opened[0]);
    expect(url.protocol + url.pathname).to.equal('mailto:office@firm.test');
    expect(url.searchParams.get('subject')).to.equal('Message: Ana Reyes');
    expect(url.searchParams.get('body')).to.equal(
      ['Hello & goodbye?', 'Second line', '', 'Name: Ana Reyes', 'Email: ana@example.com', 'Phone: 818 788 8900', 'Preferred language: English', 'Topic: Visas', location.origin + location.pathname].join(
        '\r\n',
      ),
    );
    expect(status(el).textContent).to.equal('Email: office@firm.test');
    expect($<HTMLAnchorElement>(el, '[part=link]').href).to.equal(opened[0]);
    expect(events.map((e) => e.detail)).to.deep.equal([{}]);
    expect(draftOf('office@firm.test')).to.include({ name: 'Ana Reyes' });
    expect(await records()).to.deep.equal([]);
    await expect(el).to.be.accessible();
    // Once the visitor says the mail went, the copy kept in the browser goes.
    const confirm = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'I sent the email')!;
    confirm.focus();
    await sendKeys({ press: 'Enter' });
    await said(el, 'Thank you. We will respond promptly.');
    expect(el.shadowRoot!.activeElement).to.equal(status(el));
    expect(draftOf('office@firm.test')).to.be.null;
    await expect(el).to.be.accessible();
  });

  it("writes to the profile's email when given no address, and offers its languages", async () => {
    const s = document.createElement('script');
    s.type = 'application/ld+json';
    s.textContent = JSON.stringify({ '@type': 'LegalService', email: 'mailto:firm@example.test', availableLanguage: ['English', 'Spanish', 'Korean'] });
    document.head.append(s);
    const el = await fixture<FirmContactForm>(html`<firm-contact-form></firm-contact-form>`);
    const options = [...$<HTMLSelectElement>(el, '[name=language]').options];
    expect(options.map((o) => [o.value, o.lang, o.text])).to.deep.equal([
      ['en', 'en', 'English'],
      ['es', 'es', 'Español'],
      ['ko', 'ko', '한국어'],
    ]);
    const opened = mailLinksOpened(el);
    await fill(el);
    await send(el);
    await waitUntil(() => opened.length === 1);
    expect(opened[0]).to.match(/^mailto:firm@example\.test\?subject=/);
  });

  it('speaks Spanish, with the page language chosen and each language named in its own', async () => {
    const el = await fixture<FirmContactForm>(html`<firm-contact-form lang="es" endpoint="/test-api/contact/rate"></firm-contact-form>`);
    expect($(el, '[part=heading]').textContent).to.equal('Envíenos un mensaje');
    expect($(el, 'label').textContent!.replace(/\s+/g, ' ').trim()).to.equal('Nombre (obligatorio)');
    const language = $<HTMLSelectElement>(el, '[name=language]');
    expect([...language.options].map((o) => o.text)).to.deep.equal(['English', 'Español']);
    expect(language.value).to.equal('es');
    await send(el);
    expect([...$(el, '[part=summary]').querySelectorAll('li')].map((li) => li.textContent!.trim())).to.deep.equal([
      'Escriba su nombre.',
      'Correo electrónico o teléfono: dé al menos uno.',
      'Escriba su mensaje.',
      'Marque esta casilla para enviar.',
    ]);
    await expect(el).to.be.accessible();
    await fill(el);
    await send(el);
    await said(el, 'Demasiado rápido. Espere 2 minutos. Su texto se guarda.');
    expect(button(el).textContent!.trim()).to.equal('Reintentar');
    expect(JSON.parse((await records())[0].body).language).to.equal('es');
  });

  it('takes its texts from attributes', async () => {
    const el = await fixture<FirmContactForm>(
      html`<firm-contact-form endpoint="/test-api/contact/ok" disclaimer="No legal advice by email." success-text="Got it!"></firm-contact-form>`,
    );
    expect($(el, '[part=disclaimer]').textContent).to.equal('No legal advice by email.');
    await fill(el);
    await send(el);
    await said(el, 'Got it!');
  });

  it('keeps its fallback content and warns once about a configuration it cannot use', async () => {
    const cases: [string, string][] = [
      ['<firm-contact-form source="ftp" endpoint="/x">Call us</firm-contact-form>', 'source="ftp"'],
      ['<firm-contact-form source="rest">Call us</firm-contact-form>', 'endpoint=""'],
      ['<firm-contact-form to="nobody">Call us</firm-contact-form>', 'to="nobody"'],
    ];
    for (const [markup, attribute] of cases) {
      const wrap = await fixture(html`<div></div>`);
      wrap.innerHTML = markup;
      const el = wrap.firstElementChild as FirmContactForm;
      await el.updateComplete;
      el.requestUpdate();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('slot'), markup).to.exist;
      expect(el.shadowRoot!.querySelector('form'), markup).to.be.null;
      expect(el.textContent).to.equal('Call us');
      const mine = warnings.filter((w) => w.includes(attribute));
      expect(mine, markup).to.have.length(1);
      expect(mine[0]).to.contain('<firm-contact-form>');
    }
  });
});
