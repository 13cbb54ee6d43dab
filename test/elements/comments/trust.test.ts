import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import { clearDraft, flushDrafts } from '../../../src/core/drafts.js';
import type { CommentEvent } from '../../../src/elements/comments/comments.js';
import { q, qa, text, texts, fresh, make, fill, send, postJson, until, sentTo } from './helpers.js';

// What a visitor types stays theirs; an answer must prove delivery; odd data never breaks the list.

const REST = '/test-api/comments';
const ME = 'firm-widgets:draft:comments:me';
const MONTH = 30 * 864e5;
const device = (key: string) => JSON.parse(localStorage.getItem(key) ?? 'null');
const tab = (key: string) => JSON.parse(sessionStorage.getItem(key) ?? 'null');
const ours = (storage: Storage) => Object.keys(storage).filter((k) => k.startsWith('firm-widgets:'));
const button = (el: Element, label: string) => qa<HTMLButtonElement>(el, 'button').find((b) => b.textContent!.trim() === label);

describe('<firm-comments> keeps a visitor’s words theirs', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    clearDraft('comments:me');
  });
  afterEach(() => sinon.restore());

  it('keeps the draft for the tab only, and on the device for 30 days with keep-drafts="device"', async () => {
    const thread = fresh();
    let el = await make({ 'post-id': thread });
    await fill(el, { content: 'About my case' });
    flushDrafts();
    expect(tab(`firm-widgets:draft:comments:local::${thread}`).value).to.include({ name: 'Ana Reyes', content: 'About my case' });
    expect(ours(localStorage)).to.deep.equal([]);
    el = await make({ 'post-id': fresh(), 'keep-drafts': 'device' });
    await fill(el, { content: 'Kept on the device' });
    flushDrafts();
    const [key] = ours(localStorage);
    const kept = device(key);
    expect(kept.value).to.include({ content: 'Kept on the device' });
    expect(kept.until - kept.at).to.equal(MONTH);
  });

  it('keeps name, email, website and a held comment past the tab only with "Remember me", for 30 days', async () => {
    const thread = fresh();
    let el = await make({ endpoint: `${REST}?hold=1`, 'post-id': thread });
    await fill(el, { url: 'https://ana.example/' });
    expect(await send(el)).to.equal('Your comment is awaiting moderation.');
    flushDrafts();
    expect(ours(localStorage)).to.deep.equal([]);
    // The author still sees it in this tab.
    expect(tab(`firm-widgets:draft:pending:comments:rest:${REST}?hold=1:${thread}`).value).to.have.length(1);

    const other = fresh();
    el = await make({ endpoint: `${REST}?hold=1`, 'post-id': other });
    expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('');
    await fill(el, { url: 'https://ana.example/' });
    q<HTMLInputElement>(el, '[name=remember]').click();
    expect(await send(el)).to.equal('Your comment is awaiting moderation.');
    const me = device(ME);
    expect(me.value).to.include({ name: 'Ana Reyes', email: 'ana@example.test', url: 'https://ana.example/', content: '' });
    expect(me.until - me.at).to.equal(MONTH);
    const held = device(`firm-widgets:draft:pending:comments:rest:${REST}?hold=1:${other}`);
    expect(held.value.map((c: { content: string }) => c.content)).to.deep.equal(['Very helpful, thank you.']);
    expect(held.until - held.at).to.equal(MONTH);
  });

  it('forgets a held comment a month after it was written, when the server never lists it', async () => {
    const thread = fresh();
    const old = { id: 'h1', parent: '', author: 'Ana', url: '', date: new Date(Date.now() - 31 * 864e5).toISOString(), content: 'Spam-flagged long ago', hold: true };
    const recent = { ...old, id: 'h2', date: new Date().toISOString(), content: 'Still waiting' };
    localStorage.setItem(`firm-widgets:draft:pending:comments:local::${thread}`, JSON.stringify({ at: Date.now(), until: Date.now() + MONTH, value: [old, recent] }));
    const el = await make({ 'post-id': thread });
    expect(texts(el, '[part=content]')).to.deep.equal(['Still waiting']);
  });

  it('reads stored held comments defensively: fields that are not text do not throw', async () => {
    const thread = fresh();
    const odd = [{ id: 5, parent: null, author: 7, url: { href: 'x' }, date: [false], content: { text: 'x' }, html: 'yes' }, 'junk', null, 3, { id: 'ok', author: 'Ana', content: 'Fine', date: new Date().toISOString() }];
    sessionStorage.setItem(`firm-widgets:draft:pending:comments:local::${thread}`, JSON.stringify({ at: Date.now(), value: odd }));
    const el = await make({ 'post-id': thread });
    expect(texts(el, '[part=author]')).to.deep.equal(['7', 'Ana']);
    expect(qa(el, '[part=pending]')).to.have.length(2);
    await expect(el).to.be.accessible();
    const other = fresh();
    sessionStorage.setItem(`firm-widgets:draft:pending:comments:local::${other}`, JSON.stringify({ at: Date.now(), value: { not: 'a list' } }));
    const again = await make({ 'post-id': other });
    expect(text(again, '[part=empty]')).to.contain('There are no comments');
  });

  it('tells listeners ids and status, never a held comment’s words', async () => {
    const el = await make({ endpoint: `${REST}?hold=1`, 'post-id': fresh() });
    const posted = sinon.spy();
    el.addEventListener('firm-comment-posted', posted);
    await fill(el, { content: 'My landlord is evicting me' });
    await send(el);
    const { detail } = posted.firstCall.args[0] as CommentEvent;
    expect(Object.keys(detail).sort()).to.deep.equal(['id', 'parent', 'status']);
    expect(detail.status).to.equal('hold');
    expect(JSON.stringify(detail)).to.not.contain('landlord').and.not.contain('Ana');
  });

  it('deletes every copy with Discard ("Descartar"), "Remember me" included, and empties the form', async () => {
    const thread = fresh();
    const el = await make({ 'post-id': thread, 'keep-drafts': 'device' });
    await fill(el, { content: 'Second thoughts' });
    q<HTMLInputElement>(el, '[name=remember]').click();
    localStorage.setItem(ME, JSON.stringify({ at: Date.now() - 1000, until: Date.now() + MONTH, value: { name: 'Ana Reyes', remember: true } }));
    flushDrafts();
    expect(ours(localStorage)).to.have.length(2);
    const discard = button(el, 'Discard')!;
    expect(discard.getAttribute('part')).to.equal('button');
    discard.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(['name', 'email', 'url', 'content'].map((n) => q<HTMLInputElement>(el, `[name=${n}]`).value)).to.deep.equal(['', '', '', '']);
    expect(q<HTMLInputElement>(el, '[name=remember]').checked).to.be.false;
    await new Promise((r) => setTimeout(r, 300));
    expect(ours(localStorage)).to.deep.equal([]);
    expect(ours(sessionStorage)).to.deep.equal([]);
    await until(() => el.shadowRoot!.activeElement === q(el, '[name=name]'), 'focus on the name');
    await expect(el).to.be.accessible();
    const es = await make({ 'post-id': fresh() }, 'es');
    expect(button(es, 'Descartar')).to.exist;
  });

  /** A held comment sent with "Remember me" ticked (from the keyboard): name and held comment on the device. */
  async function heldAndRemembered() {
    const thread = fresh();
    const el = await make({ endpoint: `${REST}?hold=1`, 'post-id': thread });
    await fill(el, { url: 'https://ana.example/', content: 'My landlord is evicting me' });
    q<HTMLInputElement>(el, '[name=remember]').focus();
    // The space bar is ' ': WebDriver BiDi (Firefox) knows no key named 'Space'.
    await sendKeys({ press: ' ' });
    expect(await send(el)).to.equal('Your comment is awaiting moderation.');
    const pending = `firm-widgets:draft:pending:comments:rest:${REST}?hold=1:${thread}`;
    expect(device(ME).value).to.include({ name: 'Ana Reyes' });
    expect(device(pending).value).to.have.length(1);
    return { el, pending };
  }

  it('unticking "Remember me" takes name, email, website and held comments off the device at once', async () => {
    const { el, pending } = await heldAndRemembered();
    q<HTMLInputElement>(el, '[name=remember]').focus();
    await sendKeys({ press: ' ' });
    expect(q<HTMLInputElement>(el, '[name=remember]').checked).to.be.false;
    // At once: no send, no pause in typing.
    expect(localStorage.getItem(ME)).to.be.null;
    expect(ours(localStorage)).to.deep.equal([]);
    // The held comment is sent, not a draft: its author still sees it, in this tab only.
    expect(tab(pending).value.map((c: { content: string }) => c.content)).to.deep.equal(['My landlord is evicting me']);
    expect(qa(el, '[part=pending]')).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('Discard after a held comment sent with "Remember me" leaves nothing on the device; the held comment stays for this tab', async () => {
    const { el, pending } = await heldAndRemembered();
    await fill(el, { content: 'Second thoughts' });
    button(el, 'Discard')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    expect(ours(localStorage)).to.deep.equal([]);
    // What sessionStorage keeps is the held comment the server has, never the discarded words.
    expect(ours(sessionStorage).filter((k) => k.endsWith(pending.split(':').pop()!))).to.deep.equal([pending]);
    expect(sessionStorage.getItem(pending)).to.contain('My landlord');
    expect(sessionStorage.getItem(pending)).to.not.contain('Second thoughts');
    expect(qa(el, '[part=pending]')).to.have.length(1);
    expect(q<HTMLTextAreaElement>(el, '[name=content]').value).to.equal('');
  });

  it('reads only the form’s own fields from storage: a stored __proto__ or constructor reaches neither a prototype nor the server', async () => {
    const thread = fresh();
    const key = `firm-widgets:draft:comments:rest:${REST}:${thread}`;
    // Another script on the site (or an old version) wrote this; JSON keeps "__proto__" as a plain key.
    const poisoned = (at: number) =>
      `{"at":${at},"value":{"__proto__":{"since":1,"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":"Ana Reyes","email":"ana@example.test","content":{"text":"not text"},"polluted":"yes"}}`;
    sessionStorage.setItem(key, poisoned(Date.now()));
    const el = await make({ endpoint: REST, 'post-id': thread });
    expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('Ana Reyes');
    expect(q<HTMLTextAreaElement>(el, '[name=content]').value).to.equal('');
    // The same from another tab on the device.
    const newValue = poisoned(Date.now() + 1000);
    localStorage.setItem(key, newValue);
    dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));
    await el.updateComplete;
    await fill(el, { content: 'Is my visa still valid?' });
    await send(el);
    const [body] = await sentTo(`${REST}/_sent?thread=${thread}`);
    expect(body.content).to.equal('Is my visa still valid?');
    expect(Object.keys(body).filter((k) => ['__proto__', 'constructor', 'polluted'].includes(k))).to.deep.equal([]);
    // Typing began now, not at the stored prototype's "since" (which would pass the spam guard's wait).
    expect(body.firm_elapsed).to.be.below(MONTH);
    expect(({} as Record<string, unknown>).polluted).to.be.undefined;
  });
});

describe('<firm-comments> needs proof of delivery', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('keeps the comment and offers Try again when the endpoint answers 200 with a web page, in English and Spanish', async () => {
    for (const [lang, said, retry] of [
      ['en', 'The site’s answer was not understood. Your text is kept.', 'Try again'],
      ['es', 'No se entendió la respuesta del sitio. Su texto se guarda.', 'Reintentar'],
    ]) {
      const el = await make({ endpoint: `${REST}?fail=200`, 'post-id': fresh() }, lang);
      const failed = sinon.spy();
      el.addEventListener('firm-comment-error', failed);
      await fill(el);
      expect(await send(el)).to.equal(said);
      expect(q(el, 'form .primary').textContent!.trim()).to.equal(retry);
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Very helpful, thank you.');
      expect(qa(el, '[part=comment]')).to.have.length(0);
      expect((failed.firstCall.args[0] as CustomEvent).detail.kind).to.equal('unreadable');
    }
  });

  it('counts an empty 201 as delivered, and shows the comment as it was sent', async () => {
    const el = await make({ endpoint: `${REST}?empty=1`, 'post-id': fresh() });
    await fill(el);
    expect(await send(el)).to.equal('Thank you! Comment posted.');
    expect(texts(el, '[part=content]')).to.deep.equal(['Very helpful, thank you.']);
    expect(texts(el, '[part=author]')).to.deep.equal(['Ana Reyes']);
  });
});

describe('<firm-comments> with odd data', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it('renders a comment that is its own parent, a cycle and a duplicate once each, without recursing', async () => {
    const thread = fresh();
    const date = new Date().toISOString();
    await postJson(`${REST}/_seed`, {
      thread,
      comments: [
        { id: 'self', parent: 'self', author: 'Self', content: 'mine', date },
        { id: 'b', parent: 'c', author: 'B', content: 'b', date },
        { id: 'c', parent: 'b', author: 'C', content: 'c', date },
      ],
    });
    // The author's held copy of a comment the list also has (its id twice).
    const twice = { id: 'held', parent: '', author: 'Held', url: '', date, content: 'held', hold: true };
    sessionStorage.setItem(`firm-widgets:draft:pending:comments:rest:${REST}:${thread}`, JSON.stringify({ at: Date.now(), value: [twice, twice] }));
    const el = await make({ endpoint: REST, 'post-id': thread });
    expect(texts(el, '[part=author]').sort()).to.deep.equal(['B', 'C', 'Held', 'Self']);
    await expect(el).to.be.accessible();
  });

  it('shows names such as $& and $` as written', async () => {
    const thread = fresh();
    const date = new Date().toISOString();
    await postJson(`${REST}/_seed`, {
      thread,
      comments: [
        { id: 'p', parent: '', author: '$&', content: 'one', date },
        { id: 'r', parent: 'p', author: '$`', content: 'two', date },
      ],
    });
    const el = await make({ endpoint: REST, 'post-id': thread, 'max-depth': '1' });
    expect(qa(el, '[part=reply]').map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Reply to $&', 'Reply to $`']);
    expect(text(el, 'article small')).to.equal('In reply to $&');
  });
});
