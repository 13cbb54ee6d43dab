// The firm's desk (/admin) in the real browser, as staff use it, against the real server
// (test/servers/firm-desk.mjs answers /admin, /link and /api/desk on this page's origin).
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { make, text, texts, fresh } from '../elements/comments/helpers.js';
import '../../server/src/admin/desk-app.js';
import type { FirmDesk } from '../../server/src/admin/desk-app.js';

// Each wait covers a round trip to the server and a render; under a loaded CI machine (two cores,
// three engines) one second was not always enough (WebKit missed 'Registro loaded' once).
const SCREEN_MS = 10_000;

interface Staff {
  email: string;
  password: string;
}

const control = async <T>(path: string, init?: RequestInit): Promise<T> => (await fetch(`/test-api/firm-desk/${path}`, init)).json();
const newStaff = (role: 'owner' | 'moderator' = 'owner') => control<Staff>(`staff?role=${role}`, { method: 'POST' });

/** A comment as the kit posts it (the test server takes any typing time). */
async function postComment(thread: string, content: string, email = 'ana@example.com', name = 'Ana Reyes') {
  const r = await fetch('/api/desk/comments', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ thread, parent: '', name, email, url: '', content, firm_hp: '', firm_elapsed: 5000 }),
  });
  expect(r.status).to.equal(201);
  return (await r.json()).id as string;
}

/** The deepest shadow root's element matching `selector`, searched through the desk's screens. */
function find<T extends Element = HTMLElement>(root: Element, selector: string): T | null {
  const here = root.shadowRoot?.querySelector<T & Element>(selector);
  if (here) return here;
  for (const el of root.shadowRoot?.querySelectorAll('*') ?? []) {
    if (el.shadowRoot) {
      const inner = find<T>(el, selector);
      if (inner) return inner;
    }
  }
  return null;
}

const screenOf = (desk: FirmDesk) => desk.shadowRoot!.querySelector('.view')!;
const said = (desk: FirmDesk) => screenOf(desk).shadowRoot?.querySelector('[role=status]')?.textContent?.trim() ?? '';

async function typeInto(input: HTMLElement, value: string) {
  input.focus();
  await sendKeys({ type: value });
}

async function openDesk(lang = 'en'): Promise<FirmDesk> {
  // The language a test chose with the desk's button would outlive it.
  localStorage.removeItem('firm-desk-language');
  document.documentElement.lang = lang;
  const desk = await fixture<FirmDesk>(html`<firm-desk></firm-desk>`);
  await waitUntil(() => desk.checked, 'the desk asked who is signed in', { timeout: SCREEN_MS });
  return desk;
}

/** Signs in through the form, as a person does: type, then Enter. */
async function signInByKeyboard(desk: FirmDesk, who: Staff) {
  await typeInto(find(desk, 'input[name=email]')!, who.email);
  await typeInto(find(desk, 'input[name=password]')!, who.password);
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => desk.me, 'signed in', { timeout: 8000 });
}

async function signedInDesk(lang = 'en', role: 'owner' | 'moderator' = 'owner') {
  const who = await newStaff(role);
  const r = await fetch('/admin/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(who) });
  expect(r.status).to.equal(200);
  const desk = await openDesk(lang);
  await waitUntil(() => desk.me, 'signed in', { timeout: SCREEN_MS });
  return desk;
}

async function go(desk: FirmDesk, label: string) {
  const button = [...desk.shadowRoot!.querySelectorAll<HTMLButtonElement>('nav button')].find((b) => b.textContent!.trim().startsWith(label))!;
  button.click();
  await waitUntil(() => button.getAttribute('aria-current') == 'page', `${label} open`, { timeout: SCREEN_MS });
  const view = screenOf(desk) as HTMLElement & { updateComplete: Promise<unknown> };
  await view.updateComplete;
  await waitUntil(() => !view.shadowRoot!.textContent!.includes('Loading') && !view.shadowRoot!.textContent!.includes('Cargando'), `${label} loaded`, { timeout: SCREEN_MS });
}

/** Quoted-printable, as nodemailer writes a mail's text (soft line breaks, =XX bytes). */
const unQuote = (body: string) =>
  new TextDecoder().decode(
    new Uint8Array(
      [...body.replace(/=\r?\n/g, '').matchAll(/=([0-9A-F]{2})|[\s\S]/g)].flatMap((m) => (m[1] ? [parseInt(m[1], 16)] : [...new TextEncoder().encode(m[0])])),
    ),
  );

describe('the desk (/admin) against firm-widgets-server', function () {
  // Each account and each sign-in is a real scrypt hash (at N=2^10 here: test/servers/firm-desk.mjs),
  // and each screen a round trip to the server; more time under load.
  this.timeout(30_000);
  before(async function () {
    // The first request builds the desk's bundle and opens the server.
    this.timeout(120_000);
    await control('ready');
  });
  afterEach(async () => {
    fixtureCleanup();
    // Signing out is a change too: it needs the session's token.
    const me = await fetch('/admin/api/me');
    if (me.ok) {
      const { csrf } = await me.json();
      const out = await fetch('/admin/api/signout', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' });
      expect(out.status).to.equal(200);
    }
    document.documentElement.lang = 'en';
    sessionStorage.clear();
  });

  it('sign in by keyboard, approve a held comment: <firm-comments> lists it', async () => {
    const thread = `/blog/${fresh()}/`;
    await postComment(thread, 'Can my sister sponsor me?');
    const who = await newStaff();
    const desk = await openDesk();
    await expect(desk).to.be.accessible();
    await signInByKeyboard(desk, who);
    expect(text(desk, 'nav')).to.match(/Comments \d+ waiting/);

    const held = () => [...(screenOf(desk).shadowRoot?.querySelectorAll<HTMLElement>('li.card') ?? [])].find((li) => li.textContent!.includes('Can my sister sponsor me?'));
    await waitUntil(held, 'the held comment in the queue', { timeout: SCREEN_MS });
    const card = held()!;
    const started = performance.now();
    [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() == 'Approve')!.click();
    await waitUntil(() => said(desk) == '1 comment approved.', `said (${said(desk)})`, { timeout: SCREEN_MS });

    const listed = await make({ source: 'rest', endpoint: '/api/desk/comments', 'post-id': thread });
    await waitUntil(() => texts(listed, '[part=author]').includes('Ana Reyes'), 'listed', { timeout: SCREEN_MS });
    const ms = Math.round(performance.now() - started);
    console.log(`desk: Approve to listed in <firm-comments>: ${ms} ms`);
    expect(text(listed, '[part=heading]')).to.equal('1 Comment');
  });

  it('the moderation link from the .eml file opens a confirmation page; its button approves; the link then says it was used', async () => {
    const thread = `/blog/${fresh()}/`;
    await postComment(thread, 'Held until the moderator presses Approve.');
    const { files } = await control<{ files: Record<string, string> }>('outbox', { method: 'POST' });
    const mail = Object.values(files).map(unQuote).find((m) => m.includes('Held until the moderator presses Approve.'))!;
    expect(mail, 'the moderators’ mail').to.be.a('string');
    const link = new URL(mail.match(/Approve: (\S+)/)![1]);

    // The page a mail scanner would fetch: nothing changes.
    const frame = document.createElement('iframe');
    frame.title = 'moderation link';
    document.body.append(frame);
    const heading = () => frame.contentDocument?.querySelector('h1')?.textContent ?? '';
    frame.src = link.pathname;
    await waitUntil(() => heading() == 'Approve this comment?', `the confirmation page (${heading()})`, { timeout: SCREEN_MS });
    const page = frame.contentDocument!;
    expect(page.querySelector('h1')!.textContent).to.equal('Approve this comment?');
    expect(page.querySelector('blockquote')!.textContent).to.equal('Held until the moderator presses Approve.');
    const before = await (await fetch(`/api/desk/comments?thread=${encodeURIComponent(thread)}`)).json();
    expect(before.total).to.equal(0);

    await waitUntil(() => page.readyState == 'complete', 'the page loaded', { timeout: SCREEN_MS });
    page.querySelector('button')!.click();
    await waitUntil(() => heading() == 'Approved. The comment is listed now.', `the answer (${heading()}; ${frame.contentDocument?.body?.textContent?.slice(0, 200)})`, { timeout: 5000 });
    const after = await (await fetch(`/api/desk/comments?thread=${encodeURIComponent(thread)}`)).json();
    expect(after.total).to.equal(1);

    frame.src = `${link.pathname}?again`;
    await waitUntil(() => heading() == 'This link was already used.', `used (${heading()})`, { timeout: SCREEN_MS });
    frame.remove();
  });

  it('People: export then erase an address; it is found nowhere after (lists, export, database, mail files)', async () => {
    const address = `marta.${fresh()}@example.com`;
    const words = `Marta's private question ${fresh()}`;
    const thread = `/blog/${fresh()}/`;
    await postComment(thread, words, address, 'Marta Ruiz');
    const m = await fetch('/api/desk/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Marta Ruiz', email: address, message: `${words} (message)`, consent: true, firm_elapsed: 5000, key: fresh() }),
    });
    expect(m.status).to.equal(201);
    await control('outbox', { method: 'POST' });
    expect((await control<{ found: boolean }>(`holds?needle=${encodeURIComponent(words)}`)).found).to.be.true;

    const desk = await signedInDesk();
    await go(desk, 'People');
    const people = screenOf(desk);
    await typeInto(find(people, 'input[name=email]')!, address);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => said(desk).startsWith('Found 1 comments and 1 messages'), `found (${said(desk)})`, { timeout: SCREEN_MS });
    await expect(desk).to.be.accessible();

    let exported: { comments: { content: string }[]; messages: { message: string }[] } | undefined;
    desk.addEventListener('desk-exported', (e) => (exported = (e as CustomEvent).detail), { once: true });
    [...people.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() == 'Export (JSON)')!.click();
    await waitUntil(() => exported, 'exported', { timeout: SCREEN_MS });
    expect(exported!.comments.map((c) => c.content)).to.deep.equal([words]);
    expect(exported!.messages.map((x) => x.message)).to.deep.equal([`${words} (message)`]);

    [...people.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() == 'Erase')!.click();
    await waitUntil(() => find(people, 'input[name=confirm]'), 'the confirmation', { timeout: SCREEN_MS });
    await expect(desk).to.be.accessible();
    await typeInto(find(people, 'input[name=confirm]')!, address);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => said(desk) == 'Erased: 1 comments and 1 messages.', `erased (${said(desk)})`, { timeout: SCREEN_MS });

    for (const needle of [words, address, 'Marta Ruiz']) expect((await control<{ found: boolean; table?: string }>(`holds?needle=${encodeURIComponent(needle)}`)).found, needle).to.be.false;
    const again = await (await fetch(`/admin/api/people?email=${encodeURIComponent(address)}`)).json();
    expect([again.comments.length, again.messages.length]).to.deep.equal([0, 0]);
  });

  it('Messages: the reply link carries the address and a subject, never the message; an address cannot smuggle in recipients or a body', async () => {
    const words = `My deportation hearing ${fresh()}`;
    // Valid for the form (one @, a dot after it), but a mailto: built from it as it is would add a Bcc and a body.
    const email = `ana.${fresh()}@example.com?bcc=spy%40evil.example&body=forged`;
    const m = await fetch('/api/desk/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ana Reyes', email, language: 'es', message: words, consent: true, firm_elapsed: 5000, key: fresh() }),
    });
    expect(m.status).to.equal(201);
    const desk = await signedInDesk();
    await go(desk, 'Messages');
    const card = () => [...(screenOf(desk).shadowRoot?.querySelectorAll<HTMLElement>('li.card') ?? [])].find((li) => li.textContent!.includes(words));
    await waitUntil(card, 'the message in the inbox', { timeout: SCREEN_MS });
    const link = card()!.querySelector<HTMLAnchorElement>('a[href^="mailto:"]')!;
    expect(link.textContent).to.equal(email);
    const href = new URL(link.href);
    expect([...href.searchParams.keys()]).to.deep.equal(['subject']);
    expect(href.searchParams.get('subject')).to.equal('Su mensaje');
    expect(decodeURIComponent(href.pathname)).to.equal(email);
    expect(link.href).not.to.contain(encodeURIComponent(words.split(' ')[1]));
    await expect(desk).to.be.accessible();
  });

  for (const lang of ['en', 'es']) {
    it(`axe finds nothing in any screen (${lang}), and every screen is reached by keyboard`, async () => {
      const thread = `/blog/${fresh()}/`;
      await postComment(thread, `A held comment to show (${lang}).`);
      const desk = await signedInDesk(lang);
      const labels = lang == 'es' ? ['Comentarios', 'Mensajes', 'Personas', 'Registro', 'Ajustes'] : ['Comments', 'Messages', 'People', 'Audit log', 'Settings'];
      expect(desk.shadowRoot!.querySelector('h1')!.textContent).to.equal(lang == 'es' ? 'Escritorio' : 'Desk');
      for (const label of labels) {
        await go(desk, label);
        // The new screen's heading has the focus.
        await waitUntil(() => screenOf(desk).shadowRoot!.activeElement?.tagName == 'H2', `${label}: focus on its heading (${document.activeElement?.tagName} > ${desk.shadowRoot!.activeElement?.tagName} > ${screenOf(desk).shadowRoot!.activeElement?.tagName})`, { timeout: SCREEN_MS });
        await expect(desk).to.be.accessible();
      }
    });
  }

  it('/admin itself: its own script under the strict policy renders the desk; signing in there works (its Origin passes)', async function () {
    this.timeout(30_000);
    const served = await fetch('/admin/');
    const policy = served.headers.get('content-security-policy')!;
    for (const part of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "require-trusted-types-for 'script'"]) expect(policy).to.contain(part);
    expect(await served.text()).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
    const who = await newStaff();
    await postComment('/built-desk', 'A comment held, so the navigation shows a count.');
    const frame = document.createElement('iframe');
    frame.title = 'the desk';
    frame.style.width = '375px';
    frame.style.height = '700px';
    document.body.append(frame);
    frame.src = '/admin/';
    const desk = () => frame.contentDocument?.querySelector('firm-desk') as FirmDesk | null;
    await waitUntil(() => desk()?.shadowRoot?.querySelector('input[name=email]'), 'the sign-in form', { timeout: 8000 });
    const violations: string[] = [];
    frame.contentDocument!.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    await typeInto(desk()!.shadowRoot!.querySelector<HTMLElement>('input[name=email]')!, who.email);
    await typeInto(desk()!.shadowRoot!.querySelector<HTMLElement>('input[name=password]')!, who.password);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => desk()!.shadowRoot!.querySelector('nav'), 'signed in', { timeout: 8000 });
    await waitUntil(() => screenOf(desk()!).shadowRoot?.querySelector('h2'), 'the queue', { timeout: SCREEN_MS });
    expect(violations).to.deep.equal([]);
    // The built script reads as the source does: its minifier once dropped the space before a
    // count's badge ("Comments2 waiting"), which only the bundle served here showed.
    const counted = [...desk()!.shadowRoot!.querySelectorAll('nav button')].filter((b) => b.querySelector('.badge'));
    expect(counted.length, 'a count in the navigation').to.be.above(0);
    for (const button of counted) expect(button.textContent!.trim()).to.match(/^\S+ \d+ waiting$/);
    frame.remove();
  });

  it('a moderator sees no audit log; the language button switches the desk to Spanish, for the next visit too', async () => {
    const desk = await signedInDesk('en', 'moderator');
    const nav = texts(desk, 'nav button');
    expect(nav.some((l) => l.startsWith('Audit'))).to.be.false;
    const audit = await fetch('/admin/api/audit');
    expect(audit.status).to.equal(403);
    desk.shadowRoot!.querySelector<HTMLButtonElement>('button[lang=es]')!.click();
    await waitUntil(() => desk.shadowRoot!.querySelector('h1')!.textContent == 'Escritorio', 'Spanish', { timeout: SCREEN_MS });
    await expect(desk).to.be.accessible();
    // The next visit: the page is in the browser's language again, the desk in the one chosen.
    document.documentElement.lang = 'en';
    const next = await fixture<FirmDesk>(html`<firm-desk></firm-desk>`);
    await waitUntil(() => next.checked, 'the desk asked who is signed in', { timeout: SCREEN_MS });
    expect(next.shadowRoot!.querySelector('h1')!.textContent).to.equal('Escritorio');
    localStorage.removeItem('firm-desk-language');
  });
});
