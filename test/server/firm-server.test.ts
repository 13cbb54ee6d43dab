// The kit's elements against the real firm-widgets-server (test/servers/firm-server.mjs starts
// it): what a visitor does, end to end, across origins as on a real site.
import { expect, fixtureCleanup, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { make, fill, send, fresh, text, texts, q } from '../elements/comments/helpers.js';
import '../../src/elements/contact-form/contact-form.js';
import type { FirmContactForm } from '../../src/elements/contact-form/contact-form.js';

interface Held {
  id: number;
  author: string;
  content: string;
}
interface Stored {
  id: number;
  name: string;
  email: string;
  message: string;
  status: string;
  mail: string | null;
}

const api = async <T>(path: string, init?: RequestInit): Promise<T> => (await fetch(`/test-api/firm-server/${path}`, init)).json();

describe('the kit against firm-widgets-server', () => {
  let base = '';
  before(async function () {
    // The first request starts the server in the test runner's process (compiling its
    // TypeScript): on a loaded machine that takes longer than one test's 10 seconds.
    this.timeout(120_000);
    base = (await api<{ base: string }>('info')).base;
  });
  afterEach(() => {
    fixtureCleanup();
    sessionStorage.clear();
    localStorage.clear();
  });

  it('<firm-comments source="rest">: a comment is held, approved on the server, then listed to everyone', async () => {
    const thread = `/blog/${fresh()}/`;
    const endpoint = `${base}/api/browser/comments`;
    const el = await make({ source: 'rest', endpoint, 'post-id': thread });
    expect(text(el, '[part=empty]') || text(el, 'p')).to.contain('There are no comments');
    await fill(el, { content: 'Is the interview in English?\nOr in Spanish?' });
    await send(el);
    expect(text(el, '[part=pending]')).to.contain('awaiting moderation');

    const held = await api<Held[]>(`held?thread=${encodeURIComponent(thread)}`);
    expect(held.map((h) => [h.author, h.content])).to.deep.equal([['Ana Reyes', 'Is the interview in English?\nOr in Spanish?']]);
    // Not listed before a moderator approves it.
    const before = await (await fetch(`${endpoint}?thread=${encodeURIComponent(thread)}`)).json();
    expect(before).to.deep.equal({ total: 0, comments: [] });
    expect((await api<{ approved: number[] }>(`approve?id=${held[0].id}`, { method: 'POST' })).approved).to.deep.equal([held[0].id]);

    // Another visitor (a fresh page) sees it.
    fixtureCleanup();
    sessionStorage.clear();
    localStorage.clear();
    const other = await make({ source: 'rest', endpoint, 'post-id': thread });
    expect(text(other, '[part=heading]')).to.equal('1 Comment');
    expect(texts(other, '[part=author]')).to.deep.equal(['Ana Reyes']);
    expect(q(other, '[part=comment]').textContent).to.contain('Or in Spanish?');
    await expect(other).to.be.accessible();
  });

  it('<firm-comments source="rest">: the server’s refusal of a duplicate is said, and the text kept', async () => {
    const thread = `/blog/${fresh()}/`;
    const el = await make({ source: 'rest', endpoint: `${base}/api/browser/comments`, 'post-id': thread });
    await fill(el, { content: 'Same words twice.' });
    await send(el);
    await fill(el, { content: 'Same words twice.' });
    q<HTMLButtonElement>(el, 'form .primary').click();
    await waitUntil(() => text(el, 'form [part=status]') == 'You already sent this.', `the duplicate said (status: ${text(el, 'form [part=status]')})`);
    expect(q<HTMLTextAreaElement>(el, '[name=content]').value).to.equal('Same words twice.');
    await expect(el).to.be.accessible();
  });

  it('<firm-comments source="rest">: "Email me when someone replies" ticked, the commenter is mailed a confirmation link in the form’s language', async () => {
    const thread = `/blog/${fresh()}/`;
    const address = `ana.${fresh()}@example.com`;
    const el = await make({ source: 'rest', endpoint: `${base}/api/browser/comments`, 'post-id': thread }, 'es');
    await fill(el, { email: address, content: '¿Me avisan cuando respondan?' });
    q<HTMLInputElement>(el, '[name=notify]').focus();
    // The space bar is ' ': WebDriver BiDi (Firefox) knows no key named 'Space'.
    await sendKeys({ press: ' ' });
    // Nothing is mailed about replies before the commenter confirms: the form says where to look.
    expect(await send(el)).to.equal('Su comentario está pendiente de moderación. Revise su correo para confirmar.');

    // Another engine's test may be running the same mail worker at this moment (and sending this
    // mail): ask until the file is written.
    let mails: string[] = [];
    for (let tries = 0; tries < 20 && !mails.length; tries++) {
      if (tries) await new Promise((r) => setTimeout(r, 250));
      mails = await api<string[]>(`mail?to=${encodeURIComponent(address)}`, { method: 'POST' });
    }
    expect(mails, 'one confirmation mail to the commenter').to.have.length(1);
    // Double opt-in: a link to confirm, in Spanish; no reply is mailed before it is confirmed.
    expect(mails[0]).to.match(/^Subject: .*Confirme los avisos de respuestas/m);
    expect(mails[0]).to.match(/\/link\/\S+/);
    // Unticked, nobody is written to.
    const other = `ben.${fresh()}@example.com`;
    await fill(el, { email: other, content: 'No mail for me, thanks.' });
    expect(await send(el)).to.equal('Su comentario está pendiente de moderación.');
    expect(await api<string[]>(`mail?to=${encodeURIComponent(other)}`, { method: 'POST' })).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  for (const encoding of ['json', 'form']) {
    it(`<firm-contact-form source="rest" encoding="${encoding}">: the message is stored, then mailed to the staff`, async () => {
      const wrap = document.createElement('div');
      wrap.lang = 'en';
      document.body.append(wrap);
      const el = document.createElement('firm-contact-form') as FirmContactForm;
      el.setAttribute('endpoint', `${base}/api/browser/messages`);
      el.setAttribute('encoding', encoding);
      wrap.append(el);
      await waitUntil(() => el.shadowRoot?.querySelector('[name=message]'), 'the form');
      const words = `Please call me about my visa (${encoding}, ${fresh()}).`;
      for (const [name, value] of [['name', 'Ana Reyes'], ['email', 'ana@example.com'], ['message', words]]) {
        el.shadowRoot!.querySelector<HTMLInputElement>(`[name=${name}]`)!.focus();
        await sendKeys({ type: value });
      }
      el.shadowRoot!.querySelector<HTMLInputElement>('[name=consent]')!.focus();
      // The space bar is ' ': WebDriver BiDi (Firefox) knows no key named 'Space'.
      await sendKeys({ press: ' ' });
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part=button]')!.click();
      const status = () => el.shadowRoot!.querySelector('[part=status]')!.textContent!.trim();
      // On a timeout, say what the form shows: a box left unchecked reads very differently from a server's refusal.
      await waitUntil(() => status().includes('Thank you'), 'the thank-you', { timeout: 8000 }).catch(() => {
        const consent = el.shadowRoot!.querySelector<HTMLInputElement>('[name=consent]')!.checked;
        const summary = el.shadowRoot!.querySelector('[part=summary]')?.textContent?.trim();
        throw new Error(`no thank-you: status "${status()}", summary "${summary}", consent ${consent ? 'checked' : 'unchecked'}, page focused: ${document.hasFocus()}`);
      });
      await expect(el).to.be.accessible();

      const stored = (await api<Stored[]>('messages')).filter((m) => m.message == words);
      expect(stored.map((m) => [m.name, m.email, m.status, m.mail])).to.deep.equal([['Ana Reyes', 'ana@example.com', 'received', 'queued']]);
      const files = await api<string[]>('outbox', { method: 'POST' });
      expect(files).to.include(`${stored[0].id}.eml`);
      expect((await api<Stored[]>('messages')).find((m) => m.id == stored[0].id)!.mail).to.equal('sent');
      wrap.remove();
    });
  }
});
