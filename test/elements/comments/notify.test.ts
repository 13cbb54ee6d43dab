// "Email me when someone replies" (issue 14, item 5): offered only where a server sends the mail
// (the `rest` source), sent as `notify: true` with the form's language, kept in the tab's draft,
// and never sent without an email.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { clearDraft } from '../../../src/core/drafts.js';
import { viewport } from '../../page.js';
import { q, text, texts, fresh, freshPost, make, fill, send, type, until, sentTo } from './helpers.js';

const REST = '/test-api/comments';
const box = (el: Element) => q<HTMLInputElement>(el, '[name=notify]');

/** Ticks (or unticks) the box as a visitor does from the keyboard: focus, then the space bar (' ': WebDriver BiDi knows no 'Space'). */
async function toggle(el: Element) {
  box(el).focus();
  await sendKeys({ press: ' ' });
}

describe('<firm-comments>: mail about replies', () => {
  beforeEach(async () => {
    localStorage.clear();
    sessionStorage.clear();
    clearDraft('comments:me');
    // A phone first: the box and its label must fit.
    await viewport({ width: 360, height: 740 });
  });
  after(() => viewport({ width: 800, height: 600 }));

  it('rest: the box is offered unticked; ticked, the comment carries notify and the form’s language; then it is unticked again', async () => {
    const thread = fresh();
    const el = await make({ endpoint: REST, 'post-id': thread });
    expect(texts(el, 'label:not(.hp)')).to.deep.equal(['Name', 'Email (never published)', 'Website (optional)', 'Comment', 'Email me when someone replies', 'Remember me in this browser']);
    expect(box(el).checked).to.be.false;
    await expect(el).to.be.accessible();

    await fill(el, { content: 'Tell me when the firm answers.' });
    await toggle(el);
    expect(box(el).checked).to.be.true;
    // The server mails a link to confirm first: the commenter is told to look for it.
    expect(await send(el)).to.equal('Thank you! Comment posted. Check your email to confirm.');
    const [first] = await sentTo(`${REST}/_sent?thread=${thread}`);
    expect([first.notify, first.lang, first.email]).to.deep.equal([true, 'en', 'ana@example.test']);

    // One comment at a time: the next one asks again.
    expect(box(el).checked).to.be.false;
    await type(el, 'content', 'A second thought, no mail.');
    expect(await send(el)).to.equal('Thank you! Comment posted.');
    const [, second] = await sentTo(`${REST}/_sent?thread=${thread}`);
    expect(second.content).to.equal('A second thought, no mail.');
    expect('notify' in second || 'lang' in second, 'neither notify nor lang unticked').to.be.false;
    await expect(el).to.be.accessible();
  });

  it('rest, in Spanish: the box says so, and the mail’s language sent is "es"', async () => {
    const thread = fresh();
    const el = await make({ source: 'rest', endpoint: REST, 'post-id': thread }, 'es-MX');
    expect(text(el, 'label:has([name=notify])')).to.equal('Avísenme por correo cuando alguien responda');
    await fill(el, { content: 'Avíseme, por favor.' });
    await toggle(el);
    expect(await send(el)).to.equal('¡Gracias! Comentario publicado. Revise su correo para confirmar.');
    const [body] = await sentTo(`${REST}/_sent?thread=${thread}`);
    expect([body.notify, body.lang]).to.deep.equal([true, 'es']);
    await expect(el).to.be.accessible();
  });

  it('says nothing about mail the commenter did not ask for, nor when the server does not say a link was mailed', async () => {
    // A server that says "confirm" to a comment that asked for no mail.
    const stray = await make({ endpoint: `${REST}?confirm=1`, 'post-id': fresh() });
    await fill(stray, { content: 'No mail, please.' });
    expect(await send(stray)).to.equal('Thank you! Comment posted.');
    // Asked for, but the answer is an empty 201: it proves delivery, and says nothing of a mail.
    const empty = await make({ endpoint: `${REST}?empty=1`, 'post-id': fresh() });
    await fill(empty, { content: 'Mail me.' });
    await toggle(empty);
    expect(await send(empty)).to.equal('Thank you! Comment posted.');
    await expect(empty).to.be.accessible();
  });

  it('the ticked box is kept in the tab’s draft with the other fields (a reload finds it ticked)', async () => {
    const thread = fresh();
    let el = await make({ endpoint: REST, 'post-id': thread });
    await type(el, 'content', 'Half written');
    await toggle(el);
    // The draft is written after a short pause in typing.
    await until(() => Object.values(sessionStorage).some((v: string) => v.includes('"notify":true')), 'the draft written');
    el.remove();
    el = await make({ endpoint: REST, 'post-id': thread });
    expect(q<HTMLTextAreaElement>(el, '[name=content]').value).to.equal('Half written');
    expect(box(el).checked).to.be.true;

    // Discard forgets it too.
    q<HTMLButtonElement>(el, 'form [part=button]:not(.primary)').click();
    await el.updateComplete;
    expect(box(el).checked).to.be.false;
  });

  for (const lang of ['en', 'es']) {
    it(`ticked with no email (${lang}): the email field says why, takes focus, and nothing is sent`, async () => {
      const thread = fresh();
      const el = await make({ endpoint: REST, 'post-id': thread }, lang);
      await type(el, 'name', 'Ana Reyes');
      await type(el, 'content', 'Mail me, but I forgot my address.');
      await toggle(el);
      q<HTMLButtonElement>(el, 'form .primary').click();
      const email = q<HTMLInputElement>(el, '[name=email]');
      await until(() => email.getAttribute('aria-invalid') == 'true', 'the email field marked');
      await el.updateComplete;
      const said = q(el, `#${email.getAttribute('aria-describedby')}`).textContent;
      expect(said).to.equal(lang == 'es' ? 'Escriba un correo válido.' : 'Please enter a valid email.');
      expect(el.shadowRoot!.activeElement).to.equal(email);
      expect(await sentTo(`${REST}/_sent?thread=${thread}`)).to.deep.equal([]);
      // Nothing the visitor chose is lost.
      expect(box(el).checked).to.be.true;
      await expect(el).to.be.accessible();

      await type(el, 'email', 'ana@example.test');
      await send(el);
      const [body] = await sentTo(`${REST}/_sent?thread=${thread}`);
      expect([body.notify, body.email]).to.deep.equal([true, 'ana@example.test']);
    });
  }

  it('not offered where nothing would send the mail: source="wordpress" and the tab alone (local)', async () => {
    const wp = await make({ source: 'wordpress', endpoint: '/test-wpc/pretty/ok', 'post-id': freshPost() });
    expect(q(wp, 'form'), 'the WordPress form').to.exist;
    expect(box(wp)).to.be.null;
    expect(texts(wp, 'label:not(.hp)')).to.not.include('Email me when someone replies');
    await expect(wp).to.be.accessible();

    const local = await make({ 'post-id': fresh() });
    expect(q(local, 'form'), 'the local form').to.exist;
    expect(box(local)).to.be.null;
    await expect(local).to.be.accessible();
  });

  it('no-notify: a rest server that sends no such mail hides the box, and a draft that had it ticked sends nothing of it', async () => {
    const thread = fresh();
    const el = await make({ endpoint: REST, 'post-id': thread });
    await fill(el, { content: 'Ticked, then the webmaster turns it off.' });
    await toggle(el);
    el.noNotify = true;
    await el.updateComplete;
    expect(el.hasAttribute('no-notify'), 'reflected').to.be.true;
    expect(box(el)).to.be.null;
    await expect(el).to.be.accessible();
    await send(el);
    const [body] = await sentTo(`${REST}/_sent?thread=${thread}`);
    expect(body.content).to.equal('Ticked, then the webmaster turns it off.');
    expect('notify' in body || 'lang' in body).to.be.false;
  });

  it('WordPress is sent neither notify nor lang', async () => {
    const post = freshPost();
    const wp = await make({ source: 'wordpress', endpoint: '/test-wpc/pretty/ok', 'post-id': post });
    await fill(wp, { content: 'On WordPress.' });
    await send(wp);
    const [body] = await sentTo(`/test-wpc/_sent?post=${post}`);
    expect(body.content).to.equal('On WordPress.');
    expect('notify' in body || 'lang' in body).to.be.false;
  });
});
