import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import sinon from 'sinon';
import type { FirmComments, CommentEvent, CommentErrorEvent, CommentsLoadedEvent } from '../../../src/elements/comments/comments.js';
import { clearDraft } from '../../../src/core/drafts.js';
import { q, qa, text, texts, fresh, freshPost, until, make, settled, type, fill, submit, send, postJson, sentTo } from './helpers.js';

const REST = '/test-api/comments';
const seedRest = (thread: string, comments: object[]) => postJson(`${REST}/_seed`, { thread, comments });
const day = (n: number) => new Date(Date.parse('2026-03-10T15:00:00Z') - n * 864e5).toISOString();

describe('<firm-comments>', () => {
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    // "Remember me" from an earlier test is also in this page's memory.
    clearDraft('comments:me');
    warnings = [];
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    sinon.restore();
  });

  describe('with no endpoint (local source)', () => {
    it('says there are no comments yet and offers the form, accessibly', async () => {
      const el = await make({ 'post-id': fresh() });
      expect(text(el, '[part=empty]')).to.equal('There are no comments for this post. Be the first to add yours below.');
      expect(text(el, 'h3')).to.equal('Leave a Comment');
      expect(texts(el, 'label:not(.hp)')).to.deep.equal(['Name', 'Email (never published)', 'Website (optional)', 'Comment', 'Remember me in this browser']);
      await expect(el).to.be.accessible();
    });

    it('posts a comment, shows it at once and keeps the name for the next one', async () => {
      const el = await make({ 'post-id': fresh() });
      const posted = sinon.spy();
      el.addEventListener('firm-comment-posted', posted);
      await fill(el, { content: 'First line\nsecond line\n\nNew paragraph' });
      expect(await send(el)).to.equal('Thank you! Comment posted.');
      expect(text(el, '[part=heading]')).to.equal('1 Comment');
      expect(text(el, '[part=author]')).to.equal('Ana Reyes');
      expect(text(el, '[part=avatar]')).to.equal('AR');
      expect(q(el, '[part=content]').textContent).to.equal('First line\nsecond line\n\nNew paragraph');
      expect(getComputedStyle(q(el, '[part=content]')).whiteSpace).to.equal('pre-wrap');
      expect(text(el, 'time')).to.match(/^[A-Z][a-z]+ \d+, \d{4} · (now|\d+ seconds? ago)$/);
      sinon.useFakeTimers({ now: Date.now() + 2 * 864e5, toFake: ['Date'] });
      el.requestUpdate();
      await el.updateComplete;
      expect(text(el, 'time')).to.match(/^[A-Z][a-z]+ \d+, \d{4} · 2 days ago$/);
      expect(q(el, 'time').getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
      const event = posted.firstCall.args[0] as CommentEvent;
      // Ids and status, never the words.
      expect(Object.keys(event.detail).sort()).to.deep.equal(['id', 'parent', 'status']);
      expect(event.detail).to.include({ parent: '', status: 'approved' });
      expect(event.detail.id).to.be.a('string').and.not.equal('');
      expect(event.bubbles && event.composed).to.be.true;
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('');
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('Ana Reyes');
      // The new comment has focus, so keyboard and screen-reader users land on it.
      expect(el.shadowRoot!.activeElement).to.equal(q(el, 'article'));
      await expect(el).to.be.accessible();
    });

    it('ties each error to its field, moves focus to the first and says it in Spanish too', async () => {
      const el = await make({ 'post-id': fresh() });
      await type(el, 'email', 'not-an-email');
      await type(el, 'url', 'javascript:alert(1)');
      submit(el);
      await el.updateComplete;
      await until(() => el.shadowRoot!.activeElement === q(el, '#name'), 'focus on the name');
      const invalid = qa<HTMLInputElement>(el, '[aria-invalid=true]').map((f) => f.name);
      expect(invalid).to.deep.equal(['name', 'email', 'url', 'content']);
      expect(q(el, '#email').getAttribute('aria-describedby')).to.equal('email-error');
      expect(text(el, '#email-error')).to.equal('Please enter a valid email.');
      expect(text(el, '#content-error')).to.equal('Please write your comment.');
      await expect(el).to.be.accessible();
      el.parentElement!.lang = 'es';
      await until(() => text(el, '#name-error') === 'Escriba su nombre.' || (submit(el), false), 'Spanish errors');
      expect(text(el, 'h3')).to.equal('Deje un comentario');
      await expect(el).to.be.accessible();
    });

    it('refuses a website that is not http(s), reads a bare name as https, and links the author to it', async () => {
      const el = await make({ 'post-id': fresh() });
      await fill(el, { url: 'javascript:alert(1)' });
      submit(el);
      await until(() => text(el, '#url-error') === 'Please enter a valid website.', 'the website refused');
      await type(el, 'url', 'reyes-law.example');
      await send(el);
      expect(q<HTMLAnchorElement>(el, '[part=author] a').href).to.equal('https://reyes-law.example/');
      expect(q(el, '[part=author] a').getAttribute('rel')).to.equal('nofollow ugc noopener');
    });

    it('hides the website field with no-website', async () => {
      const el = await make({ 'post-id': fresh(), 'no-website': true });
      expect(q(el, '[name=url]')).to.be.null;
    });

    it('keeps the draft through a reload, and clears it only when the comment is accepted', async () => {
      const thread = fresh();
      let el = await make({ 'post-id': thread });
      await fill(el, { content: 'Half-written thought' });
      // The page goes away (a crash, a closed tab): pagehide flushes the draft at once.
      dispatchEvent(new Event('pagehide'));
      el.remove();
      el = await make({ 'post-id': thread });
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('Ana Reyes');
      expect(q<HTMLInputElement>(el, '[name=email]').value).to.equal('ana@example.test');
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Half-written thought');
      // Another thread keeps its own draft.
      const other = await make({ 'post-id': fresh() });
      expect(q<HTMLTextAreaElement>(other, 'textarea').value).to.equal('');
      await send(el);
      el.remove();
      el = await make({ 'post-id': thread });
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('');
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('');
    });

    it('shows each thread’s own draft when post-id changes', async () => {
      const [a, b] = [fresh(), fresh()];
      const el = await make({ 'post-id': a });
      await fill(el, { content: 'For thread a' });
      el.postId = b;
      await until(() => q<HTMLTextAreaElement>(el, 'textarea').value === '', 'thread b’s empty draft');
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('');
      await type(el, 'content', 'For thread b');
      el.postId = a;
      await until(() => q<HTMLTextAreaElement>(el, 'textarea').value === 'For thread a', 'thread a’s draft');
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('Ana Reyes');
      el.postId = b;
      await until(() => q<HTMLTextAreaElement>(el, 'textarea').value === 'For thread b', 'thread b’s draft');
    });

    it('keeps a draft typed a moment ago, debounced', async () => {
      const thread = fresh();
      const el = await make({ 'post-id': thread });
      await type(el, 'content', 'typed');
      await until(() => sessionStorage.getItem(`firm-widgets:draft:comments:local::${thread}`)?.includes('typed'), 'the debounced save');
    });

    it('remembers name, email and website across threads only when asked', async () => {
      let el = await make({ 'post-id': fresh() });
      await fill(el, { url: 'https://ana.example/' });
      await send(el);
      let next = await make({ 'post-id': fresh() });
      expect(q<HTMLInputElement>(next, '[name=name]').value).to.equal('');
      el = await make({ 'post-id': fresh() });
      await fill(el, { url: 'https://ana.example/' });
      q<HTMLInputElement>(el, '[name=remember]').click();
      await send(el);
      next = await make({ 'post-id': fresh() });
      expect(q<HTMLInputElement>(next, '[name=name]').value).to.equal('Ana Reyes');
      expect(q<HTMLInputElement>(next, '[name=email]').value).to.equal('ana@example.test');
      expect(q<HTMLInputElement>(next, '[name=url]').value).to.equal('https://ana.example/');
      expect(q<HTMLInputElement>(next, '[name=remember]').checked).to.be.true;
    });

    it('is complete by keyboard, and the spam trap is out of reach', async () => {
      const el = await make({ 'post-id': fresh() });
      q(el, '#name').focus();
      const order = [];
      for (let i = 0; i < 5; i++) {
        await sendKeys({ press: 'Tab' });
        const a = el.shadowRoot!.activeElement as HTMLInputElement;
        order.push(a.name || a.textContent!.trim());
      }
      expect(order).to.deep.equal(['email', 'url', 'content', 'remember', 'Post Comment']);
      const trap = q<HTMLInputElement>(el, '[name=url_confirm]');
      expect(trap.closest('[aria-hidden=true]')).to.exist;
      expect((trap.closest('.hp') as HTMLElement).inert).to.be.true;
    });
  });

  describe('with the rest source', () => {
    it('lists threaded replies, nests them up to max-depth and says whom deeper ones answer', async () => {
      const thread = fresh();
      await seedRest(thread, [{ id: 'a', author: 'Ana', content: 'Top', date: day(5) }]);
      await seedRest(thread, [{ id: 'b', parent: 'a', author: 'Ben', content: 'Reply', date: day(4) }]);
      await seedRest(thread, [{ id: 'c', parent: 'b', author: 'Cruz', content: 'Deeper', date: day(3) }]);
      await seedRest(thread, [{ id: 'd', parent: 'c', author: 'Dee', url: 'https://dee.example/', content: 'Deepest', date: day(2) }]);
      await seedRest(thread, [{ id: 'e', author: 'Eve', content: 'Second', date: day(1) }]);
      sinon.useFakeTimers({ now: Date.parse('2026-03-10T15:00:00Z'), toFake: ['Date'] });
      const el = await make({ endpoint: REST, 'post-id': thread, 'max-depth': '3' });
      expect(text(el, '[part=heading]')).to.equal('5 Comments');
      const top = q(el, '[part=list]');
      expect([...top.children].map((li) => li.querySelector('[part=author]')!.textContent)).to.deep.equal(['Ana', 'Eve']);
      const dee = qa(el, '[part=comment]').find((li) => li.querySelector('[part=author]')!.textContent === 'Dee')!;
      // Depth 3 holds Cruz; Dee comes after Cruz at the same depth, saying whom she answers.
      expect(dee.parentElement!.closest('[part=comment]')!.querySelector('[part=author]')!.textContent).to.equal('Ben');
      expect(dee.querySelector('small')!.textContent).to.equal('In reply to Cruz');
      expect(text(el, 'time')).to.equal('March 5, 2026 · 5 days ago');
      await expect(el).to.be.accessible();
    });

    it('touches only the form when the visitor types: nothing of the list is redrawn, and the list is laid out on its own', async () => {
      const thread = fresh();
      await seedRest(thread, [1, 2, 3, 4].map((i) => ({ id: `k${i}`, parent: i === 2 ? 'k1' : '', author: `P${i}`, content: `c${i}`, date: day(10 - i) })));
      const el = await make({ endpoint: REST, 'post-id': thread });
      const changed: Node[] = [];
      const watch = new MutationObserver((records) => changed.push(...records.map((r) => r.target)));
      watch.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
      await type(el, 'content', 'Thank you');
      await el.updateComplete;
      watch.disconnect();
      expect(changed.filter((n) => !q(el, 'form').contains(n))).to.be.empty;
      // Layout containment: beside 1,000 comments a keystroke took 67–110 ms at 4× CPU without
      // it (Chromium's pre-paint and paint walked every comment); 15–25 ms with it.
      for (const list of qa(el, '[part=list]')) expect(getComputedStyle(list).contain).to.contain('layout');
    });

    it('makes the formatters for dates and the count while the answer travels, not while drawing the first comments', async () => {
      const post = freshPost();
      await postJson('/test-wpc/_seed', { post: Number(post), comments: [{ id: Number(post), parent: 0, author_name: 'Ana', author_url: '', date_gmt: day(2).slice(0, 19), rendered: '<p>Top</p>' }] });
      // A language no other test uses: its formatters are made here.
      const tag = 'es-CL';
      const dates = sinon.spy(Intl, 'DateTimeFormat');
      const counts = sinon.spy(Intl, 'PluralRules');
      try {
        const wrap = await fixture<HTMLElement>(html`<div lang=${tag}></div>`);
        const el = document.createElement('firm-comments');
        el.setAttribute('eager', '');
        // The list's answer comes 400 ms after it is asked for, as from a real site.
        el.setAttribute('source', 'wordpress');
        el.setAttribute('endpoint', '/test-wpc/link/list-slow');
        el.setAttribute('post-id', post);
        wrap.append(el);
        await until(() => dates.args.some(([made]) => made === tag) && counts.args.some(([made]) => made === tag), 'the formatters');
        expect(qa(el, '[part=comment]'), 'made before any comment is drawn').to.be.empty;
        await until(() => qa(el, '[part=comment]').length, 'the comment');
      } finally {
        dates.restore();
        counts.restore();
      }
    });

    it('renders nothing for a keystroke that changes nothing but its field, and still clears an error as it is fixed', async () => {
      const thread = fresh();
      const el = await make({ endpoint: REST, 'post-id': thread });
      submit(el);
      await until(() => text(el, '#content-error'), 'the errors');
      await type(el, 'name', 'A');
      await el.updateComplete;
      expect(text(el, '#name-error'), 'the fixed field’s error goes').to.equal('');
      const renders = sinon.spy(el, 'render');
      await type(el, 'name', 'Ana Reyes');
      await el.updateComplete;
      expect(renders.callCount, 'no render while typing in a field with no error').to.equal(0);
      expect(text(el, '#content-error'), 'the other errors stay').to.equal('Please write your comment.');
      // Nothing typed is lost: the draft keeps it without a render.
      await until(() => sessionStorage.getItem(`firm-widgets:draft:comments:rest:${REST}:${thread}`)?.includes('Ana Reyes'), 'the draft saved');
      await type(el, 'content', 'Thank you');
      await el.updateComplete;
      expect(renders.callCount, 'one render: the comment’s error goes').to.equal(1);
      expect(text(el, '#content-error')).to.equal('');
      expect(q<HTMLInputElement>(el, '[name=name]').value).to.equal('Ana Reyes');
    });

    it('makes each comment once while a long list is drawn part by part', async () => {
      const thread = fresh();
      const count = 130;
      await seedRest(thread, Array.from({ length: count }, (_, i) => ({ id: `m${i}`, author: `P${i}`, content: `c${i}`, date: day(count - i) })));
      // Each comment's "… days ago" is formatted once when its template is made: count those.
      const dates = sinon.spy(Intl.RelativeTimeFormat.prototype, 'format');
      const el = await make({ endpoint: REST, 'post-id': thread, 'page-size': String(count) });
      expect(qa(el, '[part=comment]')).to.have.length(count);
      // Drawn in four parts, the comments of each earlier part were made again with each (340).
      expect(dates.callCount).to.equal(count);
    });

    it('shows max-depth 1 as a flat list', async () => {
      const thread = fresh();
      await seedRest(thread, [{ id: 'a', author: 'Ana', content: 'Top', date: day(2) }, { id: 'b', parent: 'a', author: 'Ben', content: 'Reply', date: day(1) }]);
      const el = await make({ endpoint: REST, 'post-id': thread, 'max-depth': '1' });
      expect(qa(el, '[part=list]')).to.have.length(1);
      expect(texts(el, 'article small')).to.deep.equal(['In reply to Ana']);
    });

    it('loads more a page at a time, moving focus to the first new comment', async () => {
      const thread = fresh();
      await seedRest(thread, [1, 2, 3, 4, 5].map((i) => ({ author: `P${i}`, content: `c${i}`, date: day(10 - i) })));
      const el = await make({ endpoint: REST, 'post-id': thread, 'page-size': '2' });
      expect(texts(el, '[part=author]')).to.deep.equal(['P1', 'P2']);
      expect(text(el, '[part=more]')).to.equal('Load more comments');
      q(el, '[part=more]').click();
      await until(() => qa(el, '[part=comment]').length === 4, 'page 2');
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement?.textContent).to.contain('P3');
      q(el, '[part=more]').click();
      await until(() => qa(el, '[part=comment]').length === 5, 'page 3');
      expect(q(el, '[part=more]')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('gives the page its count with firm-comments-loaded, for each page', async () => {
      const thread = fresh();
      await seedRest(thread, [1, 2, 3].map((i) => ({ author: `P${i}`, content: 'x' })));
      const loaded = sinon.spy();
      document.addEventListener('firm-comments-loaded', loaded);
      try {
        const el = await make({ endpoint: REST, 'post-id': thread, 'page-size': '2' });
        expect(loaded.callCount).to.equal(1);
        const event = loaded.firstCall.args[0] as CommentsLoadedEvent;
        expect([event.detail, event.bubbles, event.composed, event.target]).to.deep.equal([{ total: 3 }, true, true, el]);
        q(el, '[part=more]').click();
        await until(() => loaded.callCount === 2, 'page 2');
        expect((loaded.secondCall.args[0] as CommentsLoadedEvent).detail.total).to.equal(3);
        expect(qa(el, '[part=comment]')).to.have.length(3);
      } finally {
        document.removeEventListener('firm-comments-loaded', loaded);
      }
    });

    it('shows the avatar field’s picture only with avatars, and never a javascript: one', async () => {
      const thread = fresh();
      const pic = `${location.origin}/test-avatars/${thread}.png`;
      await seedRest(thread, [
        { author: 'Ana Reyes', avatar: pic, content: 'x', date: day(2) },
        { author: 'Ben Ortiz', avatar: 'javascript:alert(1)', content: 'y', date: day(1) },
      ]);
      let el = await make({ endpoint: REST, 'post-id': thread });
      expect(q(el, 'img')).to.be.null;
      expect(texts(el, '[part=avatar]')).to.deep.equal(['AR', 'BO']);
      el.remove();
      el = await make({ endpoint: REST, 'post-id': thread, avatars: true });
      expect(qa<HTMLImageElement>(el, 'img').map((i) => [i.getAttribute('part'), i.getAttribute('src')])).to.deep.equal([['avatar', pic]]);
      expect(texts(el, '[part=avatar]')).to.deep.equal(['', 'BO']);
      await expect(el).to.be.accessible();
    });

    it('turns to newest first with the toggle and the order attribute', async () => {
      const thread = fresh();
      await seedRest(thread, [1, 2, 3].map((i) => ({ author: `P${i}`, content: 'x', date: day(10 - i) })));
      const el = await make({ endpoint: REST, 'post-id': thread, 'page-size': '2' });
      const toggle = q(el, '[part=order]');
      expect([toggle.textContent!.trim(), toggle.getAttribute('aria-pressed')]).to.deep.equal(['Newest first', 'false']);
      toggle.click();
      await until(() => texts(el, '[part=author]').join() === 'P3,P2', 'newest first');
      expect(el.getAttribute('order')).to.equal('newest');
      expect(q(el, '[part=order]').getAttribute('aria-pressed')).to.equal('true');
      q(el, '[part=more]').click();
      await until(() => texts(el, '[part=author]').join() === 'P3,P2,P1', 'page 2, newest first');
    });

    it('answers a comment under it, and the reply appears nested', async () => {
      const thread = fresh();
      await seedRest(thread, [{ id: 'r1', author: 'Ana', content: 'Question?', date: day(1) }]);
      const el = await make({ endpoint: REST, 'post-id': thread });
      const reply = q(el, '[part=reply]');
      expect(reply.getAttribute('aria-label')).to.equal('Reply to Ana');
      reply.click();
      await until(() => el.shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'focus in the reply form');
      expect(q(el, '[part=comment] form')).to.exist;
      expect(text(el, 'h3')).to.equal('Reply to Ana');
      await expect(el).to.be.accessible();
      await fill(el, { name: 'Ben', content: 'An answer' });
      await send(el);
      const nested = q(el, '[part=comment] [part=list] [part=comment]');
      expect(nested.querySelector('[part=author]')!.textContent).to.equal('Ben');
      expect((await sentTo(`${REST}/_sent?thread=${thread}`))[0].parent).to.equal('r1');
      // The form went back below the list.
      expect([...el.shadowRoot!.children].some((c) => c.tagName === 'FORM')).to.be.true;
    });

    it('keeps the reply target in the draft through a reload, and cancels it', async () => {
      const thread = fresh();
      await seedRest(thread, [{ id: 'k1', author: 'Ana', content: 'Q', date: day(1) }]);
      let el = await make({ endpoint: REST, 'post-id': thread });
      q(el, '[part=reply]').click();
      await type(el, 'content', 'Keep me');
      dispatchEvent(new Event('pagehide'));
      el.remove();
      el = await make({ endpoint: REST, 'post-id': thread });
      expect(text(el, 'h3')).to.equal('Reply to Ana');
      expect(q<HTMLTextAreaElement>(el, '[part=comment] textarea').value).to.equal('Keep me');
      [...qa(el, 'form button')].find((b) => b.textContent!.trim() === 'Cancel')!.click();
      await el.updateComplete;
      expect(text(el, 'h3')).to.equal('Leave a Comment');
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Keep me');
    });

    it('sends once on a double click', async () => {
      const thread = fresh();
      const el = await make({ endpoint: REST, 'post-id': thread });
      await fill(el);
      q(el, 'form .primary').scrollIntoView();
      const box = q(el, 'form .primary').getBoundingClientRect();
      const at = { position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] as [number, number] };
      await sendMouse({ type: 'move', ...at });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'up' });
      await until(() => qa(el, '[part=comment]').length === 1, 'the comment');
      await new Promise((r) => setTimeout(r, 200));
      expect(await sentTo(`${REST}/_sent?thread=${thread}`)).to.have.length(1);
      expect(qa(el, '[part=comment]')).to.have.length(1);
    });

    it('sends the spam-guard fields with the comment', async () => {
      const thread = fresh();
      const el = await make({ endpoint: REST, 'post-id': thread });
      await fill(el);
      await send(el);
      const [body] = await sentTo(`${REST}/_sent?thread=${thread}`);
      expect(body).to.include({ thread, name: 'Ana Reyes', email: 'ana@example.test', content: 'Very helpful, thank you.', firm_hp: '', parent: '' });
      expect(body.firm_elapsed).to.be.a('number').and.above(0);
    });

    it('shows a held comment to its author, awaiting moderation, through reloads until the server lists it', async () => {
      const thread = fresh();
      let el = await make({ endpoint: `${REST}?hold=1`, 'post-id': thread });
      const posted = sinon.spy();
      el.addEventListener('firm-comment-posted', posted);
      await fill(el);
      expect(await send(el)).to.equal('Your comment is awaiting moderation.');
      expect((posted.firstCall.args[0] as CommentEvent).detail.status).to.equal('hold');
      expect(text(el, '[part=pending]')).to.equal('Your comment is awaiting moderation.');
      expect(q(el, '[part=comment] [part=reply]')).to.be.null;
      expect(text(el, '[part=heading]')).to.equal('0 Comments');
      await expect(el).to.be.accessible();
      el.remove();
      el = await make({ endpoint: `${REST}?hold=1`, 'post-id': thread }, 'es');
      expect(text(el, '[part=pending]')).to.equal('Su comentario está pendiente de moderación.');
      const id = (await (await fetch(`${REST}/_sent?thread=${thread}`)).json()).length && (await postJson(`${REST}/_approve`, { thread, id: String((posted.firstCall.args[0] as CommentEvent).detail.id) }));
      expect(id && id.ok).to.be.true;
      el.remove();
      el = await make({ endpoint: `${REST}?hold=1`, 'post-id': thread });
      expect(qa(el, '[part=comment]')).to.have.length(1);
      expect(q(el, '[part=pending]')).to.be.null;
      expect(text(el, '[part=heading]')).to.equal('1 Comment');
      // Nothing held is left: no copy at all, not an empty list.
      expect(sessionStorage.getItem(`firm-widgets:draft:pending:comments:rest:${REST}?hold=1:${thread}`)).to.be.null;
    });

    const failures: [string, string, FailureCase][] = [
      ['500', 'The site had a problem. Your text is kept.', { kind: 'server', retry: true }],
      ['drop', 'Could not reach the site. Your text is kept.', { kind: 'unreachable', retry: true }],
      ['duplicate', 'You already sent this.', { kind: 'duplicate' }],
      ['closed', 'This form is closed.', { kind: 'closed' }],
      ['not-allowed', 'The site does not allow this. Your text is kept.', { kind: 'not-allowed', retry: true }],
      ['too-fast', 'Too fast. Please wait 2 minutes. Your text is kept.', { kind: 'too-fast', retry: true }],
    ];
    type FailureCase = { kind: string; retry?: boolean };
    for (const [fail, message, { kind, retry }] of failures) {
      it(`explains a refused or failed send (${fail}) and keeps the text`, async () => {
        const el = await make({ endpoint: `${REST}?fail=${fail}`, 'post-id': fresh() });
        const failed = sinon.spy();
        el.addEventListener('firm-comment-error', failed);
        await fill(el);
        expect(await send(el)).to.equal(message);
        // Trying again is offered where it can help: the send button says so.
        expect(text(el, 'form .primary')).to.equal(retry ? 'Try again' : 'Post Comment');
        expect((failed.firstCall.args[0] as CommentErrorEvent).detail.kind).to.equal(kind);
        expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Very helpful, thank you.');
        expect(qa(el, '[part=comment]')).to.have.length(0);
        await expect(el).to.be.accessible();
      });
    }

    it('ties the server’s field errors to the fields', async () => {
      const el = await make({ endpoint: `${REST}?badfield=url`, 'post-id': fresh() });
      await fill(el, { url: 'https://ok.example/' });
      expect(await send(el)).to.equal('Please check the form.');
      expect(qa<HTMLInputElement>(el, '[aria-invalid=true]').map((f) => f.name)).to.deep.equal(['url']);
      expect(el.shadowRoot!.activeElement).to.equal(q(el, '#url'));
    });

    it('says so when offline, and "Try again" sends once back online', async () => {
      const thread = fresh();
      const el = await make({ endpoint: REST, 'post-id': thread });
      await fill(el);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      try {
        expect(await send(el)).to.equal('You seem to be offline. Your text is kept.');
      } finally {
        delete (navigator as { onLine?: boolean }).onLine;
      }
      expect(text(el, 'form .primary')).to.equal('Try again');
      submit(el);
      await until(() => qa(el, '[part=comment]').length === 1, 'the comment after trying again');
      expect(await sentTo(`${REST}/_sent?thread=${thread}`)).to.have.length(1);
    });

    it('gives up after 15 seconds with no answer', async () => {
      const el = await make({ endpoint: `${REST}?fail=timeout`, 'post-id': fresh() });
      await fill(el);
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      submit(el);
      await clock.tickAsync(14900);
      expect(text(el, 'form [part=status]')).to.equal('Sending…');
      await clock.tickAsync(200);
      clock.restore();
      await until(() => !text(el, 'form [part=status]').startsWith('Sending'), 'the timeout');
      expect(text(el, 'form [part=status]')).to.equal('The site did not answer. Your text is kept.');
      expect(text(el, 'form .primary')).to.equal('Try again');
      expect(q<HTMLTextAreaElement>(el, 'textarea').value).to.equal('Very helpful, thank you.');
    });

    it('says when the list cannot be loaded, and tries again', async () => {
      const thread = fresh();
      await seedRest(thread, [{ author: 'Ana', content: 'x' }]);
      const el = await make({ endpoint: `${REST}?listfail=500`, 'post-id': thread });
      expect(text(el, '[part=status]')).to.equal('Could not load the comments.');
      expect(text(el, '[part=heading]')).to.equal('Comments');
      await expect(el).to.be.accessible();
      expect(text(el, '[part=more]')).to.equal('Try again');
      const fetches = sinon.spy(window, 'fetch');
      q(el, '[part=more]').click();
      await el.updateComplete;
      expect(text(el, '[part=status]')).to.equal('Loading comments…');
      await until(() => text(el, '[part=status]') === 'Could not load the comments.', 'the second failure');
      expect(fetches.calledOnce).to.be.true;
      el.endpoint = REST;
      await until(() => text(el, '[part=heading]') === '1 Comment', 'the list');
    });

    it('holds a screen’s height while loading, the form to follow the list, and is accessible then', async () => {
      const el = await fixture<FirmComments>(html`<firm-comments eager endpoint="${REST}?listfail=timeout" post-id=${fresh()}></firm-comments>`);
      expect(text(el, '[part=status]')).to.equal('Loading comments…');
      expect(el.getBoundingClientRect().height).to.be.at.least(innerHeight);
      expect(q(el, 'form')).to.be.null;
      await expect(el).to.be.accessible();
    });

    it('fetches nothing until it nears the viewport, unless eager', async () => {
      const fetches = sinon.spy(window, 'fetch');
      const wrap = await fixture(html`<div><div style="height: 4000px"></div><firm-comments endpoint=${REST} post-id=${fresh()}></firm-comments></div>`);
      const el = wrap.querySelector('firm-comments')!;
      // Its first render (the fixture waited for the wrapping div only; WebKit at load had not
      // rendered it 200 ms later), then a while in which nothing may be fetched.
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      expect(fetches.callCount).to.equal(0);
      expect(text(el, '[part=heading]')).to.equal('Comments');
      el.scrollIntoView();
      await settled(el);
      expect(fetches.callCount).to.equal(1);
      expect(text(el, '[part=heading]')).to.equal('0 Comments');
    });

    it('loads another thread when post-id changes, and several threads live side by side', async () => {
      const [a, b] = [fresh(), fresh()];
      await seedRest(a, [{ author: 'Ana', content: 'in a' }]);
      await seedRest(b, [{ author: 'Ben', content: 'in b' }, { author: 'Bea', content: 'in b' }]);
      const wrap = await fixture(html`<div>
        <firm-comments eager endpoint=${REST} post-id=${a}></firm-comments><firm-comments eager endpoint=${REST} post-id=${b}></firm-comments>
      </div>`);
      const [one, two] = [...wrap.querySelectorAll('firm-comments')];
      await settled(one);
      await settled(two);
      expect([text(one, '[part=heading]'), text(two, '[part=heading]')]).to.deep.equal(['1 Comment', '2 Comments']);
      one.postId = b;
      await until(() => text(one, '[part=heading]') === '2 Comments', 'thread b');
      expect(texts(one, '[part=author]')).to.deep.equal(['Ben', 'Bea']);
    });

    it('counts in Spanish', async () => {
      const thread = fresh();
      await seedRest(thread, [1, 2, 3].map((i) => ({ author: `P${i}`, content: 'x' })));
      const el = await make({ endpoint: REST, 'post-id': thread }, 'es');
      expect(text(el, '[part=heading]')).to.equal('3 comentarios');
      expect(text(el, '[part=reply]')).to.equal('Responder');
      expect(q(el, '[part=reply]').getAttribute('aria-label')).to.equal('Responder a P1');
      await expect(el).to.be.accessible();
    });
  });

  describe('configuration', () => {
    it('keeps the fallback content and warns once about an unknown source', async () => {
      const el = await fixture<FirmComments>(html`<firm-comments source="disqus">No comments yet.</firm-comments>`);
      el.requestUpdate();
      await el.updateComplete;
      expect(q(el, 'slot')).to.exist;
      expect(warnings.filter((w) => w.includes('source="disqus"'))).to.have.length(1);
      expect(warnings[0]).to.contain('<firm-comments>');
    });

    it('needs an endpoint for rest and WordPress, and a numeric post for WordPress', async () => {
      await fixture(html`<firm-comments source="rest"></firm-comments>`);
      await fixture(html`<firm-comments source="wordpress" endpoint="https://blog.example" post-id="hello-world"></firm-comments>`);
      expect(warnings.some((w) => w.includes('endpoint=""') && w.includes('source="rest"'))).to.be.true;
      expect(warnings.some((w) => w.includes('post-id="hello-world"'))).to.be.true;
    });

    it('falls back to oldest first and 20 a page on bad values, with a warning', async () => {
      const el = await make({ 'post-id': fresh(), order: 'random', 'page-size': 'lots' });
      expect([el.order, el.pageSize]).to.deep.equal(['oldest', 20]);
      expect(warnings.filter((w) => w.includes('order="random"') || w.includes('page-size="NaN"'))).to.have.length(2);
    });
  });
});
